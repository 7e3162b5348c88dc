"""Ed25519 signatures over a data bundle's manifest: who may publish the rules and the duty data
ShipDesk trusts (the restricted-goods rule bundles, :mod:`shipdesk.core.screening.bundle`, and
the duty data bundles, :mod:`shipdesk.core.duties.bundle`, are signed the same way).

A signed bundle holds ``MANIFEST.json`` (the sha256 of every data file and the dataset version)
and ``MANIFEST.sig``::

    {"format": "shipdesk.rules-signature/1", "algorithm": "ed25519",
     "key_id": "3f2a...", "signature": "<base64 of the signature of MANIFEST.json's bytes>"}

The signature covers the manifest's exact bytes, and the manifest covers every file, so a
changed rule, an added file or a changed version all break it. The public keys ShipDesk trusts
ship in ``resources/keys/rules_signing.toml`` (dated, one table per key); the matching private
keys stay with the maintainers and never enter the repository. A key's id is the first 16 hex
digits of the sha256 of its raw 32 bytes, so an id cannot be claimed for another key.

Tests and tools hand their own keys in (``keys=``); nothing reads a key from the environment.

Checking a signature uses PyNaCl (libsodium). Only the maintainers' key tool reads and writes
private key files (PKCS#8 PEM, password-protected), with the ``cryptography`` package of the
``sign`` extra, imported there and nowhere else: the application never needs it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import tomllib
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path

from nacl.exceptions import BadSignatureError
from nacl.signing import SigningKey, VerifyKey

from shipdesk.core.errors import DataError
from shipdesk.core.paths import resource

SIGNATURE = "MANIFEST.sig"
SIGNATURE_FORMAT = "shipdesk.rules-signature/1"
KEYS_SCHEMA = "shipdesk.signing-keys/1"
MAX_SIGNATURE_BYTES = 4096

TrustedKeys = Mapping[str, VerifyKey]


class PrivateKey:
    """A maintainer's Ed25519 signing key."""

    __slots__ = ("_key",)

    def __init__(self, key: SigningKey) -> None:
        self._key = key

    @classmethod
    def from_seed(cls, seed: bytes) -> PrivateKey:
        return cls(SigningKey(seed))

    def seed(self) -> bytes:
        """The 32 private bytes."""
        return bytes(self._key)

    def public_key(self) -> VerifyKey:
        return self._key.verify_key

    def sign(self, data: bytes) -> bytes:
        """The 64-byte signature of ``data``."""
        return self._key.sign(data).signature


def raw_public(key: VerifyKey) -> bytes:
    return bytes(key)


def key_id(key: VerifyKey) -> str:
    """The id of a public key: the first 16 hex digits of the sha256 of its raw bytes."""
    return hashlib.sha256(raw_public(key)).hexdigest()[:16]


def public_text(key: VerifyKey) -> str:
    """The public key as base64 of its raw 32 bytes (as written in the keys file)."""
    return base64.b64encode(raw_public(key)).decode("ascii")


def keys_file() -> Path:
    return resource("keys") / "rules_signing.toml"


def read_keys(path: Path, today: date | None = None) -> dict[str, VerifyKey]:
    """The trusted public keys of a keys file (expired ones left out)."""
    today = today or date.today()
    name = path.name
    try:
        with path.open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DataError(f"{name}: cannot be read ({exc})") from exc
    if data.get("schema") != KEYS_SCHEMA:
        raise DataError(f"{name}: 'schema' must be {KEYS_SCHEMA!r}")
    entries = data.get("keys")
    if not isinstance(entries, list):
        raise DataError(f"{name}: 'keys' must be a list of [[keys]] tables")
    out: dict[str, VerifyKey] = {}
    for i, entry in enumerate(entries):
        where = f"{name}: key #{i + 1}"
        if not isinstance(entry, dict) or entry.get("algorithm") != "ed25519":
            raise DataError(f"{where}: 'algorithm' must be 'ed25519'")
        try:
            raw = base64.b64decode(str(entry.get("public_key", "")), validate=True)
            key = VerifyKey(raw)
        except (binascii.Error, ValueError) as exc:
            raise DataError(f"{where}: 'public_key' is not a base64 Ed25519 key") from exc
        if entry.get("id") != key_id(key):
            raise DataError(f"{where}: 'id' must be {key_id(key)} (the key's fingerprint)")
        until = entry.get("valid_until")
        if isinstance(until, date) and until < today:
            continue
        out[key_id(key)] = key
    return out


@cache
def shipped_keys() -> dict[str, VerifyKey]:
    """The maintainers' public keys shipped with the application."""
    return read_keys(keys_file())


def generate_private_key() -> PrivateKey:
    return PrivateKey(SigningKey.generate())


def private_key_pem(key: PrivateKey, password: bytes | None = None) -> bytes:
    """A private key as PKCS#8 PEM, encrypted when a password is given (maintainers' tool)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return Ed25519PrivateKey.from_private_bytes(key.seed()).private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


def load_private_key(path: Path, password: bytes | None = None) -> PrivateKey:
    """Read a private key file written by :func:`private_key_pem` (maintainers' tool)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=password)
    except (OSError, ValueError, TypeError) as exc:
        raise DataError(f"{path}: not a readable private key ({exc})") from exc
    if not isinstance(key, Ed25519PrivateKey):
        raise DataError(f"{path}: not an Ed25519 private key")
    raw = serialization.Encoding.Raw
    seed = key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
    return PrivateKey.from_seed(seed)


def sign_folder(folder: Path, key: PrivateKey, manifest: str = "MANIFEST.json") -> Path:
    """Sign the manifest of ``folder`` with ``key``; writes and returns ``MANIFEST.sig``."""
    data = (folder / manifest).read_bytes()
    sig = {
        "format": SIGNATURE_FORMAT,
        "algorithm": "ed25519",
        "key_id": key_id(key.public_key()),
        "signature": base64.b64encode(key.sign(data)).decode("ascii"),
    }
    out = folder / SIGNATURE
    out.write_text(json.dumps(sig, indent=2) + "\n", encoding="utf-8")
    return out


def is_signed(folder: Path) -> bool:
    return (folder / SIGNATURE).is_file()


def verify_folder(
    folder: Path, keys: TrustedKeys | None = None, manifest: str = "MANIFEST.json"
) -> str:
    """Check that ``MANIFEST.sig`` signs the manifest with a trusted key; returns the key id.

    ``keys``: the trusted public keys by id (None: the keys shipped with the application).
    Raises :class:`DataError` with one line saying what is wrong.
    """
    trusted = shipped_keys() if keys is None else keys
    path = folder / SIGNATURE
    if not path.is_file():
        raise DataError(
            f"not signed: no {SIGNATURE} (only the ShipDesk maintainers sign data bundles)"
        )
    try:
        if path.stat().st_size > MAX_SIGNATURE_BYTES:
            raise ValueError(f"larger than {MAX_SIGNATURE_BYTES} bytes")
        sig = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(sig, dict) or sig.get("format") != SIGNATURE_FORMAT:
            raise ValueError(f"'format' must be {SIGNATURE_FORMAT!r}")
        if sig.get("algorithm") != "ed25519":
            raise ValueError("'algorithm' must be 'ed25519'")
        signature = base64.b64decode(str(sig.get("signature", "")), validate=True)
    except (OSError, ValueError, RecursionError, binascii.Error) as exc:
        raise DataError(f"{SIGNATURE}: cannot be read ({exc})") from exc
    kid = str(sig.get("key_id", ""))
    key = trusted.get(kid)
    if key is None:
        raise DataError(
            f"{SIGNATURE}: signed with key {kid[:32]!r}, which is not a ShipDesk maintainer key"
        )
    try:
        key.verify((folder / manifest).read_bytes(), signature)
    except (BadSignatureError, ValueError):  # ValueError: not 64 bytes long
        raise DataError(
            f"{SIGNATURE}: the signature does not match {manifest} (bundle altered or forged)"
        ) from None
    except OSError as exc:
        raise DataError(f"{manifest}: cannot be read ({exc})") from exc
    return kid
