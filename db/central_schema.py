"""The central ledger's tables (SQLAlchemy Core): PostgreSQL at head office, SQLite when embedded.

Keys are by terminal and by customer, never one global hot row, so the schema spreads over a
distributed PostgreSQL-compatible engine (Citus: distribute `central_journal` by terminal_id and
the master data by customer_no; CockroachDB/YugabyteDB: the same primary keys shard by range).

The pull cursor is the per-row column `txn`: the writing transaction's id on PostgreSQL
(`pg_current_xact_id()`), a commit counter on SQLite (one writer at a time). A reader pulls rows
with `txn >= cursor` and advances the cursor to its snapshot's xmin, below which every transaction
has finished: a row committed late by a long transaction is re-read, never skipped (the PgQ idea;
on CockroachDB the same role is played by the MVCC timestamp and a closed-timestamp watermark).

Money columns end in _fen and are integers (BigInteger on PostgreSQL); the journal stores the
canonical payload text exactly as it was hashed, so `verify` can rebuild every hash.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

terminals = Table(
    "terminals",
    metadata,
    Column("terminal_id", String(32), primary_key=True),
    Column("hall_name", Text, nullable=False, server_default=""),
    Column("public_key", Text, nullable=True),  # Ed25519, hex; registered on the terminal's first push
    Column("ack_seq", BigInteger, nullable=False, server_default="0"),
    Column("ack_hash", String(64), nullable=False, server_default="0" * 64),
    Column("last_push_at", String(32), nullable=True),
    Column(
        "cert", String(128), nullable=True
    ),  # head office's signature over id + key (c0005, app/pulled.py)
    # c0007: provisioned by head office (`central terminal add`): its hall, and whether it may register a key
    Column("hall_id", String(32), nullable=True),
    Column("approved", Integer, nullable=False, server_default="0"),
    # c0012: the journal head the counter reports with each push (db/central/heads.py), shown, never trusted
    Column("reported_head", BigInteger, nullable=True),
    Column("head_reported_at", String(32), nullable=True),
)

central_journal = Table(
    "central_journal",
    metadata,
    Column("entry_id", String(36), primary_key=True),
    Column("terminal_id", String(32), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("clerk_id", String(32), nullable=False),
    Column("payload", Text, nullable=False),  # canonical JSON, exactly as hashed
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("received_at", String(32), nullable=False),
    Column(
        "signature", String(128), nullable=True
    ),  # Ed25519 over the hash, hex (c0002); NULL: pushed unsigned
    # the business day the row is filed under (c0011, db/central/partitions.py): PostgreSQL partitions the
    # table by its month, and the keys there include it ((entry_id, day), (terminal_id, seq, day))
    Column("day", String(10), nullable=False, server_default=""),
    Column("shift_id", String(64), nullable=True),  # the payload's shift_id (c0011): the hall report's key
    UniqueConstraint("terminal_id", "seq", name="uq_central_journal_terminal_seq"),
    Index("ix_central_journal_day", "day", "terminal_id"),
    Index("ix_central_journal_shift", "shift_id"),
)

# The signature of each entry on head office's HQ chain over its hash, and its signer (c0008, db/central/hq.py).
central_hq_signatures = Table(
    "central_hq_signatures",
    metadata,
    Column("entry_id", String(36), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("signer", String(32), nullable=False),
    Column("signature", String(128), nullable=False),
)

central_customers = Table(
    "central_customers",
    metadata,
    Column("customer_no", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("address", Text, nullable=False),
    Column("phone", String(32), nullable=False, server_default=""),
    Column("category", String(16), nullable=False),
    Column("meter_no", String(32), nullable=False, server_default=""),
    Column("prepaid", Integer, nullable=False, server_default="0"),
    Column("risk_grade", String(8), nullable=False, server_default=""),
    Column("important", Integer, nullable=False, server_default="0"),
    Column("area", Text, nullable=False, server_default=""),
    Column("balance_fen", BigInteger, nullable=False, server_default="0"),
    Column("txn", BigInteger, nullable=False, server_default="0"),
    Column("signer", String(32), nullable=True),  # who wrote the row, and their signature (c0005)
    Column("signature", String(128), nullable=True),
    Index("ix_central_customers_txn", "txn", "customer_no"),
)

central_bills = Table(
    "central_bills",
    metadata,
    Column("bill_id", String(64), primary_key=True),
    Column("customer_no", String(32), nullable=False),
    Column("period", String(7), nullable=False),
    Column("kwh", BigInteger, nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("due_date", String(10), nullable=False),
    Column("principal_paid_fen", BigInteger, nullable=False, server_default="0"),
    Column("fee_paid_fen", BigInteger, nullable=False, server_default="0"),
    Column("txn", BigInteger, nullable=False, server_default="0"),
    # Late fee earned and not yet paid, as of fee_accrued_through (the paying terminal's record, c0002),
    # and late fee waived by supervisors (not money received).
    Column("fee_carried_fen", BigInteger, nullable=False, server_default="0"),
    Column("fee_accrued_through", String(10), nullable=True),
    Column("fee_waived_fen", BigInteger, nullable=False, server_default="0"),
    # the adjustment record (central_journal entry id) that last set amount, due date or kWh (c0004)
    Column("basis", String(36), nullable=True),
    Column("signer", String(32), nullable=True),  # who wrote the row, and their signature (c0005)
    Column("signature", String(128), nullable=True),
    # 1: the signature covers fee_paid_fen and fee_waived_fen too; NULL: signed before c0018, without them
    Column("fees_signed", SmallInteger, nullable=True),
    Index("ix_central_bills_customer", "customer_no", "period"),
    Index("ix_central_bills_txn", "txn", "bill_id"),
)

central_policy = Table(
    "central_policy",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
    Column("txn", BigInteger, nullable=False, server_default="0"),
    Column("signer", String(32), nullable=True),  # who wrote the row, and their signature (c0005)
    Column("signature", String(128), nullable=True),
    Index("ix_central_policy_txn", "txn", "key"),
)

# What a supervisor must look at: a bill paid at two halls, an entry that came back changed,
# a gap or a break in a terminal's chain. The case id is deterministic, so a re-sent batch
# records the same case once.
review_cases = Table(
    "review_cases",
    metadata,
    Column("case_id", String(200), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("terminal_id", String(32), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("entry_id", String(36), nullable=False),
    Column("customer_no", String(32), nullable=True),
    Column("bill_id", String(64), nullable=True),
    Column("amount_fen", BigInteger, nullable=False, server_default="0"),
    # of amount_fen, the part claimed as late fee on a bill that no longer owed it (c0003)
    Column("fee_fen", BigInteger, nullable=False, server_default="0"),
    Column("detail", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("resolved_at", String(32), nullable=True),
    Column("resolved_by", String(32), nullable=True),
    Column("resolution", String(16), nullable=True),  # credit | refund | acknowledged (c0006, the console)
    Column("resolution_entry_id", String(36), nullable=True),  # the HQ journal entry recording the decision
    Index("ix_review_cases_customer", "customer_no"),
    Index("ix_review_cases_open", "resolved_at", "created_at"),
)

# Entries of a forked terminal id (a second machine, another key): kept once, never counted (c0003) until
# head office posts one (c0015).
central_quarantine = Table(
    "central_quarantine",
    metadata,
    Column("terminal_id", String(32), nullable=False),
    Column("public_key", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("entry_id", String(36), primary_key=True),
    Column("kind", String(32), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("clerk_id", String(32), nullable=False),
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("signature", String(128), nullable=False),
    Column("received_at", String(32), nullable=False),
    # posted to the books by head office, once (c0015, db/central/quarantine_post.py): the HQ record that did it
    Column("posted_entry_id", String(36), nullable=True),
    Column("posted_at", String(32), nullable=True),
    Column("posted_by", String(32), nullable=True),
)

# Head office's console (c0006): its users (scrypt hashes, login throttle) and the refunds it ordered,
# which the customer's counter pulls by `txn` and pays out.
console_users = Table(
    "console_users",
    metadata,
    Column("name", String(64), primary_key=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("failed_logins", Integer, nullable=False, server_default="0"),
    Column("locked_until", String(32), nullable=True),
    Column("disabled", Integer, nullable=False, server_default="0"),
    Column("created_at", String(32), nullable=False),
)

# The console's login throttle and server-side sessions (c0014, console/throttle.py and console/sessions.py).
console_throttle = Table(
    "console_throttle",
    metadata,
    Column("key", String(200), primary_key=True),  # addr:<ip> | pair:<ip>|<name> | name:<name>
    Column("tries", Integer, nullable=False),  # attempts counted in the window (before their check)
    Column("since", String(32), nullable=False),  # the window's first attempt (UTC text)
    Index("ix_console_throttle_since", "since"),
)

console_sessions = Table(
    "console_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),  # SHA-256 of the cookie's token, never the token
    Column("name", String(64), nullable=False),
    Column("created_at", String(32), nullable=False),
    Column("seen_at", String(32), nullable=False),
    Index("ix_console_sessions_name", "name"),
)

central_refunds = Table(
    "central_refunds",
    metadata,
    Column("refund_id", String(36), primary_key=True),
    Column("customer_no", String(32), nullable=False),
    Column("amount_fen", BigInteger, nullable=False),
    Column("case_id", String(200), nullable=False, unique=True),
    Column("order_entry_id", String(36), nullable=False),
    Column("status", String(16), nullable=False, server_default="ordered"),  # ordered | paid
    Column("ordered_at", String(32), nullable=False),
    Column("paid_at", String(32), nullable=True),
    Column("paid_entry_id", String(36), nullable=True),
    Column("txn", BigInteger, nullable=False, server_default="0"),
    Column("signer", String(32), nullable=True),  # pulled by counters, signed like master data (c0010)
    Column("signature", String(128), nullable=True),
    Index("ix_central_refunds_customer", "customer_no", "status"),
    Index("ix_central_refunds_txn", "txn", "refund_id"),
)

# Head office's public key (hq_public_key), which counters pin at their first pull (c0005).
central_meta = Table(
    "central_meta",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

# Head office's provisioning (c0007): halls, clerks with roles and one-time PINs, each terminal's key
# history, and who did what. Clerks are pulled by terminals like master data (by `txn`).
central_halls = Table(
    "central_halls",
    metadata,
    Column("hall_id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("created_at", String(32), nullable=False),
)

central_clerks = Table(
    "central_clerks",
    metadata,
    Column("clerk_id", String(32), primary_key=True),
    Column("name", Text, nullable=False),
    Column("role", String(16), nullable=False),
    Column("hall_id", String(32), nullable=False),
    Column("active", Integer, nullable=False, server_default="1"),
    Column("pin_hash", Text, nullable=False, server_default=""),  # scrypt of the one-time PIN, never the PIN
    Column("pin_issue", Integer, nullable=False, server_default="0"),  # +1 per one-time PIN issued
    # c0013: a clerk's own PIN set at a counter ('own') or head office's one-time PIN (NULL); the newest wins
    Column("pin_kind", String(16), nullable=True),
    Column("pin_version", Integer, nullable=True),
    Column("pin_set_at", String(32), nullable=True),
    Column("pin_set_by", String(32), nullable=True),
    Column("txn", BigInteger, nullable=False, server_default="0"),
    Column("signer", String(32), nullable=True),  # head office signs every clerk row (app/pulled.py)
    Column("signature", String(128), nullable=True),
    Index("ix_central_clerks_txn", "txn", "clerk_id"),
)

# state: active (signs new entries from from_seq on) | superseded (replaced by a re-key; its entries stay
# verifiable) | retired (head office withdrew it: a stolen PC; its new pushes are refused) | pending
# (waits for head office's approval)
terminal_keys = Table(
    "terminal_keys",
    metadata,
    Column("terminal_id", String(32), primary_key=True),
    Column("public_key", String(64), primary_key=True),
    Column("fingerprint", String(16), nullable=False),
    Column("state", String(16), nullable=False),
    Column("from_seq", BigInteger, nullable=False, server_default="1"),
    Column("registered_at", String(32), nullable=False),
    Column("changed_at", String(32), nullable=True),
    Column("changed_by", String(32), nullable=True),
)

central_admin_audit = Table(
    "central_admin_audit",
    metadata,
    Column("audit_id", String(36), primary_key=True),
    Column("at", String(32), nullable=False),
    Column("actor", String(64), nullable=False),
    Column("action", String(32), nullable=False),
    Column("subject", String(64), nullable=False),
    Column("detail", Text, nullable=False, server_default="{}"),
    Index("ix_central_admin_audit_at", "at"),
)

# Collection responsibility (收费责任制, c0010): which clerk answers for the arrears of a customer area; the
# console's clerk report measures each clerk's collection rate against the arrears of their areas.
central_collection_areas = Table(
    "central_collection_areas",
    metadata,
    Column("area", String(64), primary_key=True),
    Column("clerk_id", String(32), nullable=False),
    Column("assigned_by", String(64), nullable=False),
    Column("assigned_at", String(32), nullable=False),
)

# The ledger's order (issue 29): which entries were folded into the books, and when master data was first
# loaded, in the order the books saw them. `pos` is drawn after the writing transaction locked the rows it
# moves, so two transactions that touch one customer are in the order they applied (c0016).
central_applied = Table(
    "central_applied",
    metadata,
    Column("pos", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("what", String(8), nullable=False),  # entries | seed
    Column("terminal_id", String(32), nullable=False, server_default=""),  # entries: whose chain
    Column("from_seq", BigInteger, nullable=False, server_default="0"),  # entries: from_seq..to_seq
    Column("to_seq", BigInteger, nullable=False, server_default="0"),
)

# A push only appends (issue 29, c0019): one row per push that stored entries, kept until folded, `pos` drawn as it
# appended, the order the projector folds them in; and the projector's position per terminal (db/central/projector.py).
central_appended = Table(
    "central_appended",
    metadata,
    Column("pos", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("terminal_id", String(32), nullable=False),
    Column("from_seq", BigInteger, nullable=False),
    Column("to_seq", BigInteger, nullable=False),
    Index("ix_central_appended_terminal", "terminal_id", "to_seq"),
)
central_projection = Table(
    "central_projection",
    metadata,
    Column("terminal_id", String(32), primary_key=True),
    Column("applied_seq", BigInteger, nullable=False, server_default="0"),  # the last seq folded
    Column("position", BigInteger, nullable=False, server_default="0"),  # central_applied.pos of that batch
    Column("applied_at", String(32), nullable=False, server_default=""),
)

# Master data as first loaded (issue 29): the values the fold starts from (`central verify-books`), kept
# once per customer and bill like the rows themselves (a second load never changes a row's money).
central_seed = Table(
    "central_seed",
    metadata,
    Column("stream", String(16), primary_key=True),  # customers | bills
    Column("key", String(64), primary_key=True),
    Column("pos", BigInteger, nullable=False),  # central_applied.pos of the load
    Column("body", Text, nullable=False),  # canonical JSON of the money columns
)

# Each chain's checkpoint (c0017, db/central/chain_checks.py): the last entry verified from genesis on (chain,
# hash, signature with the key of its time), its hash, and a digest of the key history it was checked with.
central_chain_checks = Table(
    "central_chain_checks",
    metadata,
    Column("terminal_id", String(32), primary_key=True),
    Column("seq", BigInteger, nullable=False),
    Column("hash", String(64), nullable=False),
    Column("key_digest", String(64), nullable=False),
    Column("checked_at", String(32), nullable=False),
    Column("full_at", String(32), nullable=True),  # the last whole check (`central verify`) that set it
)

# The projector's mode is the ledger's (c0020, db/central/mode.py): one row per change head office made, the
# last one in force; none: "inline".
central_projector_modes = Table(
    "central_projector_modes",
    metadata,
    Column("pos", BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True),
    Column("mode", String(16), nullable=False),
    Column("set_at", String(32), nullable=False),
    Column("set_by", String(64), nullable=False),
)

PULLED_TABLES = (central_customers, central_bills, central_policy, central_clerks, central_refunds)
