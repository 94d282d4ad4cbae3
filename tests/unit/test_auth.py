"""PIN policy, scrypt hashing and lock-out rules (app/auth.py), pure."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app import auth
from app.errors import InputError

NOW = dt.datetime(2026, 11, 23, 2, 0, tzinfo=dt.UTC)
FAST = {"n": 2**4, "r": 1, "p": 1}  # hypothesis: the rules, not the cost


def test_hash_is_salted_slow_scrypt_and_never_contains_the_pin():
    a, b = auth.hash_pin("481516"), auth.hash_pin("481516")
    assert a != b  # salted
    assert a.startswith(f"scrypt${auth.SCRYPT_N}$") and "481516" not in a
    assert auth.verify_pin("481516", a) and auth.verify_pin("481516", b)
    assert not auth.verify_pin("481517", a)


@pytest.mark.parametrize(
    "stored",
    [
        "",
        "plain",
        "scrypt$x$8$1$00$00",
        "md5$1$2$3$4$5",
        "scrypt$16$8$1$zz$00",
        "scrypt$3$8$1$00$",
        "scrypt$99999999$8$1$00$00",
    ],
)
def test_a_malformed_stored_hash_never_verifies_and_never_raises(stored):
    assert auth.verify_pin("111111", stored) is False


@pytest.mark.parametrize(
    "pin", ["12345", "1234567890123", "12a456", "１２３４５６", "", "111111", "123456", "987654", " 13579"]
)
def test_weak_or_malformed_new_pins_are_refused(pin):
    with pytest.raises(InputError):
        auth.check_new_pin(pin)


def test_a_reasonable_pin_is_accepted():
    assert auth.check_new_pin("480815") == "480815"


def test_the_fifth_wrong_pin_locks_for_fifteen_minutes():
    count = 0
    for _ in range(auth.MAX_FAILURES - 1):
        outcome = auth.after_failure(count, NOW)
        assert outcome.locked_until is None
        count = outcome.failed_attempts
    assert count == auth.MAX_FAILURES - 1
    locked = auth.after_failure(count, NOW)
    assert locked.locked_until == NOW + dt.timedelta(minutes=auth.LOCK_MINUTES)
    until_text = locked.locked_until.isoformat()
    assert auth.locked_until(until_text, NOW + dt.timedelta(minutes=14)) is not None
    assert auth.locked_until(until_text, NOW + dt.timedelta(minutes=15, seconds=1)) is None
    assert auth.locked_until("not a time", NOW) is None and auth.locked_until(None, NOW) is None


def test_trailing_nul_bytes_never_pass_for_the_pin():
    """scrypt pads the password with zero bytes (HMAC's key), so without a guard '\x00' verifies as ''."""
    assert not auth.verify_pin("\x00", auth.hash_pin("", **FAST))
    assert not auth.verify_pin("123456\x00", auth.hash_pin("123456", **FAST))
    with pytest.raises(ValueError):
        auth.hash_pin("123456\x00", **FAST)


@settings(max_examples=60, deadline=None)
@given(pin=st.text(max_size=30).filter(lambda s: "\x00" not in s), other=st.text(max_size=30))
def test_verify_is_exact_for_any_text(pin, other):
    stored = auth.hash_pin(pin, **FAST)
    assert auth.verify_pin(pin, stored)
    assert auth.verify_pin(other, stored) == (other == pin)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=80))
def test_any_stored_text_never_crashes_verify(stored):
    assert auth.verify_pin("111111", stored) in (True, False)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_pin_policy_never_crashes(pin):
    try:
        assert auth.check_new_pin(pin) == pin
    except InputError as error:
        assert str(error)


def test_a_console_password_with_a_control_character_is_refused_in_one_sentence(tmp_path):
    """The console's passwords go through the same scrypt: one with a NUL is refused with a code, never a 500."""
    from sqlalchemy import create_engine

    from app.errors import InputError
    from console.users import add_user
    from db.central_schema import metadata

    engine = create_engine(f"sqlite:///{tmp_path / 'c.db'}")
    metadata.create_all(engine)
    try:
        with pytest.raises(InputError) as refused:
            add_user(
                engine, "cai", "finance", "long-enough-password\x00", dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
            )
        assert refused.value.code == "console_user.control_character"
    finally:
        engine.dispose()
