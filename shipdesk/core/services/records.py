"""The user's records besides drafts: address book, settings, and how long customer data lives.

Whether an address may be kept is decided here from the settings (a postal counter keeps
drafts "until printed" or "not past quitting" and keeps no address on the way), not in the
repository.

Customer data ends here too (see docs/reliability.md, "Privacy"): :func:`next_customer` deletes
one customer's draft, history, unsaved addresses and every preview or half-written PDF, and
makes the database files forget them (``secure_delete`` plus a truncating WAL checkpoint);
:func:`after_printed`, :func:`tidy_at_quit` and :func:`tidy_at_start` enforce the "keep drafts"
setting and empty the preview folder.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.core.errors import InputError
from shipdesk.core.fileio import remove_stale_temps
from shipdesk.core.i18n import _, language
from shipdesk.core.model import Declaration, Party
from shipdesk.core.money import currency_name, is_currency
from shipdesk.core.services.workspace import Workspace
from shipdesk.core.storage.copies import forget_in_copies
from shipdesk.core.storage.settings import KEEP_DRAFTS, PAPER_SIZES, THEMES
from shipdesk.core.units import WEIGHT_UNITS

if TYPE_CHECKING:
    from shipdesk.core.storage.address_book import Entry as Entry
    from shipdesk.core.storage.senders import SavedSender as SavedSender
    from shipdesk.core.storage.settings import Settings

log = logging.getLogger("shipdesk.records")

BACKUPS_FOLDER = "backups"  # in the data folder
OUTPUT_FOLDERS_KEY = "output_folders"
OUTPUT_FOLDERS_KEPT = 20


# -- address book -------------------------------------------------------------------------------
def address_book_enabled(ws: Workspace) -> bool:
    """Whether addresses are remembered on the way (only when drafts are kept for days)."""
    return ws.settings.keep_drafts == "days"


def remember_address(ws: Workspace, role: str, party: Party) -> bool:
    """Remember an address on the way (after printing); False when nothing was kept. Such an
    address is deleted by :func:`next_customer` unless the user saves it."""
    if not address_book_enabled(ws):
        return False
    return ws.address_book.remember(role, party)


def save_address(ws: Workspace, role: str, party: Party) -> bool:
    """Keep an address because the user asked to (whatever the drafts setting); False when the
    address has no name or company. Saved addresses survive :func:`next_customer`."""
    return ws.address_book.remember(role, party, saved=True)


def find_addresses(ws: Workspace, role: str, text: str = "", limit: int = 20) -> list[Entry]:
    return ws.address_book.search(role, text, limit)


def forget_addresses(ws: Workspace) -> int:
    return ws.address_book.forget_all()


def address_entries(ws: Workspace, text: str = "", limit: int = 500) -> list[Entry]:
    """Every kept address (senders and recipients) matching ``text``, for the manager."""
    return ws.address_book.entries(text, limit)


def update_address(ws: Workspace, entry_id: int, party: Party) -> bool:
    """Store the user's edit of one address (it is then saved on purpose and survives
    :func:`next_customer`); False when it is gone or has neither name nor company. The old
    text is overwritten in the database files too."""
    changed = ws.address_book.update(entry_id, party)
    if changed:
        _forget_in_files(ws)
    return changed


def delete_address(ws: Workspace, entry_id: int) -> bool:
    """Delete one address, from the database files too (write-ahead log and backups)."""
    deleted = ws.address_book.delete(entry_id)
    if deleted:
        _forget_in_files(ws)
    return deleted


# -- the lifetime of customer data --------------------------------------------------------------
@dataclass(frozen=True)
class Purged:
    """What a purge deleted (counts only: a log line must not name the customer)."""

    drafts: int = 0
    addresses: int = 0
    files: int = 0
    wal_cut: bool = True  # the write-ahead log was cut to nothing (no reader kept it)


def preview_folder(ws: Workspace) -> Path:
    """The one folder where PDFs handed to the system viewer are written (emptied at the
    next customer, at quit and at start)."""
    return ws.folders.cache / "preview"


def clear_previews(ws: Workspace) -> int:
    """Delete everything in the preview folder; returns how many files went. A file the system
    viewer still holds open (Windows) is left for the next time."""
    folder = preview_folder(ws)
    removed = 0
    try:
        entries = list(folder.iterdir())
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
        except OSError:
            continue
        removed += 1
    return removed


def note_output_folder(ws: Workspace, folder: Path) -> None:
    """Remember a folder a PDF was written to, so a write killed there is tidied at start."""
    raw = ws.settings_store.get(OUTPUT_FOLDERS_KEY)
    known = [str(f) for f in raw if isinstance(f, str)] if isinstance(raw, list) else []
    here = str(folder.resolve())
    if known[:1] == [here]:
        return
    ws.settings_store.put(
        OUTPUT_FOLDERS_KEY, [here, *(f for f in known if f != here)][:OUTPUT_FOLDERS_KEPT]
    )


def temp_folders(ws: Workspace) -> list[Path]:
    """Every folder an atomic write of ShipDesk may have left a temporary file in: the user
    folders, the preview folder, the system's temporary folder and the folders PDFs were
    written to."""
    f = ws.folders
    found = [f.data, f.config, f.cache, f.logs, preview_folder(ws), Path(tempfile.gettempdir())]
    raw = ws.settings_store.get(OUTPUT_FOLDERS_KEY)
    if isinstance(raw, list):
        found += [Path(x) for x in raw if isinstance(x, str)]
    out: list[Path] = []
    for p in found:
        if p not in out:
            out.append(p)
    return out


def remove_left_temps(ws: Workspace) -> int:
    """Delete the temporary files killed writes left (ShipDesk's own names only, only those
    older than a few minutes, see ``fileio.remove_stale_temps``); returns how many went."""
    return sum(len(remove_stale_temps(folder)) for folder in temp_folders(ws))


def backups_folder(ws: Workspace) -> Path:
    """Where the automatic backups of the user database are kept."""
    return ws.folders.data / BACKUPS_FOLDER


def _forget_in_files(ws: Workspace) -> bool:
    """After a purge: cut the write-ahead log and make the backups forget what went."""
    ok = ws.db.checkpoint()
    if not ok:
        log.warning("the write-ahead log is held by a reader; it is cut at the next purge")
    forget_in_copies(ws.db, backups_folder(ws))
    return ok


def next_customer(ws: Workspace, draft_id: str) -> Purged:
    """The counter moves on: delete this customer's draft and its history, every address not
    saved on purpose, every preview PDF and every temporary file a killed write left, then cut
    the write-ahead log so no database file keeps a copy."""
    drafts = ws.drafts.delete(draft_id)
    addresses = ws.address_book.forget_unsaved()
    files = clear_previews(ws) + remove_left_temps(ws)
    purged = Purged(drafts=drafts, addresses=addresses, files=files, wal_cut=_forget_in_files(ws))
    log.info(
        "next customer: draft, %d address(es) and %d file(s) deleted",
        purged.addresses,
        purged.files,
    )
    return purged


def delete_declaration(ws: Workspace, draft_id: str) -> bool:
    """The user deletes one past declaration (history): the draft and its events go, from
    the database files too. False when it was no longer kept."""
    deleted = ws.drafts.delete(draft_id) > 0
    if deleted:
        _forget_in_files(ws)
    return deleted


def after_printed(ws: Workspace, draft_id: str) -> bool:
    """A PDF of the draft was made: with "keep drafts until printed" the draft and its history
    go now (True), and the next start does not resume it."""
    if ws.settings.keep_drafts != "printed":
        return False
    ws.drafts.delete(draft_id)
    _forget_in_files(ws)
    return True


def tidy_at_quit(ws: Workspace) -> Purged:
    """The app quits: with "keep drafts: nothing" every draft goes; the preview folder is
    emptied whatever the setting."""
    drafts = ws.drafts.delete_all() if ws.settings.keep_drafts == "nothing" else 0
    files = clear_previews(ws)
    return Purged(drafts=drafts, files=files, wal_cut=_forget_in_files(ws))


def purge_expired_drafts(ws: Workspace) -> int:
    """Delete drafts older than ``keep_drafts_days`` when drafts are kept for days. With "until
    printed" or "nothing" a draft goes when printed or at quit instead; one left by a crash is
    resumed at start (nothing typed is lost) and goes the same way."""
    s = ws.settings
    if s.keep_drafts != "days" or s.keep_drafts_days <= 0:
        return 0
    return ws.drafts.purge_older_than(s.keep_drafts_days)


def tidy_at_start(ws: Workspace) -> Purged:
    """The app starts: drafts older than the setting go (``purge_expired_drafts``), the
    preview folder is emptied and the temporary files of killed writes are deleted."""
    drafts = purge_expired_drafts(ws)
    files = clear_previews(ws) + remove_left_temps(ws)
    if drafts or files:
        log.info("start: %d old draft(s) and %d left file(s) deleted", drafts, files)
    return Purged(drafts=drafts, files=files, wal_cut=_forget_in_files(ws))


# -- settings -----------------------------------------------------------------------------------
def settings(ws: Workspace) -> Settings:
    return ws.settings


def operator_choices() -> list[tuple[str, str]]:
    """(id, name) of every operator profile, by name, for a settings choice."""
    from shipdesk.core.operators import load_profiles

    profiles = sorted(load_profiles().items(), key=lambda kv: kv[1].name)
    return [(pid, p.name) for pid, p in profiles]


class SettingError(InputError, ValueError):
    """A setting given a value outside its choices; says which setting and what is allowed."""


def currency_choices() -> list[tuple[str, str]]:
    """(code, "code – name") of every ISO 4217 currency, by code, for a settings choice; the
    names are CLDR's in the interface language ("CHF – Schweizer Franken")."""
    import pycountry
    from babel.numbers import get_currency_name  # CLDR data: only when the choice is shown

    lang = language()
    out = []
    for code in sorted(c.alpha_3 for c in pycountry.currencies):
        try:
            name = get_currency_name(code, locale=lang)
        except Exception:  # a code CLDR does not know: its ISO name
            name = currency_name(code)
        out.append((code, f"{code} – {name}"))
    return out


def read_currency(text: str) -> str:
    """The ISO 4217 code typed in ``text`` ("usd", " EUR "); InputError naming the field when
    it is no currency code."""
    code = text.strip().upper()
    if not is_currency(code):
        raise SettingError(
            _(
                "“{text}” is not an ISO 4217 currency code (three letters, e.g. EUR, USD, GBP)"
            ).format(text=text.strip()),
            location=_("Currency"),
        )
    return code


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
    keep_drafts: str | _Keep = _KEEP,
    counter_layout: bool | _Keep = _KEEP,
    backups_kept: int | _Keep = _KEEP,
    currency: str | _Keep = _KEEP,
    weight_unit: str | _Keep = _KEEP,
    printer: str | _Keep = _KEEP,
    theme: str | _Keep = _KEEP,
) -> Settings:
    """Store the settings given by name (``operator="usps"``, ``paper="letter"``) and return
    the new typed value; the workspace's derived values (operator profile) follow.

    A value outside its choices (a currency that is no ISO 4217 code, an unknown weight unit,
    theme or paper) is refused with an InputError naming the setting; nothing is stored then.
    ``sender`` is kept as the default of the saved senders (None: the default is forgotten)."""
    if currency is not _KEEP:
        currency = read_currency(currency)
    closed: tuple[tuple[str, object, tuple[str, ...]], ...] = (
        ("weight_unit", weight_unit, WEIGHT_UNITS),
        ("theme", theme, THEMES),
        ("paper", paper, PAPER_SIZES),
        ("keep_drafts", keep_drafts, KEEP_DRAFTS),
    )
    for name, value, choices in closed:
        if value is not _KEEP and value not in choices:
            raise SettingError(f"{value!r} is not one of {', '.join(choices)}", location=name)
    if isinstance(sender, Mapping):
        ws.senders.add(dict(sender), default=True)
    elif sender is None:
        chosen = ws.senders.default()
        if chosen is not None:
            ws.senders.delete(chosen.id)
    given = {
        "operator": operator,
        "ui_language": ui_language,
        "document_language": document_language,
        "paper": paper,
        "channel": channel,
        "keep_drafts_days": keep_drafts_days,
        "packaging_kg": packaging_kg,
        "keep_drafts": keep_drafts,
        "counter_layout": counter_layout,
        "backups_kept": backups_kept,
        "currency": currency,
        "weight_unit": weight_unit,
        "printer": printer,
        "theme": theme,
    }
    for key, value in given.items():
        if value is not _KEEP:
            ws.settings_store.put(key, value)
    ws.refresh()
    return ws.settings


def _sender_data(party: Party) -> dict[str, str]:
    from shipdesk.core.exchange.declaration_json import to_plain_dict

    data: dict[str, str] = to_plain_dict(Declaration(sender=party))["sender"]
    return data


def saved_senders(ws: Workspace) -> list[SavedSender]:
    """The senders the user saved, the default among them (offered on the sender step)."""
    return ws.senders.all()


def sender_party(ws: Workspace, sender_id: int) -> Party | None:
    """The saved sender ``sender_id`` as a party to put in a declaration."""
    saved = ws.senders.get(sender_id)
    if saved is None:
        return None
    from shipdesk.core.exchange.declaration_json import from_dict

    return from_dict({"format": Declaration().format, "sender": saved.party}).sender


def save_sender(ws: Workspace, party: Party, *, default: bool = True) -> Settings:
    """Keep ``party`` among the saved senders, by default as the default sender of new
    declarations."""
    ws.senders.add(_sender_data(party), default=default)
    ws.refresh()
    return ws.settings


def set_default_sender(ws: Workspace, sender_id: int) -> bool:
    changed = ws.senders.set_default(sender_id)
    ws.refresh()
    return changed


def delete_sender(ws: Workspace, sender_id: int) -> bool:
    deleted = ws.senders.delete(sender_id)
    ws.refresh()
    return deleted
