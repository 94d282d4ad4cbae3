"""A plain HTTP client for the console served by waitress on a real socket: its own cookie, the CSRF token of
its session, and the source address it connects from (any 127.x.y.z is this machine's loopback on Linux, so
two clients can be two addresses to the login throttle without a proxy)."""

from __future__ import annotations

import http.client
import re
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from typing import Any

from flask import Flask

COOKIE = "hallpay_console"


@contextmanager
def served(app: Flask, threads: int = 8) -> Iterator[str]:
    """The app on waitress (console/deploy.py, the production server) on a free loopback port: its base URL."""
    from console.deploy import make_server

    server = make_server(app, "127.0.0.1", 0, threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        # stopped in the loop's own thread: closed from here, the listening socket could vanish under the
        # loop's select() (EBADF in the server thread, an unhandled-thread warning at the test's end)
        server.trigger.pull_trigger(lambda: _stop(server))
        thread.join(10)


def _stop(server: Any) -> None:
    """Every channel, the listening socket and the trigger closed: the loop's map is empty and run() returns."""
    from waitress import wasyncore

    server.task_dispatcher.shutdown()
    wasyncore.close_all(server._map)


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: str

    @property
    def location(self) -> str:
        return self.headers.get("Location", "")


@dataclass
class Client:
    base: str
    source: str = "127.0.0.1"
    headers: dict[str, str] = field(default_factory=dict)
    cookie: str = ""

    def request(self, method: str, path: str, form: dict[str, str] | None = None) -> Answer:
        url = urllib.parse.urlsplit(self.base)
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=60, source_address=(self.source, 0))
        headers = dict(self.headers)
        if self.cookie:
            headers["Cookie"] = f"{COOKIE}={self.cookie}"
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            answer = Answer(resp.status, resp.headers, resp.read().decode("utf-8"))
        finally:
            conn.close()
        for line in answer.headers.get_all("Set-Cookie") or []:
            jar = SimpleCookie()
            jar.load(line)
            if COOKIE in jar:
                self.cookie = jar[COOKIE].value
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def token(self, path: str = "/login") -> str:
        found = re.search(r'name="csrf_token" value="([^"]+)"', self.get(path).body)
        assert found, f"no form on {path}"
        return found.group(1)

    def login(self, name: str, password: str, token: str = "", path: str = "/login") -> Answer:
        form = {"name": name, "password": password, "csrf_token": token or self.token()}
        return self.request("POST", path, form)
