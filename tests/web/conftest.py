"""A real server process (``veiviser serve`` under uvicorn) on a free loopback port, started
with a workshop passcode, and Debian's chromium driven by Playwright (never a downloaded
browser). Browser tests are skipped, with the reason, only when /usr/bin/chromium is missing;
.ci/run installs it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("VEIVISER_CHROMIUM", "/usr/bin/chromium")
AXE = Path(os.environ.get("VEIVISER_AXE", ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"))
PASSCODE = "blue lake 42"
ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, tmp: Path, passcode: str | None = PASSCODE, host: str = "127.0.0.1", extra: tuple = ()):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.data = tmp / "data"
        cmd = [sys.executable, "-m", "assistant", "serve", "--host", host, "--port", str(self.port),
               "--data-dir", str(self.data), *extra]
        if passcode is not None:
            pf = tmp / "passcode.txt"
            pf.write_text(passcode + "\n", encoding="utf-8")
            cmd += ["--passcode-file", str(pf)]
        env = dict(os.environ)
        env.pop("VEIVISER_PASSCODE", None)
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 60
        while True:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited: " + self.proc.stdout.read().decode())
            try:
                urllib.request.urlopen(self.url + "/static/veiviser.css", timeout=2).read()
                break
            except OSError:
                if time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError("server did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    s = Server(tmp_path_factory.mktemp("web"))
    yield s
    s.stop()


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM}: apt-get install -y chromium (.ci/run does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    ctx = browser.new_context(accept_downloads=True, locale="nb-NO")
    ctx.set_default_timeout(8000)
    yield ctx
    ctx.close()


def join(page, server, passcode: str = PASSCODE) -> None:
    page.goto(server.url + "/")
    page.fill("#passcode", passcode)
    page.click("main button[type=submit]")


def start_org(page, name: str) -> str:
    """Start an organisation on the start page; returns the resume code shown once."""
    page.fill("#name", name)
    page.click("form[action='/start'] button")
    code = page.inner_text("#resume-code").strip()
    page.click("a.button")
    return code


FOUNDERS = ["Amina Ali", "Omar Hassan", "Sara Haile"]


def answer_current(page, text: str = "Test") -> str:
    """Answer whatever the page asks with a valid answer; returns the kind of page it was."""
    form = page.locator("form.question")
    if form.count() == 0:
        go_on = page.locator("button[value=go_on]")
        if go_on.count():
            go_on.first.click()
            return "go_on"
        return "end"
    kind = form.get_attribute("data-kind")
    if kind in ("choice", "yesno"):
        page.check("#answer-0")
    elif kind == "multichoice":
        page.check("#answer-0")
    elif kind == "people":
        for i, name in enumerate(FOUNDERS[:2]):
            page.fill(f"#name-{i}", name)
            role = page.locator(f"#role-{i}")
            if role.count():
                role.select_option("chair" if i == 0 else "member")
    elif kind == "date":
        page.fill("#answer", "15.03.2026")
    elif kind in ("money", "integer"):
        page.fill("#answer", "200")
    elif kind == "phone":
        page.fill("#answer", "+47 912 34 567")
    elif kind == "email":
        page.fill("#answer", "leder@forening.no")
    elif kind == "longtext":
        page.fill("#answer", "Foreningen skal hjelpe kvinner i Drammen med å lære norsk og finne arbeid.")
    else:
        offered = page.locator("#known-people option")  # choose_from: the people named before
        if offered.count():
            step = page.get_attribute("input[name=step]", "value")
            for name in [offered.nth(i).get_attribute("value") for i in range(offered.count())]:
                page.fill("#answer", name)
                page.click("button[value=answer]")
                # a rule across answers refused this person (the auditor is on the board): the next
                if not (page.locator(".error-summary").count() and
                        page.locator(f"input[name=step][value='{step}']").count()):
                    return kind
            page.fill("#answer", text)  # nobody offered fits: someone else
        elif not page.input_value("#answer"):
            page.fill("#answer", text)
    page.click("button[value=answer]")
    return kind
