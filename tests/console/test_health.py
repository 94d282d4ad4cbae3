"""`/healthz` (issue 31): monitoring asks the console, without a login, whether the central ledger answers and
its schema is at head; the answer names no host, user, path or key, and sets no cookie."""

from __future__ import annotations

from sqlalchemy import create_engine, text

from db.central.engine import CENTRAL_SCRIPTS
from db.migrate import _head_from_files


def test_healthy_without_a_login_and_without_a_secret(app, central):
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 200
    assert resp.get_json() == {
        "status": "ok",
        "database": "ok",
        "migrations": "head",
        "revision": _head_from_files(CENTRAL_SCRIPTS),
        "head": _head_from_files(CENTRAL_SCRIPTS),
    }
    assert "Set-Cookie" not in resp.headers
    body = resp.get_data(as_text=True)
    assert str(central.engine.url.database) not in body and "sqlite" not in body and "hq.key" not in body


def test_a_ledger_behind_the_program_is_unhealthy(app, central):
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE central_alembic_version SET version_num = 'c0016'"))
    resp = app.test_client().get("/healthz")
    assert resp.status_code == 503
    assert resp.get_json()["migrations"] == "behind" and resp.get_json()["revision"] == "c0016"


def test_a_ledger_that_does_not_answer_is_unhealthy_and_not_named():
    from console.web import create_app

    url = "postgresql+psycopg://hallpay:s3cret-pass@127.0.0.1:1/hallpay"  # nothing listens on port 1
    engine = create_engine(url, connect_args={"connect_timeout": 2})
    try:
        resp = create_app(engine, secret_key=b"k" * 32).test_client().get("/healthz")
    finally:
        engine.dispose()
    assert resp.status_code == 503
    assert resp.get_json()["database"] == "unreachable"
    body = resp.get_data(as_text=True)
    assert "s3cret" not in body and "127.0.0.1" not in body and "hallpay" not in body
