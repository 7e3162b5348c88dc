"""The user's records besides drafts: address book and settings.

Whether an address may be kept is decided here from the settings (a postal counter sets
``keep_drafts_days`` to 0 and keeps nothing), not in the repository.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from shipdesk.core.model import Party
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


def update_settings(ws: Workspace, **values: Any) -> Settings:
    """Store settings by name (``operator="usps"``, ``paper="letter"``) and return the new
    typed value; the workspace's derived values (profile) follow."""
    for key, value in values.items():
        ws.settings_store.put(key, value)
    ws.refresh()
    return ws.settings


def save_sender(ws: Workspace, party: Party) -> Settings:
    """Keep ``party`` as the default sender of new declarations."""
    from shipdesk.core.exchange.declaration_json import to_plain_dict
    from shipdesk.core.model import Declaration

    data = to_plain_dict(Declaration(sender=party))["sender"]
    return update_settings(ws, sender=data)
