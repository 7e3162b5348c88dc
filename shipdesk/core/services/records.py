"""The user's records besides drafts: address book and settings.

Whether an address may be kept is decided here from the settings (a postal counter sets
``keep_drafts_days`` to 0 and keeps nothing), not in the repository.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TYPE_CHECKING

from shipdesk.core.model import Declaration, Party
from shipdesk.core.services.workspace import Workspace

if TYPE_CHECKING:
    from shipdesk.core.storage.address_book import Entry
    from shipdesk.core.storage.settings import Settings


# -- address book -------------------------------------------------------------------------------
def address_book_enabled(ws: Workspace) -> bool:
    return ws.settings.keep_drafts_days != 0


def remember_address(ws: Workspace, role: str, party: Party) -> bool:
    """Store or refresh an address; False when nothing was kept."""
    if not address_book_enabled(ws):
        return False
    return ws.address_book.remember(role, party)


def find_addresses(ws: Workspace, role: str, text: str = "", limit: int = 20) -> list[Entry]:
    return ws.address_book.search(role, text, limit)


def forget_addresses(ws: Workspace) -> int:
    return ws.address_book.forget_all()


# -- settings -----------------------------------------------------------------------------------
def settings(ws: Workspace) -> Settings:
    return ws.settings


def operator_choices() -> list[tuple[str, str]]:
    """(id, name) of every operator profile, by name, for a settings choice."""
    from shipdesk.core.operators import load_profiles

    profiles = sorted(load_profiles().items(), key=lambda kv: kv[1].name)
    return [(pid, p.name) for pid, p in profiles]


class _Keep(Enum):
    """A setting not given to :func:`update_settings` is left as it is."""

    KEEP = 0


_KEEP = _Keep.KEEP


def update_settings(
    ws: Workspace,
    *,
    operator: str | _Keep = _KEEP,
    sender: Mapping[str, str] | _Keep | None = _KEEP,
    ui_language: str | _Keep = _KEEP,
    document_language: str | _Keep = _KEEP,
    paper: str | _Keep = _KEEP,
    channel: str | _Keep = _KEEP,
    keep_drafts_days: int | _Keep = _KEEP,
    packaging_kg: str | _Keep | None = _KEEP,
) -> Settings:
    """Store the settings given by name (``operator="usps"``, ``paper="letter"``) and return
    the new typed value; the workspace's derived values (operator profile) follow."""
    given = {
        "operator": operator,
        "sender": dict(sender) if isinstance(sender, Mapping) else sender,
        "ui_language": ui_language,
        "document_language": document_language,
        "paper": paper,
        "channel": channel,
        "keep_drafts_days": keep_drafts_days,
        "packaging_kg": packaging_kg,
    }
    for key, value in given.items():
        if value is not _KEEP:
            ws.settings_store.put(key, value)
    ws.refresh()
    return ws.settings


def save_sender(ws: Workspace, party: Party) -> Settings:
    """Keep ``party`` as the default sender of new declarations."""
    from shipdesk.core.exchange.declaration_json import to_plain_dict

    data = to_plain_dict(Declaration(sender=party))["sender"]
    return update_settings(ws, sender=data)
