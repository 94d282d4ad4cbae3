"""The terminal's Ed25519 key pair in its data directory (terminal.key, mode 0600).

The file holds the 32 raw private-key bytes as PEM (PKCS#8, unencrypted: the counter signs
unattended; the file's permissions and the machine's disk encryption protect it). It is created
with O_EXCL and 0600 from the first byte, and refused when group or others can read it.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app import durable
from app.errors import HallPayError
from app.messages import coded
from app.signing import Ed25519Signer

KEY_FILE = "terminal.key"


def key_path(data_dir: Path) -> Path:
    return data_dir / KEY_FILE


def load_or_create_signer(data_dir: Path) -> Ed25519Signer:
    return load_or_create_key(key_path(data_dir))


def load_or_create_key(path: Path) -> Ed25519Signer:
    """The Ed25519 key in this file (created 0600 when missing): a terminal's, or head office's (hq.key)."""
    if not path.exists():
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        durable.create_new(path, pem, mode=0o600)
        return Ed25519Signer(key)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise coded(HallPayError, "keys.too_open", path=path, mode=oct(mode))
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise coded(HallPayError, "keys.not_ed25519", path=path)
    return Ed25519Signer(loaded)


NEW_KEY_FILE = "terminal.key.new"  # a re-key's new key until head office registered it


def _write_key(path: Path, signer: Ed25519Signer) -> None:
    raw = Ed25519PrivateKey.from_private_bytes(signer.private_bytes()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    durable.create_new(path, raw, mode=0o600)  # bytes and name durable before head office hears of it


def save_signer(data_dir: Path, signer: Ed25519Signer) -> Path:
    """A new terminal's key as terminal.key, 0600 from the first byte (never over an existing key)."""
    path = key_path(data_dir)
    _write_key(path, signer)
    return path


def staged_signer(data_dir: Path) -> Ed25519Signer:
    """A re-key's new key (terminal.key.new, 0600): the one a crashed re-key left, else a new one. It signs
    nothing until `adopt_staged` swaps it in, after head office registered it."""
    path = data_dir / NEW_KEY_FILE
    if path.exists():
        loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if isinstance(loaded, Ed25519PrivateKey):
            return Ed25519Signer(loaded)
        path.unlink()
    signer = Ed25519Signer.generate()
    _write_key(path, signer)
    return signer


def adopt_staged(data_dir: Path) -> None:
    """terminal.key.new becomes terminal.key in one durable rename (the directory fsynced): a power cut
    leaves the old key with terminal.key.new beside it, or the new key; `finish_rekey` settles the first."""
    path = key_path(data_dir)
    os.chmod(data_dir / NEW_KEY_FILE, 0o600)
    durable.rename(data_dir / NEW_KEY_FILE, path)


def finish_rekey(data_dir: Path, current_key: Callable[[], str | None]) -> bool:
    """At start-up, before anything is signed: a re-key cut short after its key history committed (the
    history's current key is terminal.key.new's) is finished by swapping the new key in. A staged key the
    history does not name yet is left for `terminal rekey` to resume. True when it swapped."""
    staged = data_dir / NEW_KEY_FILE
    if not staged.exists():
        return False
    current_public_key_hex = current_key()  # read only when a staged key is there: most starts skip it
    if not current_public_key_hex:
        return False
    try:
        loaded = serialization.load_pem_private_key(staged.read_bytes(), password=None)
    except ValueError:  # torn by a cut before its fsync: never registered, `rekey` makes another
        return False
    if not isinstance(loaded, Ed25519PrivateKey):
        return False
    if Ed25519Signer(loaded).public_key_hex != current_public_key_hex:
        return False
    adopt_staged(data_dir)
    return True
