"""Signatures of rule bundles. The signing code is shared with the duty data bundles and lives
in :mod:`shipdesk.core.signing`; this module keeps the names screening has always used."""

from __future__ import annotations

from shipdesk.core.signing import (
    KEYS_SCHEMA,
    MAX_SIGNATURE_BYTES,
    SIGNATURE,
    SIGNATURE_FORMAT,
    TrustedKeys,
    generate_private_key,
    is_signed,
    key_id,
    keys_file,
    load_private_key,
    private_key_pem,
    public_text,
    raw_public,
    read_keys,
    shipped_keys,
    sign_folder,
    verify_folder,
)

__all__ = [
    "KEYS_SCHEMA",
    "MAX_SIGNATURE_BYTES",
    "SIGNATURE",
    "SIGNATURE_FORMAT",
    "TrustedKeys",
    "generate_private_key",
    "is_signed",
    "key_id",
    "keys_file",
    "load_private_key",
    "private_key_pem",
    "public_text",
    "raw_public",
    "read_keys",
    "shipped_keys",
    "sign_folder",
    "verify_folder",
]
