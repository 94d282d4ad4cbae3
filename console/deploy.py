"""The console in production: waitress serves it, and `console check` says which settings are unsafe.

Why waitress (docs/install.md says it for IT): a pure-Python server with no C extension and no fork, the same on
head office's Linux server, on a Windows PC and inside the tests (the browser test runs the console on it); it
reads each request whole and buffers each answer before a worker thread sees it, so a slow or hostile client
never holds one of the threads (gunicorn's sync workers need nginx's buffering for that); its threads suit pages
that wait on PostgreSQL. gunicorn's forked workers would buy CPU parallelism the console does not need, and do
not run on Windows. Waitress speaks no TLS: nginx in front does (docs/install.md), and the console trusts it to
say the client's address and scheme (`--proxies`, ProxyFix in console/web.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask

LOOPBACK = ("127.0.0.1", "::1", "localhost")
WILDCARD = ("0.0.0.0", "::", "")
THREADS = 8
BODY_MAX = 64 * 1024  # the console's forms are small (Flask's MAX_CONTENT_LENGTH says the same)


@dataclass(frozen=True)
class Deployment:
    """What `console check` looks at (cli/console.py fills it from the options and the ledger)."""

    host: str
    proxies: int
    embedded: bool  # the demo's central.db, not head office's PostgreSQL
    hq_key: bool  # this process holds head office's key (decisions are signed)
    users: int


def findings(d: Deployment) -> list[tuple[str, dict[str, Any]]]:
    """Each unsafe setting for production as (message code, parameters); [] when fit (Django's check --deploy)."""
    found: list[tuple[str, dict[str, Any]]] = []
    if d.embedded:
        found.append(("console_check.embedded", {}))
    if not d.hq_key:
        found.append(("console_check.no_hq_key", {}))
    if d.proxies < 1:
        found.append(("console_check.no_proxy", {}))
    if d.host in WILDCARD:
        found.append(("console_check.public_host", {"host": d.host or "*"}))
    if d.users < 1:
        found.append(("console_check.no_users", {}))
    return found


def make_server(app: Flask, host: str, port: int, threads: int = THREADS) -> Any:
    """A waitress server bound to (host, port): `.run()` serves, `.close()` stops; port 0 picks a free one
    (`.effective_port`). No Server header: the version of nothing is told."""
    from waitress.server import create_server

    return create_server(
        app,
        host=host,
        port=port,
        threads=threads,
        ident="",
        max_request_body_size=BODY_MAX,
        channel_timeout=60,
        clear_untrusted_proxy_headers=False,  # ProxyFix (console/web.py) decides whom to believe
    )
