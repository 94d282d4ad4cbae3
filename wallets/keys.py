"""Key files of the acquirers: read only when their mode is 0600 (or stricter); never logged."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app import durable
from app.errors import HallPayError
from app.messages import coded


class KeyFileError(HallPayError):
    pass


def read_secret(path: Path, what: str) -> bytes:
    try:
        mode = path.stat().st_mode
    except OSError as error:
        raise coded(KeyFileError, "keyfile.unreadable", what=what, path=path) from error
    if os.name == "posix" and stat.S_IMODE(mode) & 0o077:
        raise coded(KeyFileError, "keyfile.too_open", what=what, path=path, mode=oct(stat.S_IMODE(mode)))
    return path.read_bytes()


def write_secret(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    durable.write_bytes(path, data, mode=0o600)  # owner-only from the first byte, whole after a cut


def _pem_or_base64(data: bytes, kind: str) -> bytes:
    """Alipay's console hands out keys as bare base64; accept them as well as PEM."""
    text = data.strip()
    if text.startswith(b"-----"):
        return text
    return b"-----BEGIN " + kind.encode() + b"-----\n" + text + b"\n-----END " + kind.encode() + b"-----\n"


def load_private_key(path: Path, what: str) -> rsa.RSAPrivateKey:
    data = read_secret(path, what)
    try:
        key = serialization.load_pem_private_key(_pem_or_base64(data, "PRIVATE KEY"), password=None)
    except ValueError as error:
        raise coded(KeyFileError, "keyfile.bad_private", what=what, path=path) from error
    if not isinstance(key, rsa.RSAPrivateKey):
        raise coded(KeyFileError, "keyfile.not_private", what=what, path=path)
    return key


def load_public_key(path: Path, what: str) -> rsa.RSAPublicKey:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise coded(KeyFileError, "keyfile.unreadable", what=what, path=path) from error
    try:
        key = serialization.load_pem_public_key(_pem_or_base64(data, "PUBLIC KEY"))
    except ValueError as error:
        raise coded(KeyFileError, "keyfile.bad_public", what=what, path=path) from error
    if not isinstance(key, rsa.RSAPublicKey):
        raise coded(KeyFileError, "keyfile.not_public", what=what, path=path)
    return key


def new_rsa_pair() -> tuple[bytes, bytes]:
    """(private PEM, public PEM): the simulator's and the demo terminal's keys."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return private, public
