"""The user's saved senders, one of them the default of a new declaration.

A shop or a counter sends for several senders (two shops, a colleague, the club); they are
kept in the ``settings`` table under ``senders`` as a list of ``{"id", "party", "default"}``
(``party`` as a declaration file holds it). The default is also written to the older
``sender`` key, which the typed :class:`~shipdesk.core.storage.settings.Settings`, the imports
and earlier versions read; a database that has only ``sender`` is read as one default sender.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

SENDERS_KEY = "senders"
DEFAULT_KEY = "sender"


class _Store(Protocol):
    def get(self, key: str) -> Any: ...
    def put(self, key: str, value: Any) -> None: ...


@dataclass(frozen=True)
class SavedSender:
    id: int
    party: dict[str, Any]
    default: bool = False

    @property
    def label(self) -> str:
        """How the sender is offered: name, company and town, as far as they are known."""
        p = self.party
        parts = [str(p.get(k) or "").strip() for k in ("name", "company", "city")]
        return " · ".join(x for x in parts if x) or f"#{self.id}"


class SenderBook:
    """The saved senders over a settings store (``get``/``put`` of JSON values by key)."""

    def __init__(self, store: _Store) -> None:
        self.store = store

    def all(self) -> list[SavedSender]:
        raw = self.store.get(SENDERS_KEY)
        if not isinstance(raw, list):  # before several senders: the one default, if any
            single = self.store.get(DEFAULT_KEY)
            return [SavedSender(1, dict(single), True)] if isinstance(single, dict) else []
        out: list[SavedSender] = []
        seen: set[int] = set()
        for row in raw:
            if not isinstance(row, dict) or not isinstance(row.get("party"), dict):
                continue  # a damaged row is skipped, the others are kept
            sid = row.get("id")
            if not isinstance(sid, int) or isinstance(sid, bool) or sid in seen:
                sid = max([*seen, 0]) + 1
            seen.add(sid)
            out.append(SavedSender(sid, dict(row["party"]), row.get("default") is True))
        if out and sum(s.default for s in out) != 1:  # exactly one default
            first_default = next((s.id for s in out if s.default), out[0].id)
            out = [SavedSender(s.id, s.party, s.id == first_default) for s in out]
        return out

    def default(self) -> SavedSender | None:
        return next((s for s in self.all() if s.default), None)

    def get(self, sender_id: int) -> SavedSender | None:
        return next((s for s in self.all() if s.id == sender_id), None)

    def add(self, party: dict[str, Any], *, default: bool = False) -> SavedSender:
        """Keep ``party`` (the first one kept becomes the default). The same party saved
        again is not kept twice."""
        senders = self.all()
        same = next((s for s in senders if s.party == party), None)
        if same is None:
            same = SavedSender(max([s.id for s in senders] + [0]) + 1, dict(party))
            senders.append(same)
        if default or len(senders) == 1:
            senders = [SavedSender(s.id, s.party, s.id == same.id) for s in senders]
        self._write(senders)
        return next(s for s in senders if s.id == same.id)

    def update(self, sender_id: int, party: dict[str, Any]) -> bool:
        senders = self.all()
        if not any(s.id == sender_id for s in senders):
            return False
        self._write(
            [SavedSender(s.id, dict(party), s.default) if s.id == sender_id else s for s in senders]
        )
        return True

    def set_default(self, sender_id: int) -> bool:
        senders = self.all()
        if not any(s.id == sender_id for s in senders):
            return False
        self._write([SavedSender(s.id, s.party, s.id == sender_id) for s in senders])
        return True

    def delete(self, sender_id: int) -> bool:
        """Forget one sender; when it was the default, the first one left becomes it."""
        senders = self.all()
        left = [s for s in senders if s.id != sender_id]
        if len(left) == len(senders):
            return False
        if left and not any(s.default for s in left):
            left[0] = SavedSender(left[0].id, left[0].party, True)
        self._write(left)
        return True

    def _write(self, senders: list[SavedSender]) -> None:
        self.store.put(
            SENDERS_KEY, [{"id": s.id, "party": s.party, "default": s.default} for s in senders]
        )
        default = next((s.party for s in senders if s.default), None)
        self.store.put(DEFAULT_KEY, default)
