"""Overrides of prohibited findings, kept in the declaration's history.

An override is a conscious decision to send an item despite a ``prohibited`` finding (for
example a permit the app cannot see). It is recorded in ``decl.extra["history"]`` — a list saved
in the declaration file, so it round-trips — as
``{"at": ISO time, "event": "override", "rule", "item_index", "reason", "user"}``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from shipdesk.core.errors import InputError
from shipdesk.core.model import Declaration
from shipdesk.core.screening.matching import Finding

HISTORY_KEY = "history"


def _history(decl: Declaration) -> list[Any]:
    hist = decl.extra.get(HISTORY_KEY)
    if not isinstance(hist, list):
        hist = []
        decl.extra[HISTORY_KEY] = hist
    return hist


def record_override(decl: Declaration, finding: Finding, reason: str, user: str = "") -> None:
    """Append an override of ``finding`` with the user's reason to the declaration history."""
    reason = (reason or "").strip()
    if not reason:
        raise InputError("an override needs a reason", location="reason")
    _history(decl).append(
        {
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
            "event": "override",
            "rule": finding.rule,
            "item_index": finding.item_index,
            "reason": reason,
            "user": user,
        }
    )


def _index(value: Any) -> int | None:
    """An item index as saved (a file may hold it as a number or as its text)."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def overridden(decl: Declaration) -> set[tuple[str, int | None]]:
    """(rule, item_index) pairs that have an override in the history."""
    hist = decl.extra.get(HISTORY_KEY)
    out: set[tuple[str, int | None]] = set()
    if not isinstance(hist, list):
        return out
    for entry in hist:
        if isinstance(entry, dict) and entry.get("event") == "override":
            out.add((str(entry.get("rule", "")), _index(entry.get("item_index"))))
    return out


def blocking(decl: Declaration, findings: list[Finding]) -> list[Finding]:
    """Prohibited findings that no override covers (an override matches rule + item_index)."""
    done = overridden(decl)
    return [f for f in findings if f.level == "prohibited" and (f.rule, f.item_index) not in done]
