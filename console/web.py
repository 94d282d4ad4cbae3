"""The console's Flask application: login, role checks, CSRF, and the pages (templates in console/templates).

Security: the cookie is Flask's, signed with the key of console/secret.py, HttpOnly, SameSite=Lax, and Secure
whenever the request came over TLS (directly, or as the trusted proxy says: ProxyFix, `proxies`) or `secure` is
set; it holds a session token (console/sessions.py: the session lives on the server, logout ends it), a CSRF
token and the language, nothing else. Every POST carries the session's CSRF token or is refused before any
handler runs. Every page names the roles that may open it and is checked on the server from the user's row,
read again on each request with the session (a disabled user or a changed role takes effect at once).
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
import secrets
import tempfile
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

from flask import (
    Flask,
    Response,
    abort,
    g,
    has_request_context,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask.sessions import SecureCookieSessionInterface
from sqlalchemy import Engine
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from app.clock import FunctionClock, business_day, clock_from_env, utc_text
from app.errors import HallPayError
from app.messages import voice
from app.money import format_fen
from app.signing import Signer
from app.sync import CentralUnavailable
from console import admin_pages, audit_page, case_queries, login_pages, report_queries, terminal_queries
from console.health import health
from console.i18n import said, translate, when
from console.login_pages import login_path
from console.metrics import CONTENT_TYPE as METRICS_TYPE
from console.metrics import metrics_text
from console.notices import SAVED, notice
from console.sessions import session_user
from db.central.quarantine_post import post_entry
from db.central.store import CentralStore
from printing.day_report_pdf import day_report_pdf

Clock = Callable[[], dt.datetime]

FINANCE, IT, MANAGER = "finance", "it", "manager"
NAV = (  # (endpoint, label, roles)
    ("overview", "console.overview", (FINANCE, IT, MANAGER)),
    ("case_queue", "console.review_cases", (FINANCE, MANAGER)),
    ("alarms", "console.alarms", (IT, MANAGER, FINANCE)),
    ("terminal_list", "console.terminals", (IT, MANAGER)),
    ("provisioning", "console.provisioning", (IT, MANAGER)),
    ("books_audit", "console.books_audit", (IT,)),
    ("day_report", "console.day_report", (FINANCE, MANAGER)),
    ("clerk_report", "console.clerks_by_month", (FINANCE, MANAGER)),
    ("arrears_report", "console.arrears", (FINANCE, MANAGER)),
)


HSTS = "max-age=31536000"  # a year; no includeSubDomains: head office's other hosts are not ours to pin
CSP = (
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
)
__all__ = ["create_app", "when"]


class _CookieOverTls(SecureCookieSessionInterface):
    """Secure whenever this request came over TLS: behind nginx that is what the trusted proxy's
    X-Forwarded-Proto says (ProxyFix), so the flag no longer depends on the console holding the certificate."""

    def get_cookie_secure(self, app: Flask) -> bool:
        return bool(app.config["SESSION_COOKIE_SECURE"]) or (has_request_context() and request.is_secure)


def roles(*allowed: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def wrap(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def checked(*args: Any, **kwargs: Any) -> Any:
            if g.user is None:
                if request.method == "POST":
                    abort(401)
                return redirect(login_path())
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
    proxies: int = 0,
) -> Flask:
    """hq: head office's key (db/central/rowsign.py). A decision writes rows counters pull (a refund's balance and
    its order): signed with it; without it they are marked unsigned and every counter refuses the pull.
    secure: production behind TLS (the cookie is always Secure, HSTS on every answer). proxies: how many
    proxies in front are trusted to say the client's address and scheme (X-Forwarded-For/-Proto); 0 trusts
    none, so a client cannot forge its address to the login throttle."""
    app = Flask(__name__)
    app.session_interface = _CookieOverTls()
    if proxies:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)  # type: ignore[method-assign]
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
        if request.path in ("/healthz", "/metrics"):  # monitoring: no session, no cookie, no CSRF token
            return
        token = session.get("sid")
        g.user = session_user(engine, token, now()) if token else None
        if token and g.user is None:  # logged out elsewhere, expired, disabled: the cookie forgets it too
            session.pop("sid", None)
        g.lang = session.get("lang", "zh")
        if "csrf" not in session:
            session["csrf"] = secrets.token_urlsafe(32)
        if request.method == "POST":
            sent = request.form.get("csrf_token", "")
            if not sent or not hmac.compare_digest(sent, session["csrf"]):
                g.csrf_failed = True
                abort(400)

    @app.after_request
    def headers(resp: Response) -> Response:
        resp.headers["X-Frame-Options"] = "DENY"
        resp.headers["X-Content-Type-Options"] = "nosniff"
        resp.headers["Content-Security-Policy"] = CSP
        resp.headers["Referrer-Policy"] = "same-origin"
        resp.headers["Cache-Control"] = "no-store"
        if secure or request.is_secure:
            resp.headers["Strict-Transport-Security"] = HSTS
        return resp

    @app.context_processor
    def helpers() -> dict[str, Any]:
        user = g.get("user")
        return {
            "t": lambda s, **params: translate(s, g.get("lang", "zh"), **params),
            "yuan": lambda f: format_fen(int(f), grouped=True),
            "when": when,
            # 按方式 showed cash / wechat in the Chinese report (review P3-5): the counter's own labels
            "method": lambda m: voice(g.get("lang", "zh")).method(str(m)),
            "csrf_token": session.get("csrf", ""),
            "user": user,
            "lang": g.get("lang", "zh"),
            "nav": [(e, label) for e, label, rs in NAV if user is not None and user.role in rs],
        }

    def error_page(code: int, sentence: str) -> tuple[str, int]:
        return render_template("error.html", sentence=sentence), code

    sentences = {
        400: "console.the_request_is_not",
        401: "console.log_in_first",
        403: "console.you_may_not_open",
        404: "console.there_is_no_such",
        405: "console.this_page_does_not",
    }

    def http_error(e: HTTPException) -> Any:
        code = e.code or 500
        if code == 400 and g.get("csrf_failed"):
            return error_page(400, "console.the_form_expired_please")
        if code in sentences:
            return error_page(code, sentences[code])
        return e

    app.register_error_handler(HTTPException, http_error)

    def ledger_unavailable(_e: CentralUnavailable) -> Any:
        """The ledger did not answer in time (a link down, or the embedded file busy past its wait): one
        sentence and 503, never a stack trace; nothing was changed (each request is one transaction)."""
        return error_page(503, "console.ledger_busy")

    app.register_error_handler(CentralUnavailable, ledger_unavailable)

    @app.get("/lang/<code>")
    def switch_language(code: str) -> Any:
        session["lang"] = "en" if code == "en" else "zh"
        back = request.referrer or url_for("overview")
        return redirect(back if back.startswith(request.host_url) else url_for("overview"))

    login_pages.register(app, engine, now)

    @app.get("/metrics")
    def metrics() -> Any:
        return Response(metrics_text(engine, now()), mimetype=None, content_type=METRICS_TYPE)

    @app.get("/healthz")
    def healthz() -> Any:
        ok, body = health(engine)
        return jsonify(body), (200 if ok else 503)

    @app.get("/")
    @roles(FINANCE, IT, MANAGER)
    def overview() -> Any:
        return render_template(
            "overview.html",
            open_cases=case_queries.case_count(engine, resolved=False, money=True),
            open_alarms=case_queries.case_count(engine, resolved=False, money=False),
            terminals=terminal_queries.terminals(engine, verify=False),
            refunds=case_queries.refunds_ordered(engine),
        )

    def page_arg(name: str) -> int:
        raw = request.args.get(name, "1")
        if not raw.isdigit() or not 1 <= int(raw) <= 1_000_000:
            abort(400)
        return int(raw)

    def case_lists(money: bool = True) -> dict[str, Any]:
        """Both lists of the case page (or the alarms'), a page each (`page`, `done_page`), for one customer
        number when asked."""
        customer = request.args.get("customer", "").strip()[:32]
        lists: dict[str, Any] = {"customer": customer}
        for key, resolved, arg in (("open", False, "page"), ("done", True, "done_page")):
            page = page_arg(arg)
            total = case_queries.case_count(engine, resolved=resolved, money=money, customer=customer)
            lists[key] = case_queries.cases(
                engine, resolved=resolved, money=money, page=page, customer=customer
            )
            lists[f"{key}_pages"] = {
                "page": page,
                "total": total,
                "last": max(1, -(-total // case_queries.PER_PAGE)),
            }
        return lists

    @app.get("/cases")
    @roles(FINANCE, MANAGER)
    def case_queue() -> Any:
        return render_template("cases.html", **case_lists(), message=notice())

    @app.post("/cases/resolve")
    @roles(FINANCE)
    def resolve() -> Any:
        case_id, decision = request.form.get("case_id", ""), request.form.get("decision", "")
        if decision not in ("credit", "refund"):
            abort(400)
        try:
            store.resolve_case(case_id, g.user.name, decision, request.form.get("reason", ""))
        except HallPayError as error:
            return render_template("cases.html", **case_lists(), error=said(error, g.get("lang", "zh"))), 409
        return redirect(url_for("case_queue", msg=SAVED))

    @app.get("/alarms")
    @roles(IT, MANAGER, FINANCE)
    def alarms() -> Any:
        return render_template("alarms.html", **case_lists(money=False))

    @app.post("/alarms/acknowledge")
    @roles(IT)
    def acknowledge() -> Any:
        try:
            store.resolve_case(
                request.form.get("case_id", ""), g.user.name, "acknowledged", request.form.get("reason", "")
            )
        except HallPayError as error:
            return render_template(
                "alarms.html", **case_lists(money=False), error=said(error, g.get("lang", "zh"))
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
                "alarms.html", **case_lists(money=False), error=said(error, g.get("lang", "zh"))
            ), 409
        return redirect(url_for("alarms"))

    admin_pages.register(app, store, roles, IT, MANAGER)  # halls, terminals, clerks (role it acts)
    audit_page.register(app, store, roles, IT)  # the stored books against the fold of the journals

    @app.get("/terminals")
    @roles(IT, MANAGER)
    def terminal_list() -> Any:
        return render_template(
            "terminals.html", terminals=terminal_queries.terminals(engine, now=utc_text(now()))
        )

    def day_args() -> tuple[list[str], str, str]:
        halls = report_queries.halls(engine)
        hall = request.args.get("hall") or (halls[0] if halls else "")
        if hall and hall not in halls:  # a made-up hall rendered a zero report under its name (review P3-4)
            abort(404)
        day = request.args.get("day") or business_day(now()).isoformat()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", day):  # fromisoformat also takes week dates (2026-W48-1)
            abort(400)
        try:
            dt.date.fromisoformat(day)
        except ValueError:
            abort(400)
        return halls, hall, day

    @app.get("/reports/day")
    @roles(FINANCE, MANAGER)
    def day_report() -> Any:
        halls, hall, day = day_args()
        report = report_queries.hall_day(engine, hall, day, now()) if hall else None
        return render_template("day.html", halls=halls, hall=hall, day=day, report=report)

    @app.get("/reports/day.pdf")
    @roles(FINANCE, MANAGER)
    def day_report_file() -> Any:
        _halls, hall, day = day_args()
        if not hall:
            abort(404)
        report = report_queries.hall_day(engine, hall, day, now())
        with tempfile.TemporaryDirectory() as tmp:
            data = day_report_pdf(report, Path(tmp) / "day.pdf").read_bytes()
        from io import BytesIO

        return send_file(BytesIO(data), mimetype="application/pdf", download_name=f"day-{day}.pdf")

    @app.get("/reports/clerks")
    @roles(FINANCE, MANAGER)
    def clerk_report() -> Any:
        month = request.args.get("month") or business_day(now()).isoformat()[:7]
        try:
            lines = report_queries.clerk_month(engine, month, business_day(now()))
        except ValueError:
            abort(400)
        return render_template("clerks.html", month=month, lines=lines, message=notice(), error="")

    @app.get("/reports/arrears")
    @roles(FINANCE, MANAGER)
    def arrears_report() -> Any:
        data = report_queries.arrears(engine, business_day(now()))
        return render_template(
            "arrears.html", data=data, buckets=[b[0] for b in report_queries.AGE_BUCKETS], grades=sorted(data)
        )

    return app
