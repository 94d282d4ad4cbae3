"""Generated demo customers and bills, loaded in bulk into a terminal's local store.

Used by the bootstrap (`demo --customers N`, a fresh demo terminal) and by the bench; it lives in
db/ because it writes through the store's connection (db/bulk.py).
"""

from __future__ import annotations

import datetime as dt

from app.demo_data import DemoSpec, generate
from app.errors import HallPayError
from app.messages import coded
from app.progress import Progress, no_progress
from db.bulk import load_customers_and_bills
from db.local_store import LocalStore


def seed_generated(
    store: LocalStore,
    customers: int,
    today: dt.date,
    seed: int = 2026,
    months: int = 12,
    progress: Progress = no_progress,
) -> int:
    spec = DemoSpec(customers=customers, months=months, seed=seed)
    with store.uow() as uow:
        if uow.customers.get(str(spec.first_no)) is not None:
            raise coded(HallPayError, "demo.already_seeded")
        count = load_customers_and_bills(
            uow.connection, generate(spec, today), progress=progress, total=customers
        )
        uow.commit()
    return count
