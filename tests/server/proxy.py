"""A TCP relay in front of the test PostgreSQL: the database "goes away" for the servers behind it
(every open connection cut, new ones refused, as when PostgreSQL restarts or the network between
the machines fails) and comes back, without stopping the cluster the other tests share."""

from __future__ import annotations

import socket
import threading
from urllib.parse import urlsplit, urlunsplit


def _target(url: str) -> tuple[int, object]:
    """(address family, address) of the PostgreSQL server ``url`` names."""
    from psycopg.conninfo import conninfo_to_dict

    info = conninfo_to_dict(url)
    host = str(info.get("host") or "/var/run/postgresql")
    port = int(info.get("port") or 5432)
    if host.startswith("/"):
        return socket.AF_UNIX, f"{host}/.s.PGSQL.{port}"
    return socket.AF_INET, (host, port)


class Relay:
    def __init__(self, url: str):
        self.url = url
        self.family, self.address = _target(url)
        self.lock = threading.Lock()
        self.pairs: list[tuple[socket.socket, socket.socket]] = []
        self.listener: socket.socket | None = None
        self.port = 0
        self.up()

    @property
    def database_url(self) -> str:
        """``url`` with its host and port replaced by this relay's (the database name kept)."""
        parts = urlsplit(self.url)
        user = parts.netloc.rsplit("@", 1)[0] + "@" if "@" in parts.netloc else ""
        return urlunsplit((parts.scheme, f"{user}127.0.0.1:{self.port}", parts.path, "", ""))

    def up(self) -> None:
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", self.port))
        s.listen(64)
        self.port = s.getsockname()[1]
        self.listener = s
        threading.Thread(target=self._accept, args=(s,), daemon=True).start()

    def down(self) -> None:
        """Refuse new connections and cut every open one."""
        with self.lock:
            listener, self.listener = self.listener, None
            pairs, self.pairs = self.pairs, []
        if listener is not None:
            try:
                listener.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            listener.close()
        for a, b in pairs:
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                s.close()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return  # down()
            try:
                server = socket.socket(self.family, socket.SOCK_STREAM)
                server.connect(self.address)
            except OSError:
                client.close()
                continue
            with self.lock:
                if self.listener is not listener:  # went down meanwhile
                    client.close()
                    server.close()
                    return
                self.pairs.append((client, server))
            for a, b in ((client, server), (server, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while data := src.recv(65536):
                dst.sendall(data)
        except OSError:
            pass
        for s in (src, dst):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
