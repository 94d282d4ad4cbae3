"""The console's Flask application: login, role checks, CSRF, and the pages (templates in console/templates).

Security: the session is Flask's signed cookie (a random key per start), HttpOnly, SameSite=Lax, and Secure
when served over TLS; it holds the user's name, a CSRF token and the language, nothing else. Every POST
carries the session's CSRF token or is refused before any handler runs. Every page names the roles that
may open it and is checked on the server from the user's row, read again on each request (a disabled
user or a changed role takes effect at once).
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
import tempfile
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from flask import Flask, Response, abort, g, redirect, render_template, request, send_file, session, url_for
from sqlalchemy import Engine

from app.clock import FunctionClock, business_day, clock_from_env, local_text
from app.errors import HallPayError
from app.money import format_fen
from app.signing import Signer
from console import admin_pages, queries
from console.i18n import translate
from console.users import LoginRefused, check_login, get_user
from db.central.quarantine_post import post_entry
from db.central.store import CentralStore
from printing.day_report_pdf import day_report_pdf

Clock = Callable[[], dt.datetime]

FINANCE, IT, MANAGER = "finance", "it", "manager"
NAV = (  # (endpoint, label, roles)
    ("overview", "概览", (FINANCE, IT, MANAGER)),
    ("case_queue", "待查事项", (FINANCE, MANAGER)),
    ("alarms", "告警", (IT, MANAGER, FINANCE)),
    ("terminal_list", "终端", (IT, MANAGER)),
    ("provisioning", "开通管理", (IT, MANAGER)),
    ("day_report", "日报", (FINANCE, MANAGER)),
    ("clerk_report", "收费员月报", (FINANCE, MANAGER)),
    ("arrears_report", "欠费分析", (FINANCE, MANAGER)),
)


def when(utc: str | None) -> str:
    """A stored UTC instant as the Shanghai wall-clock time a person reads ("" stays "—")."""
    if not utc:
        return "—"
    try:
        return local_text(dt.datetime.fromisoformat(utc.replace("Z", "+00:00")))
    except ValueError:
        return utc


def roles(*allowed: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def wrap(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if g.user is None:
                if request.method == "POST":
                    abort(401)
                return redirect(url_for("login", next=request.path))
            if g.user.role not in allowed:
                abort(403)
            return view(*args, **kwargs)

        checked.allowed_roles = allowed  # type: ignore[attr-defined]
        return checked

    return wrap


def create_app(
    engine: Engine,
    *,
    clock: Clock | None = None,
    secure: bool = False,
    secret_key: bytes | None = None,
    hq: Signer | None = None,
) -> Flask:
    """hq: head office's key (db/central/rowsign.py). A decision writes rows counters pull (a refund's balance and
    its order): signed with it; without it they are marked unsigned and every counter refuses the pull."""
    app = Flask(__name__)
    now: Clock = clock or clock_from_env().now_utc  # the process's clock (app/clock.py), as head office's
    app.config.update(
        SECRET_KEY=secret_key or secrets.token_bytes(32),
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        SESSION_COOKIE_NAME="hallpay_console",
        PERMANENT_SESSION_LIFETIME=dt.timedelta(hours=8),
        MAX_CONTENT_LENGTH=64 * 1024,
    )
    store = CentralStore(engine, hq, clock=FunctionClock(now))

    @app.before_request
    def load_user() -> None:
        name = session.get("user")
        g.user = get_user(engine, name) if name else None
        g.lang = session.get("lang", "zh")
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        if request.method == "POST":
            sent = request.form.get("csrf_token", "")
            if not sent or not hmac.compare_digest(sent, session["csrf"]):
                abort(400, description="csrf")

    @app.after_request
    def headers(resp: Response) -> Response:
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Content-Security-Policy"] = (
            "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:"
        )
        resp.headers["Cache-Control"] = "no-store"
        return resp

    @app.context_processor
    def helpers() -> dict[str, Any]:
        user = g.get("user")
        return {
            "t": lambda s: translate(s, g.get("lang", "zh")),
            "yuan": lambda f: format_fen(int(f), grouped=True),
            "when": when,
            "csrf_token": session.get("csrf", ""),
            "user": user,
            "lang": g.get("lang", "zh"),
            "nav": [(e, label) for e, label, rs in NAV if user is not None and user.role in rs],
        }

    def error_page(code: int, sentence: str) -> tuple[str, int]:
        return render_template("error.html", sentence=sentence), code

    app.register_error_handler(403, lambda e: error_page(403, "无权查看此页。"))
    app.register_error_handler(400, lambda e: error_page(400, "表单已过期，请重新提交。"))
    app.register_error_handler(401, lambda e: error_page(401, "请先登录。"))

    @app.get("/lang/<code>")
    def switch_language(code: str) -> Any:
        session["lang"] = "en" if code == "en" else "zh"
        back = request.referrer or url_for("overview")
        return redirect(back if back.startswith(request.host_url) else url_for("overview"))

    @app.route("/login", methods=["GET", "POST"])
    def login() -> Any:
        error = ""
        if request.method == "POST":
            try:
                user = check_login(
                    engine, request.form.get("name", "").strip(), request.form.get("password", ""), now()
                )
            except LoginRefused as refused:
                error = (
                    translate("用户名或密码不对。", g.lang)
                    if refused.code == "bad"
                    else f"{translate('密码错误次数过多，账户已锁定至', g.lang)} {refused.until}"
                )
                return render_template("login.html", error=error), 429 if refused.code == "locked" else 401
            lang = session.get("lang", "zh")
            session.clear()  # a new session on login: no fixation
            session.update(user=user.name, lang=lang, csrf=secrets.token_urlsafe(32))
            session.permanent = True
            nxt = request.args.get("next", "")
            return redirect(nxt if nxt.startswith("/") and not nxt.startswith("//") else url_for("overview"))
        return render_template("login.html", error=error)

    @app.post("/logout")
    def logout() -> Any:
        session.clear()
        return redirect(url_for("login"))

    @app.get("/")
    @roles(FINANCE, IT, MANAGER)
    def overview() -> Any:
        return render_template(
            "overview.html",
            open_cases=len(queries.cases(engine, resolved=False, money=True)),
            open_alarms=len(queries.cases(engine, resolved=False, money=False)),
            terminals=queries.terminals(engine),
            refunds=queries.refunds_ordered(engine),
        )

    @app.get("/cases")
    @roles(FINANCE, MANAGER)
    def case_queue() -> Any:
        return render_template(
            "cases.html",
            open=queries.cases(engine, resolved=False, money=True),
            done=queries.cases(engine, resolved=True, money=True),
            message=request.args.get("msg", ""),
        )

    @app.post("/cases/resolve")
    @roles(FINANCE)
    def resolve() -> Any:
        case_id, decision = request.form.get("case_id", ""), request.form.get("decision", "")
        if decision not in ("credit", "refund"):
            abort(400)
        try:
            store.resolve_case(case_id, g.user.name, decision, request.form.get("reason", ""))
        except HallPayError as error:
            return render_template(
                "cases.html",
                open=queries.cases(engine, resolved=False, money=True),
                done=queries.cases(engine, resolved=True, money=True),
                error=str(error),
            ), 409
        return redirect(url_for("case_queue", msg="已保存。"))

    @app.get("/alarms")
    @roles(IT, MANAGER, FINANCE)
    def alarms() -> Any:
        return render_template(
            "alarms.html",
            open=queries.cases(engine, resolved=False, money=False),
            done=queries.cases(engine, resolved=True, money=False),
        )

    @app.post("/alarms/acknowledge")
    @roles(IT)
    def acknowledge() -> Any:
        try:
            store.resolve_case(
                request.form.get("case_id", ""), g.user.name, "acknowledged", request.form.get("reason", "")
            )
        except HallPayError as error:
            return render_template(
                "alarms.html",
                open=queries.cases(engine, resolved=False, money=False),
                done=queries.cases(engine, resolved=True, money=False),
                error=str(error),
            ), 409
        return redirect(url_for("alarms"))

    @app.post("/alarms/post")
    @roles(FINANCE)
    def post_held() -> Any:
        """A forked terminal's quarantined payment into the books, once (db/central/quarantine_post.py)."""
        try:
            post_entry(store, request.form.get("entry_id", ""), g.user.name, request.form.get("reason", ""))
        except HallPayError as error:
            return render_template(
                "alarms.html",
                open=queries.cases(engine, resolved=False, money=False),
                done=queries.cases(engine, resolved=True, money=False),
                error=str(error),
            ), 409
        return redirect(url_for("alarms"))

    admin_pages.register(app, store, roles, IT, MANAGER)  # halls, terminals, clerks (role it acts)

    @app.get("/terminals")
    @roles(IT, MANAGER)
    def terminal_list() -> Any:
        return render_template("terminals.html", terminals=queries.terminals(engine))

    def day_args() -> tuple[list[str], str, str]:
        halls = queries.halls(engine)
        hall = request.args.get("hall") or (halls[0] if halls else "")
        day = request.args.get("day") or business_day(now()).isoformat()
        try:
            dt.date.fromisoformat(day)
        except ValueError:
            abort(400)
        return halls, hall, day

    @app.get("/reports/day")
    @roles(FINANCE, MANAGER)
    def day_report() -> Any:
        halls, hall, day = day_args()
        report = queries.hall_day(engine, hall, day, now()) if hall else None
        return render_template("day.html", halls=halls, hall=hall, day=day, report=report)

    @app.get("/reports/day.pdf")
    @roles(FINANCE, MANAGER)
    def day_report_file() -> Any:
        _halls, hall, day = day_args()
        if not hall:
            abort(404)
        report = queries.hall_day(engine, hall, day, now())
        with tempfile.TemporaryDirectory() as tmp:
            data = day_report_pdf(report, Path(tmp) / "day.pdf").read_bytes()
        from io import BytesIO

        return send_file(BytesIO(data), mimetype="application/pdf", download_name=f"day-{day}.pdf")

    @app.get("/reports/clerks")
    @roles(FINANCE, MANAGER)
    def clerk_report() -> Any:
        month = request.args.get("month") or business_day(now()).isoformat()[:7]
        try:
            lines = queries.clerk_month(engine, month, business_day(now()))
        except ValueError:
            abort(400)
        return render_template(
            "clerks.html", month=month, lines=lines, message=request.args.get("msg", ""), error=""
        )

    @app.get("/reports/arrears")
    @roles(FINANCE, MANAGER)
    def arrears_report() -> Any:
        data = queries.arrears(engine, business_day(now()))
        return render_template(
            "arrears.html", data=data, buckets=[b[0] for b in queries.AGE_BUCKETS], grades=sorted(data)
        )

    return app
