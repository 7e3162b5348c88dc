"""Searching files for a customer's data, byte for byte: as UTF-8, UTF-16 (both byte orders)
and as a JSON file writes it with ``ensure_ascii``. Used by the tests that show a purge leaves
nothing of the customer behind."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path


def needles(secret: str) -> list[bytes]:
    escaped = json.dumps(secret)[1:-1]
    return [
        secret.encode("utf-8"),
        secret.encode("utf-16-le"),
        secret.encode("utf-16-be"),
        escaped.encode("ascii"),
    ]


def hits(paths: Iterable[Path], secrets: Iterable[str]) -> list[tuple[str, str]]:
    """(file, secret) for every secret found in one of the files (missing files are skipped)."""
    wanted = [(s, needles(s)) for s in secrets]
    found = []
    for p in paths:
        if not p.is_file():
            continue
        data = p.read_bytes()
        found += [(str(p), s) for s, ns in wanted if any(n in data for n in ns)]
    return found
