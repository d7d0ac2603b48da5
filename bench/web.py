"""Load on ``veiviser serve``: a workshop of simulated participants, and raw throughput.

Starts the real server (uvicorn, one process, SQLite in WAL) on a free loopback port with a
workshop passcode and a fresh data folder. Every simulated participant is a keep-alive HTTP/1.1
connection that joins with the passcode, starts its own organisation and answers the founding
flow page by page, as a browser would (GET the page, POST the answer with its CSRF token, follow
the 303 to the next page). "Answer → next page" is the time from sending the POST to having the
whole next page.

1. single user: one participant alone, the same think time: the reference for this run.
2. workshop: N participants (default 50, 100, 200) at once, think time 2-5 s between answers,
   arriving (join, start) spread over --arrival seconds (default 60, as people come into a room;
   0 = everybody in the first think time): p50/p95/p99 answer → next page.
3. throughput: 100 connections answering with no think time for --duration seconds (a
   participant who finishes starts a new organisation): answers/s and mean latency, beside
   docassemble's published 73 requests/s (1,000 requests at 100 concurrent on two app servers).

The server's memory (peak RSS, from /proc) is sampled through each phase. The clients run in this
process on the same machine (loopback only), so they take CPU from the server: the figures are
a floor. Quick run: ``--sizes 20 --think 0.2 0.5 --duration 5``.

With ``--database URL`` (a PostgreSQL server) the same phases run twice in one run: first on
SQLite as above, then on a fresh database made on that server, with two separate server
processes (two ports, as two app machines behind a proxy) and the participants split between
them; the tables show both side by side, each against its own single-user reference.

Usage: python bench/web.py [--sizes 50 100 200] [--think 2 5] [--duration 20] [--connections 100]
                           [--database postgresql://...]
"""

from __future__ import annotations

import argparse
import asyncio
import html
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PASSCODE = "bench passcode"
DOCASSEMBLE_RPS = 73.0
CSRF = re.compile(r'name="csrf" value="([^"]+)"')
KIND = re.compile(r'data-kind="([a-z]+)"')
PAGE = re.compile(r'data-page="([a-z]+)"')
ROWS = re.compile(r'name="rows" value="(\d+)"')
ROLE = re.compile(r'id="role-0"')
STEP = re.compile(r'name="step" value="([^"]+)"')
EXAMPLE = re.compile(r'</strong> <span lang="[^"]+">(.*?)</span>', re.S)


class ServerError(RuntimeError):
    """A 5xx answer: counted as an error of the phase; the participant loads the page again."""


class Conn:
    """One keep-alive HTTP/1.1 connection with one cookie."""

    def __init__(self, port: int):
        self.port = port
        self.cookie = ""
        self.reader = self.writer = None

    async def open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)

    async def request(self, method: str, path: str, form: dict | None = None) -> tuple[int, dict, str]:
        body = urllib.parse.urlencode(form, doseq=True).encode() if form is not None else b""
        head = [f"{method} {path} HTTP/1.1", f"Host: 127.0.0.1:{self.port}", "Accept-Language: nb"]
        if self.cookie:
            head.append(f"Cookie: veiviser={self.cookie}")
        if form is not None:
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        status_line = b""
        for _attempt in range(2):  # the server closed an idle connection: open a new one, as browsers do
            try:
                self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + body)
                await self.writer.drain()
                status_line = await self.reader.readline()
            except ConnectionError:
                status_line = b""
            if status_line:
                break
            self.close()
            await self.open()
        status = int(status_line.split()[1])
        headers: dict[str, str] = {}
        while True:
            line = (await self.reader.readline()).decode()
            if line in ("\r\n", ""):
                break
            k, _, v = line.partition(":")
            k, v = k.strip().lower(), v.strip()
            if k == "set-cookie" and v.startswith("veiviser="):
                self.cookie = v.split(";")[0].split("=", 1)[1]
            headers[k] = v
        n = int(headers.get("content-length", "0"))
        data = await self.reader.readexactly(n) if n else b""
        return status, headers, data.decode("utf-8", "replace")

    async def post_follow(self, path: str, form: dict) -> str:
        status, headers, text = await self.request("POST", path, form)
        if status == 303:
            status, headers, text = await self.request("GET", headers["location"])
        if status >= 500:
            raise ServerError(f"{path}: HTTP {status}")
        return text

    def close(self) -> None:
        if self.writer:
            self.writer.close()


def answer_form(page: str) -> dict:
    """A valid answer for whatever this page asks (the same rules as the browser tests)."""
    csrf = CSRF.search(page).group(1)
    kind = KIND.search(page)
    if not kind:
        return {"csrf": csrf, "action": "go_on"}
    kind = kind.group(1)
    form: dict = {"csrf": csrf, "action": "answer", "step": STEP.search(page).group(1)}
    if kind in ("choice", "multichoice"):
        form["answer"] = re.search(r'id="answer-0" name="answer" value="([^"]+)"', page).group(1)
    elif kind == "yesno":
        form["answer"] = "yes"
    elif kind == "people":
        form["rows"] = ROWS.search(page).group(1)
        form["name-0"], form["name-1"] = "Amina Ali", "Omar Hassan"
        if ROLE.search(page):
            form["role-0"], form["role-1"] = "chair", "member"
    elif kind == "date":
        form["answer"] = "15.03.2026"
    elif kind in ("money", "integer"):
        form["answer"] = "200"
    elif kind == "phone":
        form["answer"] = "+47 912 34 567"
    elif kind == "email":
        form["answer"] = "leder@forening.no"
    elif kind == "longtext":
        form["answer"] = "Foreningen skal hjelpe kvinner i Drammen med å lære norsk og finne arbeid."
    elif 'class="error-summary"' in page and EXAMPLE.search(page):  # refused (e.g. the chair must
        form["answer"] = html.unescape(EXAMPLE.search(page).group(1))  # be present): the example answer
    else:
        form["answer"] = "Fjell bydelshus"
    return form


class Clock:
    """The throughput phase starts when every connection has joined and started (the slow
    resume-code hash is then behind it) and stops at ``stop``."""

    def __init__(self, n: int, duration: float):
        self.n, self.duration, self.ready = n, duration, 0
        self.go = asyncio.Event()
        self.start = self.stop = 0.0

    async def wait(self) -> None:
        self.ready += 1
        if self.ready == self.n:
            self.start = time.monotonic()
            self.stop = self.start + self.duration
            self.go.set()
        await self.go.wait()


async def participant(port: int | list[int], think: tuple[float, float], latencies: list[float], clock: Clock | None = None,
                      delay: float = 0.0, rng: random.Random | None = None, errors: list | None = None) -> int:
    """Join, start an organisation, answer the founding flow; returns the answers given."""
    rng = rng or random.Random()
    await asyncio.sleep(delay)
    c = Conn(port if isinstance(port, int) else port[0])
    await c.open()
    answers = 0
    first = True
    try:
        while True:
            _s, _h, page = await c.request("GET", "/join")
            if 'name="passcode"' in page:
                await c.post_follow("/join", {"csrf": CSRF.search(page).group(1), "passcode": PASSCODE})
            _s, _h, page = await c.request("GET", "/")
            await c.post_follow("/start", {"csrf": CSRF.search(page).group(1), "name": "Benkforening"})
            _s, _h, page = await c.request("GET", "/flow/founding")
            if clock is not None and first:
                await clock.wait()
                first = False
            for _ in range(200):
                kind = PAGE.search(page).group(1)
                if kind == "finished":
                    break
                if think[1] > 0:
                    await asyncio.sleep(rng.uniform(*think))
                form = answer_form(page)
                t0 = time.perf_counter()
                try:
                    page = await c.post_follow("/flow/founding", form)
                except ServerError as exc:  # not a confirmed answer: counted, then the page again
                    if errors is None:
                        raise
                    errors.append(str(exc))
                    _s, _h, page = await c.request("GET", "/flow/founding")
                    continue
                latencies.append(time.perf_counter() - t0)
                answers += 1
                if clock is not None and time.monotonic() >= clock.stop:
                    return answers
            else:
                raise RuntimeError("the flow did not end: " + re.sub(r"<[^>]+>", " ", page)[-800:])
            if clock is None:
                return answers
            await c.post_follow("/leave", {"csrf": CSRF.search(page).group(1)})
    finally:
        c.close()


class Server:
    def __init__(self, workers: int = 1, database: str | None = None, secret: bytes | None = None):
        self.tmp = tempfile.TemporaryDirectory(prefix="veiviser-bench-")
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        pf = Path(self.tmp.name) / "passcode"
        pf.write_text(PASSCODE, encoding="utf-8")
        self.data = Path(self.tmp.name) / "data"
        if secret is not None:  # the cookie key of another server: one key for every machine
            self.data.mkdir(mode=0o700)
            (self.data / "web-secret").write_bytes(secret)
        env = dict(os.environ)
        env.setdefault("VEIVISER_CACHE_DIR", str(Path(self.tmp.name) / "cache"))
        env.pop("VEIVISER_DATABASE_URL", None)
        extra = ["--database", database] if database else []
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "assistant", "serve", "--port", str(self.port), "--passcode-file", str(pf),
             "--data-dir", str(self.data), "--workers", str(workers), *extra], cwd=ROOT, env=env,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(600):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/static/veiviser.css", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("the server did not start")
        self.peak = 0
        self._sampling = False

    def pids(self) -> list[int]:
        """The server and its worker processes."""
        out, todo = [], [self.proc.pid]
        while todo:
            pid = todo.pop()
            out.append(pid)
            try:
                todo += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
            except OSError:
                pass
        return out

    def rss(self) -> int:
        total = 0
        for pid in self.pids():
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            except OSError:
                pass
        return total

    def sample(self):
        self.peak = self.rss()
        self._sampling = True

        def run():
            while self._sampling:
                self.peak = max(self.peak, self.rss())
                time.sleep(0.2)

        t = threading.Thread(target=run, daemon=True)
        t.start()
        return t

    def stop_sampling(self) -> int:
        self._sampling = False
        return self.peak

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)
        self.tmp.cleanup()


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))] * 1000


async def workshop(ports: list[int], n: int, think: tuple[float, float], seed: int, arrival: float,
                   errors: list | None = None) -> list[float]:
    lat: list[float] = []
    rng = random.Random(seed)
    await asyncio.gather(*(participant(ports[i % len(ports)], think, lat, delay=rng.uniform(0, max(arrival, think[1])),
                                       rng=random.Random(seed + i), errors=errors) for i in range(n)))
    return lat


async def throughput(ports: list[int], connections: int, duration: float,
                     errors: list | None = None) -> tuple[int, float, list[float]]:
    lat: list[float] = []
    clock = Clock(connections, duration)
    counts = await asyncio.gather(*(participant(ports[i % len(ports)], (0, 0), lat, clock=clock, errors=errors)
                                    for i in range(connections)))
    return sum(counts), time.monotonic() - clock.start, lat


class Servers:
    """The servers of one engine: one (SQLite, ``workers`` processes) or two on one PostgreSQL."""

    def __init__(self, workers: int, database: str | None):
        self.list = [Server(workers, database)]
        if database:
            secret = (self.list[0].data / "web-secret").read_bytes()
            self.list.append(Server(workers, database, secret=secret))
        self.ports = [s.port for s in self.list]

    def rss(self) -> int:
        return sum(s.rss() for s in self.list)

    def sample(self) -> None:
        for s in self.list:
            s.sample()

    def stop_sampling(self) -> int:
        return sum(s.stop_sampling() for s in self.list)

    def stop(self) -> None:
        for s in self.list:
            s.stop()


def measure(name: str, servers: Servers, args, think: tuple[float, float]) -> dict:
    mb = 1024 * 1024
    time.sleep(1 if args.workers > 1 or len(servers.list) > 1 else 0)
    print(f"{name}: {len(servers.list)} server(s) x {args.workers} worker(s), ports {servers.ports}, "
          f"idle RSS {servers.rss() / mb:.0f} MB (all processes), {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f} (other work on this machine)", flush=True)
    asyncio.run(workshop(servers.ports, 2, (0, 0), args.seed, 0))  # warm up (detector, templates)
    out: dict = {"name": name}
    servers.sample()
    single = asyncio.run(workshop(servers.ports[:1], 1, think, args.seed, 0))
    out["single"] = (single, servers.stop_sampling())
    out["sizes"] = {}
    out["errors"] = {}
    for n in args.sizes:
        servers.sample()
        errors: list[str] = []
        lat = asyncio.run(workshop(servers.ports, n, think, args.seed + n, args.arrival, errors))
        out["sizes"][n] = (lat, servers.stop_sampling())
        out["errors"][n] = errors
        print(f"  {name}: {n} participants done, {len(errors)} server errors", flush=True)
    servers.sample()
    errors = []
    count, elapsed, lat = asyncio.run(throughput(servers.ports, args.connections, args.duration, errors))
    out["throughput"] = (count, elapsed, lat, servers.stop_sampling())
    out["errors"]["throughput"] = errors
    out["load"] = os.getloadavg()[0]
    return out


def report(results: list[dict], args) -> None:
    mb = 1024 * 1024
    print()
    for r in results:
        single, peak = r["single"]
        print(f"{r['name']} single user: {len(single)} answers, p50 {statistics.median(single) * 1000:.1f} ms, "
              f"p95 {pct(single, 95):.1f} ms, peak RSS {peak / mb:.0f} MB")
    cols = [r["name"] for r in results]
    print("\n| participants | " + " | ".join(f"{c}: answers | errors | p50 ms | p95 ms | p99 ms | p95 / single p50 | "
                                            f"peak RSS MB" for c in cols) + " |")
    print("|---:|" + "---:|---:|---:|---:|---:|---:|---:|" * len(cols))
    for n in args.sizes:
        cells = []
        for r in results:
            ref = statistics.median(r["single"][0]) * 1000
            lat, peak = r["sizes"][n]
            cells.append(f"{len(lat)} | {len(r['errors'][n])} | {pct(lat, 50):.1f} | {pct(lat, 95):.1f} | {pct(lat, 99):.1f} | "
                         f"{pct(lat, 95) / ref:.1f}x | {peak / mb:.0f}")
        print(f"| {n} | " + " | ".join(cells) + " |")
    print(f"\n| throughput, {args.connections} connections, no think time | answers/s | HTTP requests/s | "
          f"mean ms | p95 ms | x docassemble's {DOCASSEMBLE_RPS:.0f} req/s | errors | peak RSS MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        count, elapsed, lat, peak = r["throughput"]
        rate = count / elapsed
        print(f"| {r['name']} ({elapsed:.1f} s, {count} answers) | {rate:.0f} | {2 * rate:.0f} | "
              f"{statistics.mean(lat) * 1000:.0f} | {pct(lat, 95):.0f} | {2 * rate / DOCASSEMBLE_RPS:.1f}x | "
              f"{len(r['errors']['throughput'])} | {peak / mb:.0f} |")
    if len(results) == 2:  # the second engine against the first, from the same run
        a, b = results
        rates = [r["throughput"][0] / r["throughput"][1] for r in results]
        parts = [f"{n} participants: p95 {pct(b['sizes'][n][0], 95) / pct(a['sizes'][n][0], 95):.2f}x, "
                 f"p99 {pct(b['sizes'][n][0], 99) / pct(a['sizes'][n][0], 99):.2f}x" for n in args.sizes]
        print(f"\n{b['name']} / {a['name']}: " + "; ".join(parts) + f"; throughput {rates[1] / rates[0]:.2f}x")
    print("\n(each answer is a POST and the GET of the next page: two HTTP requests)")
    print("load average at the end of each engine: " + ", ".join(f"{r['name']} {r['load']:.1f}" for r in results))


def fresh_database(url: str) -> tuple[str, str]:
    """A new empty database on the server ``url`` names: (its URL, its name)."""
    import uuid
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = "veiviser_bench_" + uuid.uuid4().hex[:8]
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc, "/" + name, p.query, p.fragment)), name


def drop_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[50, 100, 200])
    ap.add_argument("--think", type=float, nargs=2, default=[2.0, 5.0], metavar=("MIN", "MAX"))
    ap.add_argument("--arrival", type=float, default=60.0,
                    help="participants arrive (join and start) spread over this many seconds")
    ap.add_argument("--duration", type=float, default=20.0, help="seconds of the throughput phase")
    ap.add_argument("--connections", type=int, default=100)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workers", type=int, default=1, help="server processes (veiviser serve --workers)")
    ap.add_argument("--database", metavar="URL",
                    help="also run on a fresh database on this PostgreSQL server, with two server processes")
    args = ap.parse_args()
    think = (args.think[0], args.think[1])
    results = []
    servers = Servers(args.workers, None)
    try:
        results.append(measure("SQLite", servers, args, think))
    finally:
        servers.stop()
    if args.database:
        url, name = fresh_database(args.database)
        try:
            servers = Servers(args.workers, url)
            try:
                results.append(measure("PostgreSQL, 2 servers", servers, args, think))
            finally:
                servers.stop()
        finally:
            drop_database(args.database, name)
    report(results, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
