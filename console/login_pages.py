"""Login and logout (console/web.py registers them): the throttle and the password check are console/users.py's,
the server-side session console/sessions.py's; here the form, the answers and where the browser goes next."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from flask import Flask, g, redirect, render_template, request, session, url_for
from sqlalchemy import Engine

from console.i18n import translate, when
from console.sessions import end_session, open_session
from console.users import LoginRefused, check_login


def safe_next(raw: str) -> str | None:
    """`raw` when it is a path of this site, else None. Browsers drop tabs and newlines and read a backslash
    as a slash, so `/%09/evil/` became `//evil/`, another site (review P2-1): anything but printable ASCII
    without a backslash is refused, and what is left must parse as a bare path (no scheme, no host)."""
    if not raw.startswith("/") or raw.startswith("//"):
        return None
    if any(not 0x21 <= ord(ch) < 0x7F or ch == "\\" for ch in raw):
        return None
    parts = urlsplit(raw)
    return raw if not parts.scheme and not parts.netloc and parts.path.startswith("/") else None


def login_path() -> str:
    """The login page's URL that brings the user back to this page, its query included."""
    here = request.full_path if request.query_string else request.path
    return url_for("login", next=here)


def client_address() -> str:
    """The source address the throttle counts: the peer, or what the trusted proxy said (console/deploy.py)."""
    return request.remote_addr or "-"


def register(app: Flask, engine: Engine, now: Callable[[], dt.datetime]) -> None:
    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        if request.method == "GET":
            return render_template("login.html", error="")
        try:
            user = check_login(
                engine,
                request.form.get("name", "").strip(),
                request.form.get("password", ""),
                now(),
                client_address(),
            )
        except LoginRefused as refused:
            if refused.code == "bad":
                return render_template(
                    "login.html", error=translate("console.wrong_user_name_or", g.lang)
                ), 401
            error = translate("console.too_many_tries_try", g.lang, until=when(refused.until))
            return render_template("login.html", error=error), 429
        lang = session.get("lang", "zh")
        old = session.get("sid")
        if old:
            end_session(engine, old)
        session.clear()  # a new session on login: no fixation
        session.update(sid=open_session(engine, user.name, now()), lang=lang, csrf=secrets.token_urlsafe(32))
        session.permanent = True
        return redirect(safe_next(request.args.get("next", "")) or url_for("overview"))

    @app.post("/logout")
    def logout() -> Any:
        token = session.get("sid")
        if token:
            end_session(engine, token)  # the server forgets it: a copy of the cookie opens nothing
        session.clear()
        return redirect(url_for("login"))
