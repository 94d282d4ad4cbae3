"""The console's audit page for IT (issue 29 step 3): head office's stored books against the fold of the
journals (db/central/audit_record.py, the engine of `central audit --recompute`).

GET shows the last audit's result (the command's or this page's, kept in central_meta). POST recomputes one
customer (a whole-ledger recompute takes minutes on a province: that is the command's job, run nightly, and the
page shows its result) and shows it. Role it only; the POST carries the session's CSRF token like every form.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, g, render_template, request

from app.clock import utc_text
from app.messages import voice
from console.admin_pages import Roles
from db.central.audit_record import AuditResult, last_audit, recompute_books, said
from db.central.store import CentralStore


def sentences(result: AuditResult | None, lang: str) -> list[str]:
    """One sentence per difference kept, in the session's language."""
    if result is None:
        return []
    speak = voice(lang)
    return [speak.say(*said(d)) for d in result.differences]


def register(app: Flask, store: CentralStore, roles: Roles, it: str) -> None:
    engine = store.engine

    def page(result: AuditResult | None, status: int = 200, error: str = "") -> Any:
        lang = g.get("lang", "zh")
        return render_template(
            "audit.html", result=result, lines=sentences(result, lang), error=error
        ), status

    @app.get("/audit")
    @roles(it)
    def books_audit() -> Any:
        return page(last_audit(engine))

    @app.post("/audit/recompute")
    @roles(it)
    def books_recompute() -> Any:
        customer = request.form.get("customer_no", "").strip()
        if not customer:
            return page(last_audit(engine), 400, "console.audit_customer_needed")
        return page(recompute_books(engine, utc_text(store.clock.now_utc()), customer))
