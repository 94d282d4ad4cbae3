"""The console's provisioning page (issue 21, role it): halls, terminals (approve, a pending key, key history,
retire a key) and clerks (add, disable, one-time PINs), through db/central/admin.py's CentralAdmin: the same
calls, rules (app/provisioning.py) and audit trail as `python main.py central …`, with the console user as the
actor. A one-time PIN is shown once, on the page the act answers with (never in a URL, never stored). Also the
manager's one act of the same kind: which clerk answers for a customer area (the clerk report's 回收率).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask, g, redirect, render_template, request, url_for

from app.errors import HallPayError
from console import admin_queries
from console.i18n import said
from console.notices import NOTICES, SAVED, notice
from db.central.admin import CentralAdmin
from db.central.store import CentralStore

Roles = Callable[..., Callable[[Callable[..., Any]], Callable[..., Any]]]


def register(app: Flask, store: CentralStore, roles: Roles, it: str, manager: str) -> None:
    """The page and its acts on `app`; `roles` is the console's server-side role check (console/web.py)."""
    engine = store.engine
    admin = CentralAdmin(engine, store.hq, store.clock)

    def page(
        status: int = 200, *, message: str = "", error: str = "", pin: tuple[str, str] | None = None
    ) -> Any:
        return render_template(
            "provisioning.html",
            halls=admin_queries.hall_rows(engine),
            terminals=admin_queries.provisioned_terminals(engine),
            clerks=admin_queries.clerk_rows(engine),
            audit=admin_queries.audit_rows(engine),
            message=message,
            error=error,
            pin=pin,
        ), status

    @app.get("/provisioning")
    @roles(it, manager)
    def provisioning() -> Any:
        return page(message=notice())

    def act(do: Callable[[str, Any], str | tuple[str, str] | None]) -> Any:
        """Run one act with the form's fields; a refusal is its sentence on the page (409), nothing changed."""
        try:
            admin.certify_due()  # keys registered since, that head office can vouch for (db/central/certify.py)
            done = do(g.user.name, request.form)
        except HallPayError as error:
            return page(409, error=said(error, g.get("lang", "zh")))
        if isinstance(done, tuple):  # (clerk id, one-time PIN): shown on this answer only
            return page(message=NOTICES[SAVED], pin=done)
        return redirect(url_for("provisioning", msg=SAVED))

    @app.post("/provisioning/hall")
    @roles(it)
    def hall_add() -> Any:
        return act(lambda who, f: admin.add_hall(who, f.get("hall_id", ""), f.get("name", "")))

    @app.post("/provisioning/terminal")
    @roles(it)
    def terminal_add() -> Any:
        return act(lambda who, f: admin.add_terminal(who, f.get("terminal_id", ""), f.get("hall_id", "")))

    @app.post("/provisioning/terminal/approve")
    @roles(it)
    def terminal_approve() -> Any:
        return act(
            lambda who, f: (
                admin.approve_terminal(who, f.get("terminal_id", ""), f.get("fingerprint", "")) and None
            )
        )

    @app.post("/provisioning/terminal/retire-key")
    @roles(it)
    def key_retire() -> Any:
        return act(lambda who, f: admin.retire_key(who, f.get("terminal_id", ""), f.get("fingerprint", "")))

    @app.post("/provisioning/clerk")
    @roles(it)
    def clerk_add() -> Any:
        def add(who: str, f: Any) -> tuple[str, str]:
            clerk = f.get("clerk_id", "").strip()
            return clerk, admin.add_clerk(
                who, clerk, f.get("name", ""), f.get("role", ""), f.get("hall_id", "")
            )

        return act(add)

    @app.post("/provisioning/clerk/disable")
    @roles(it)
    def clerk_disable() -> Any:
        return act(lambda who, f: admin.disable_clerk(who, f.get("clerk_id", "").strip()))

    @app.post("/reports/clerks/area")
    @roles(manager)
    def area_assign() -> Any:
        """收费责任制: the clerk who answers for a customer area (the clerk report's collection rate)."""
        month = request.form.get("month", "")
        try:
            admin.assign_area(g.user.name, request.form.get("area", ""), request.form.get("clerk_id", ""))
        except HallPayError as error:
            return render_template(
                "clerks.html", month=month, lines=[], message="", error=said(error, g.get("lang", "zh"))
            ), 409
        return redirect(url_for("clerk_report", month=month or None, msg=SAVED))

    @app.post("/provisioning/clerk/reset-pin")
    @roles(it)
    def clerk_reset_pin() -> Any:
        def reset(who: str, f: Any) -> tuple[str, str]:
            clerk = f.get("clerk_id", "").strip()
            return clerk, admin.reset_pin(who, clerk)

        return act(reset)
