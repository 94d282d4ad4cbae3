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
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
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


def save_signer(data_dir: Path, signer: Ed25519Signer, *, replace: bool = False) -> Path:
    """Write this key as terminal.key, 0600 from the first byte; `replace` (a re-key) swaps it in atomically
    so a crash leaves either the old key or the new one, never half a file."""
    path = key_path(data_dir)
    raw = Ed25519PrivateKey.from_private_bytes(signer.private_bytes()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    target = path.with_name(path.name + ".new") if replace else path
    if replace:
        target.unlink(missing_ok=True)
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, raw)
        os.fsync(fd)
    finally:
        os.close(fd)
    if replace:
        os.replace(target, path)
    os.chmod(path, 0o600)
    return path
