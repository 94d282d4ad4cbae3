"""Ed25519 signatures over journal entry hashes (the `cryptography` package; no storage, no Qt).

The terminal signs the 32 raw bytes of each entry's SHA-256 hash; a signature is 64 bytes, kept as
hex. Public keys travel as 64 hex characters (raw 32 bytes). The private key never leaves the
`Signer`; db/keys.py loads it from the data directory.
"""

from __future__ import annotations

from typing import Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


class Signer(Protocol):
    @property
    def public_key_hex(self) -> str: ...

    def sign_hash(self, hash_hex: str) -> str: ...


class Ed25519Signer:
    def __init__(self, private_key: Ed25519PrivateKey) -> None:
        self._key = private_key
        raw = private_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        self._public_hex = raw.hex()

    @classmethod
    def generate(cls) -> Ed25519Signer:
        return cls(Ed25519PrivateKey.generate())

    @classmethod
    def from_private_bytes(cls, raw: bytes) -> Ed25519Signer:
        return cls(Ed25519PrivateKey.from_private_bytes(raw))

    def private_bytes(self) -> bytes:
        return self._key.private_bytes(
            serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
        )

    @property
    def public_key_hex(self) -> str:
        return self._public_hex

    def sign_hash(self, hash_hex: str) -> str:
        return self._key.sign(bytes.fromhex(hash_hex)).hex()

    def __repr__(self) -> str:  # never show the private key
        return f"Ed25519Signer(public={self._public_hex[:16]}…)"


def verify_hash_signature(public_key_hex: str, hash_hex: str, signature_hex: str) -> bool:
    """True only for a well-formed signature by this key over this hash; never raises."""
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
        key.verify(bytes.fromhex(signature_hex), bytes.fromhex(hash_hex))
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True
