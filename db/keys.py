"""The terminal's Ed25519 key pair in its data directory (terminal.key, mode 0600).

The file holds the 32 raw private-key bytes as PEM (PKCS#8, unencrypted: the counter signs
unattended; the file's permissions and the machine's disk encryption protect it). It is created
with O_EXCL and 0600 from the first byte, and refused when group or others can read it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.errors import HallPayError
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
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, pem)
            os.fsync(fd)
        finally:
            os.close(fd)
        return Ed25519Signer(key)
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise HallPayError(
            f"终端密钥文件 {path} 的权限过宽（{oct(mode)}），其他用户可以读取；请执行 chmod 600 后重试。"
        )
    loaded = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise HallPayError(f"终端密钥文件 {path} 不是 Ed25519 密钥；请联系信息部门。")
    return Ed25519Signer(loaded)


NEW_KEY_FILE = "terminal.key.new"  # a re-key's new key until head office registered it


def _write_key(path: Path, signer: Ed25519Signer) -> None:
    raw = Ed25519PrivateKey.from_private_bytes(signer.private_bytes()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, raw)
        os.fsync(fd)
    finally:
        os.close(fd)


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
    """terminal.key.new becomes terminal.key in one rename (a crash leaves the old key or the new one)."""
    path = key_path(data_dir)
    os.replace(data_dir / NEW_KEY_FILE, path)
    os.chmod(path, 0o600)
