"""The local store's tables (SQLAlchemy Core). One SQLite file per terminal.

Money columns end in _fen and are integers. Dates are ISO text (YYYY-MM-DD), instants are UTC
ISO text. The Alembic migrations in db/migrations/local create exactly these tables; a test checks
that the migrated schema and this metadata agree.
"""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

meta = Table(
    "meta",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

policy_values = Table(
    "policy_values",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

clerks = Table(
    "clerks",
    metadata,
    Column("clerk_id", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", String, nullable=False),  # clerk | supervisor | admin
    Column("pin_hash", Text, nullable=False, server_default=""),  # l0006: scrypt, app/auth.py
    Column("failed_attempts", Integer, nullable=False, server_default="0"),
    Column("locked_until", String, nullable=True),
    Column("active", Integer, nullable=False, server_default="1"),
)

customers = Table(
    "customers",
    metadata,
    Column("customer_no", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("address", Text, nullable=False),
    Column("phone", String, nullable=False, server_default=""),
    Column("category", String, nullable=False),
    Column("meter_no", String, nullable=False, server_default=""),
    Column("prepaid", Integer, nullable=False, server_default="0"),
    Column("risk_grade", String, nullable=False, server_default=""),
    Column("important", Integer, nullable=False, server_default="0"),
    Column("area", Text, nullable=False, server_default=""),
    Column("balance_fen", Integer, nullable=False, server_default="0"),
    Index("ix_customers_phone", "phone"),
    Index("ix_customers_meter_no", "meter_no"),
)

bills = Table(
    "bills",
    metadata,
    Column("bill_id", String, primary_key=True),
    Column("customer_no", String, ForeignKey("customers.customer_no"), nullable=False),
    Column("period", String, nullable=False),
    Column("kwh", Integer, nullable=False),
    Column("amount_fen", Integer, nullable=False),
    Column("due_date", String, nullable=False),
    Column("principal_paid_fen", Integer, nullable=False, server_default="0"),
    Column("fee_carried_fen", Integer, nullable=False, server_default="0"),
    Column("fee_accrued_through", String, nullable=True),
    Index("ix_bills_customer_period", "customer_no", "period"),
)

journal = Table(
    "journal",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=False),
    Column("entry_id", String, nullable=False, unique=True),
    Column("terminal_id", String, nullable=False),
    Column("kind", String, nullable=False),
    Column("created_at", String, nullable=False),
    Column("clerk_id", String, nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON, exactly as hashed
    Column("prev_hash", String, nullable=False),
    Column("hash", String, nullable=False),
    Column("signature", String, nullable=False, server_default=""),  # l0006: Ed25519 over the hash, hex
    Index("ix_journal_kind", "kind", "seq"),  # l0008: SqlJournal.of_kind (open wallet attempts, issue 19)
)
# l0007: ix_journal_customer ON journal (json_extract(payload, '$.customer_no'), kind, seq) — an expression
# index, made by the migration only (SqlJournal.for_customer uses it)

shifts = Table(
    "shifts",
    metadata,
    Column("shift_id", String, primary_key=True),
    Column("clerk_id", String, nullable=False),
    Column("opened_at", String, nullable=False),
    Column("business_day", String, nullable=False),
    Column("float_fen", Integer, nullable=False),
    Column("closed_at", String, nullable=True),
    Index("ix_shifts_clerk_open", "clerk_id", "closed_at"),
)

receipts = Table(
    "receipts",
    metadata,
    Column("receipt_no", String, primary_key=True),
    Column("entry_seq", Integer, ForeignKey("journal.seq"), nullable=False),
    Column("kind", String, nullable=False),
    Column("customer_no", String, nullable=False),
    Column("shift_id", String, nullable=False),
    Column("method", String, nullable=False),
    Column("amount_fen", Integer, nullable=False),
    Column("business_day", String, nullable=False),
    Column("issued_at", String, nullable=False),
    Column("body", Text, nullable=False),  # the Receipt value as JSON, for reprints
    Column("print_state", String, nullable=False, server_default="pending"),
    Column("print_reason", Text, nullable=False, server_default=""),
    Column("print_count", Integer, nullable=False, server_default="0"),
    Column("reversed_by_seq", Integer, nullable=True),  # the reversal (冲正) entry, once reversed
    Index("ix_receipts_day", "business_day"),
    Index("ix_receipts_customer", "customer_no"),
    Index("ix_receipts_print_state", "print_state"),
)

receipt_counters = Table(
    "receipt_counters",
    metadata,
    Column("business_day", String, primary_key=True),
    Column("last", Integer, nullable=False),
)

# Money tables: what a refused command must leave byte-for-byte unchanged.
MONEY_TABLES = ("customers", "bills", "journal", "receipts", "receipt_counters", "shifts")

# Sync state (migration l0002): the central acknowledgement and the pull cursors, key/value.
# Keys: ack_seq, ack_hash, last_success, pull.<table> (the central cursor of each pulled table).
sync_state = Table(
    "sync_state",
    metadata,
    Column("key", String, primary_key=True),
    Column("value", Text, nullable=False),
)

# Audit trail (migration l0006): failed logins, lock-outs, logins, PIN and settings changes; append-only.
audit = Table(
    "audit",
    metadata,
    Column("audit_id", Integer, primary_key=True, autoincrement=True),
    Column("at", String, nullable=False),
    Column("event", String, nullable=False),
    Column("clerk_id", String, nullable=False),
    Column("subject", String, nullable=False, server_default=""),
    Column("detail", Text, nullable=False, server_default="{}"),
    Index("ix_audit_at", "at"),
)

# Arrears, risk, notices, blacklist, collection areas (migration l0005). `arrears` is kept in step
# with bills and customers by triggers (see the migration); the services only read it.
arrears = Table(
    "arrears",
    metadata,
    Column("customer_no", String, primary_key=True),
    Column("owed_fen", Integer, nullable=False),
    Column("bills", Integer, nullable=False),
    Column("oldest_due", String, nullable=False),
    Column("category", String, nullable=False),
    Column("area", Text, nullable=False, server_default=""),
    Column("ho_grade", String, nullable=False, server_default=""),
    Column("grade", String, nullable=False, server_default=""),
    Index("ix_arrears_owed", "owed_fen"),
    Index("ix_arrears_oldest", "oldest_due"),
)

risk_grades = Table(
    "risk_grades",
    metadata,
    Column("customer_no", String, primary_key=True),
    Column("grade", String, nullable=False),
    Column("reasons", Text, nullable=False),
    Column("computed_at", String, nullable=False),
)

notices = Table(
    "notices",
    metadata,
    Column("notice_id", String, primary_key=True),
    Column("customer_no", String, nullable=False),
    Column("state", String, nullable=False),  # proposed | approved | served | reminded | cancelled
    Column("reason", Text, nullable=False),
    Column("owed_fen", Integer, nullable=False),
    Column("important", Integer, nullable=False, server_default="0"),
    Column("proposed_at", String, nullable=False),
    Column("proposed_by", String, nullable=False),
    Column("approved_at", String, nullable=True),
    Column("approved_by", String, nullable=True),
    Column("served_on", String, nullable=True),
    Column("served_method", String, nullable=True),
    Column("pay_by", String, nullable=True),
    Column("stop_from", String, nullable=True),
    Column("reminded_at", String, nullable=True),
    Column("closed_at", String, nullable=True),
    Column("close_reason", Text, nullable=False, server_default=""),
    Index("ix_notices_customer_state", "customer_no", "state"),
    Index("ix_notices_state", "state"),
)

blacklist = Table(
    "blacklist",
    metadata,
    Column("credit_code", String, primary_key=True),
    Column("quarter", String, primary_key=True),
    Column("name", Text, nullable=False),
    Column("imported_at", String, nullable=False),
    Index("ix_blacklist_name", "name"),
)

blacklist_matches = Table(
    "blacklist_matches",
    metadata,
    Column("customer_no", String, primary_key=True),
    Column("credit_code", String, nullable=False),
    Column("quarter", String, nullable=False),
    Column("name", Text, nullable=False),
)

collection_areas = Table(
    "collection_areas",
    metadata,
    Column("area", String, primary_key=True),
    Column("clerk_id", String, nullable=False),
)

# IC cards (migration l0004): cards seen or issued here, and the card writes owed (补写卡).
cards = Table(
    "cards",
    metadata,
    Column("serial", String, primary_key=True),
    Column("customer_no", String, nullable=False),
    Column("meter_no", String, nullable=False),
    Column("state", String, nullable=False, server_default="active"),  # active | retired
    Column("last_purchase_count", Integer, nullable=False, server_default="0"),
    Column("last_purchase_fen", Integer, nullable=False, server_default="0"),
    Column("meter_balance_fen", Integer, nullable=True),  # the meter's return-write, last read here
    Column("meter_count", Integer, nullable=True),
    Column("meter_time", String, nullable=True),
    Column("replaced_by", String, nullable=True),
    Column("updated_at", String, nullable=False),
    Index("ix_cards_customer", "customer_no", "state"),
)

card_writes = Table(
    "card_writes",
    metadata,
    Column("receipt_no", String, primary_key=True),
    Column("kind", String, nullable=False),  # card_purchase | card_replaced
    Column("customer_no", String, nullable=False),
    Column("serial", String, nullable=False),
    Column("purchase_fen", Integer, nullable=False),
    Column("purchase_count", Integer, nullable=False),
    Column("mac_hex", String, nullable=False),
    Column("state", String, nullable=False, server_default="pending"),  # pending | written | cancelled
    Column("entry_seq", Integer, ForeignKey("journal.seq"), nullable=False),
    Column("written_seq", Integer, nullable=True),
    Column("created_at", String, nullable=False),
    Index("ix_card_writes_serial", "serial", "state"),
    Index("ix_card_writes_customer", "customer_no", "state"),
)

# Refunds head office ordered out of a customer's surplus (a review case decided as refund, issue 21), as pulled
# (l0010): the counter pays them out in cash at the customer's next visit. `paid_seq` is the refund_payout entry
# of this terminal that paid it (set once, in the entry's transaction); `central_status` is what head office
# last said (ordered | paid: paid at another counter).
refunds_owed = Table(
    "refunds_owed",
    metadata,
    Column("refund_id", String, primary_key=True),
    Column("customer_no", String, nullable=False),
    Column("amount_fen", Integer, nullable=False),
    Column("case_id", String, nullable=False),
    Column("order_entry_id", String, nullable=False),
    Column("ordered_at", String, nullable=False),
    Column("central_status", String, nullable=False, server_default="ordered"),
    Column("paid_seq", Integer, ForeignKey("journal.seq"), nullable=True),
    Index("ix_refunds_owed_customer", "customer_no", "paid_seq"),
)

# Card writes owed at the hall's other counters (l0011, issue 26): purchases another counter sold whose card write
# is still pending there, as pulled from head office's journal (db/central/pull_cards.py, db/card_repos.py). A row
# goes when a later pull brings that counter's card_written or reversal of the receipt.
card_owed_elsewhere = Table(
    "card_owed_elsewhere",
    metadata,
    Column("receipt_no", String, primary_key=True),
    Column("terminal_id", String, nullable=False),
    Column("entry_id", String, nullable=False),
    Column("serial", String, nullable=False),
    Column("customer_no", String, nullable=False),
    Column("purchase_count", Integer, nullable=False),
    Column("purchase_fen", Integer, nullable=False),
    Index("ix_card_owed_elsewhere_serial", "serial"),
)
