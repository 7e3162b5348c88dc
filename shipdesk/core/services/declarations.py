"""Declarations: files, drafts, the default sender, validation, screening and PDF rendering.

Validation and rendering get the workspace's operator profile and rate book, screening the
workspace's channel, so the CLI and the GUI judge a declaration the same way. What the faces
show of the results (the most severe level, which findings block printing, overrides, the
words of a finding, a field's readable name) is computed here too, so neither face reaches
into validation or screening.

The result types (:class:`Finding`, :class:`Problem`, :class:`ValidationResult`,
:class:`DraftInfo`, :class:`OperatorProfile`) are named here for annotations; the subsystems
that define them are imported only when a function needs them (documents: reportlab; screening:
the rule compiler; exchange: python-stdnum; see the package docstring for the measured costs).

Over 600 lines because it is the one door for everything the faces do with a declaration (64
small use-case functions, most of them a few lines forwarding to a subsystem); splitting it
would make the faces import several service modules for one page.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.core.countries import CountryReading as CountryReading
from shipdesk.core.countries import country_choices as _country_choices
from shipdesk.core.countries import read_country as _read_country
from shipdesk.core.countries import warm_up as _warm_up_countries
from shipdesk.core.errors import InputError, ShipdeskError
from shipdesk.core.fileio import atomic_write_bytes, remove_stale_temps
from shipdesk.core.i18n import _, error_text, language
from shipdesk.core.model import (
    LIST_EDITOR_NUMBERS,
    QUERY_LIMIT,
    Declaration,
    OverLong,
    Party,
    field_texts,
    over_long_fields,
)
from shipdesk.core.model import text_limit as _text_limit
from shipdesk.core.services import records
from shipdesk.core.services.workspace import Workspace
from shipdesk.core.units import WEIGHT_UNITS
from shipdesk.core.units import from_kg as _from_kg
from shipdesk.core.units import to_kg as _to_kg

if TYPE_CHECKING:
    from collections.abc import Sequence

    from shipdesk.core.duties.estimate import Estimate as Estimate
    from shipdesk.core.operators import OperatorProfile as OperatorProfile
    from shipdesk.core.screening.matching import Finding as Finding
    from shipdesk.core.storage.drafts import DraftInfo as DraftInfo
    from shipdesk.core.storage.drafts import DraftOverview
    from shipdesk.core.validation import Problem as Problem
    from shipdesk.core.validation import ValidationResult as ValidationResult

log = logging.getLogger("shipdesk.services")


# -- files --------------------------------------------------------------------------------------
def load(path: str | Path) -> Declaration:
    """Read a declaration file (``shipdesk.declaration/1``)."""
    from shipdesk.core.exchange.declaration_json import load_file

    return load_file(path)


def json_text(data: object) -> str:
    """``data`` as one line of JSON (non-ASCII kept) that can always be written as UTF-8: an
    unpaired surrogate read from a "\\ud800" escape is written back as that escape."""
    import json

    from shipdesk.core.exchange.declaration_json import escape_surrogates

    return escape_surrogates(json.dumps(data, ensure_ascii=False))


def save(path: str | Path, decl: Declaration) -> None:
    """Write a declaration file atomically."""
    from shipdesk.core.exchange.declaration_json import save_file

    save_file(path, decl)


def save_pdf(path: str | Path, pdf: bytes, ws: Workspace | None = None) -> None:
    """Write rendered PDF bytes atomically (a reader never sees half a file).

    The temporary files an earlier, killed write left in the folder (ShipDesk's own, older
    than a few minutes) are deleted first; with ``ws`` the folder is also noted, so such a file
    is found at the next start of the app (``records.tidy_at_start``)."""
    target = Path(path)
    remove_stale_temps(target.parent)
    if ws is not None:
        records.note_output_folder(ws, target.parent)
    atomic_write_bytes(target, pdf)


def export_register(
    decls: Sequence[Declaration],
    path: str | Path,
    files: Sequence[str] | None = None,
    ws: Workspace | None = None,
) -> Path:
    """Write the register workbook (.xlsx) of ``decls``; ``files`` names each one's file. With
    a workspace, each row carries the duty estimate of its declaration."""
    from shipdesk.core.exchange.register import export_register as _export  # openpyxl

    return _export(decls, path, files=files, estimates=_estimates(ws, decls))


def export_advance_data(
    decls: Sequence[Declaration], path: str | Path, fmt: str, ws: Workspace | None = None
) -> Path:
    """Write the advance electronic data of ``decls`` as ``fmt`` (json or csv); with a
    workspace, each item carries the duty estimate of its declaration."""
    from shipdesk.core.exchange.ead import export_ead

    return export_ead(decls, path, fmt, estimates=_estimates(ws, decls))


def _estimates(ws: Workspace | None, decls: Sequence[Declaration]) -> list[Estimate | None] | None:
    """Each declaration's duty estimate (None where none can be made: no destination, a date
    that is not one)."""
    if ws is None:
        return None
    from shipdesk.core.services.duties import estimate

    out: list[Estimate | None] = []
    for d in decls:
        try:
            out.append(estimate(ws, d))
        except ShipdeskError:
            out.append(None)
    return out


# -- the user's defaults ------------------------------------------------------------------------
def default_sender(ws: Workspace) -> Party | None:
    """The sender saved in the settings, None when there is none."""
    data = ws.settings.sender
    if not data:
        return None
    from shipdesk.core.exchange.declaration_json import from_dict

    return from_dict({"format": Declaration().format, "sender": data}).sender


def new_declaration(ws: Workspace) -> Declaration:
    """An empty declaration with the default sender and the currency of the settings."""
    decl = Declaration(currency=ws.settings.currency)
    sender = default_sender(ws)
    if sender is not None:
        decl.sender = sender
    return decl


def profile(ws: Workspace, operator: str | None = None) -> OperatorProfile:
    """The operator profile: ``operator`` when given (an unknown id is an InputError), else the
    one chosen in the settings."""
    if operator is None:
        return ws.operator_profile
    from shipdesk.core.operators import get_profile

    return get_profile(operator)


# -- weights in the user's unit -------------------------------------------------------------
def weight_units() -> tuple[str, ...]:
    """The units weights may be shown and typed in (the declaration keeps kg)."""
    return WEIGHT_UNITS


def weight_to_kg(text: str, unit: str) -> str:
    """The kilograms to keep for a weight typed in ``unit`` ("16" in oz, or "16 oz")."""
    return _to_kg(text, unit)


def weight_shown(kg_text: str, unit: str) -> str:
    """Kept kilograms as shown in ``unit``: the shortest number that is kept the same again."""
    return _from_kg(kg_text, unit)


# -- limits -------------------------------------------------------------------------------------
def text_limit(path: str) -> int:
    """The most characters the field at ``path`` may hold (``items[0].description``,
    ``recipient.street``, or a bare key such as ``description``). The editors of the window
    take their maximum length from here."""
    return _text_limit(path)


def editor_limit(key: str) -> int:
    """The maximum length of the editor of a declaration key: its limit, or for a list typed
    comma-separated (``licence_numbers``) room for several numbers of that limit."""
    limit = _text_limit(key)
    if isinstance(getattr(Declaration(), key, None), list):
        return LIST_EDITOR_NUMBERS * (limit + 2)
    return limit


def over_long(decl: Declaration) -> list[OverLong]:
    """The fields of ``decl`` longer than their limit (lengths only: cheap on any input)."""
    return over_long_fields(decl)


def refuse_over_long(decl: Declaration, source: str | None = None) -> None:
    """Raise InputError naming the first field longer than its limit, and the limit: checked
    before a document is drawn, even as a draft."""
    fields = over_long_fields(decl)
    if fields:
        f = fields[0]
        more = f" (and {len(fields) - 1} more field(s))" if len(fields) > 1 else ""
        raise InputError(
            f"{f.length:,} characters; the limit is {f.limit:,}{more}: not printed, not even "
            "as a draft",
            source=source,
            location=f.path,
        )


def refuse_long_query(description: str, where: str = "") -> None:
    """Raise InputError when a description to screen or classify is longer than the limit of
    an item description; ``where`` goes in front ("line 3: ")."""
    if len(description) > QUERY_LIMIT:
        raise InputError(
            f"{where}the description has {len(description):,} characters; the limit is "
            f"{QUERY_LIMIT:,}"
        )


# -- judging and printing -----------------------------------------------------------------------
def validate(
    ws: Workspace,
    decl: Declaration,
    operator: str | None = None,
    lang: str | None = None,
    *,
    form: str | None = None,
) -> ValidationResult:
    """Problems by field path and the form that applies, with messages in ``lang`` (default:
    the language in use, as for :func:`screen`).

    ``form`` is the form about to be printed when it is not the declaration's own ("cn22" or
    "cn23" chosen at print time): the declaration is judged as that form, so a CN 22 asked for
    a parcel beyond the CN 22 limits is refused exactly as if the file had said so."""
    from shipdesk.core.validation import validate as _validate

    if form in ("cn22", "cn23") and form != (decl.form or "").strip().lower():
        decl = decl.copy()
        decl.form = form
    return _validate(decl, operator=profile(ws, operator), lang=lang or language(), rates=ws.rates)


def screen(
    ws: Workspace, decl: Declaration, channel: str | None = None, lang: str | None = None
) -> list[Finding]:
    """Restricted-goods findings (per item and for the shipment), with messages in ``lang``
    (default: the language in use); lithium batteries per parcel are held to the workspace's
    operator's limits."""
    from shipdesk.core.screening.active_rules import active_ruleset
    from shipdesk.core.screening.screen import screen_declaration

    return screen_declaration(
        decl,
        channel=channel or ws.settings.channel or "post",
        lang=lang or language(),
        rates=ws.rates,
        ruleset=active_ruleset(ws.rules_dir, ws.rule_keys),
        operator=ws.operator_profile,
    )


def screen_item(
    ws: Workspace,
    description: str,
    *,
    destination: str,
    hs_code: str = "",
    origin: str = "",
    value: Decimal | None = None,
    currency: str = "",
    channel: str = "post",
    lang: str = "en",
    quantity: Decimal | None = None,
    sender_country: str = "",
    item_category: str = "",
) -> list[Finding]:
    """Restricted-goods findings for one item sent to ``destination`` (``check`` without a
    declaration file); value limits use the workspace's rate book. A description longer than
    the limit of an item description is screened up to the limit, with a warning finding that
    the rest was not checked (``check`` refuses such a description first, with
    :func:`refuse_long_query`)."""
    from shipdesk.core.screening.active_rules import active_ruleset
    from shipdesk.core.screening.screen import screen_item as _screen_item

    return _screen_item(
        description,
        hs_code=hs_code,
        destination=destination,
        origin=origin,
        value=value,
        currency=currency,
        channel=channel,
        lang=lang,
        quantity=quantity,
        sender_country=sender_country,
        item_category=item_category,
        rates=ws.rates,
        ruleset=active_ruleset(ws.rules_dir, ws.rule_keys),
        operator=ws.operator_profile,
    )


def render(
    ws: Workspace,
    decl: Declaration,
    *,
    form: str = "auto",
    paper: str = "a4",
    operator: str | None = None,
    lang: str = "en",
    copies: int | None = None,
    draft: bool = False,
) -> bytes:
    """PDF bytes of the requested documents; a field longer than its limit is refused
    (InputError naming it) before anything is drawn."""
    from shipdesk.core.documents import render as _render  # reportlab is loaded only here

    refuse_over_long(decl)

    return _render(
        decl,
        form=form,
        paper=paper,
        operator=profile(ws, operator),
        lang=lang,
        copies=copies,
        draft=draft,
        rates=ws.rates,
        duties=ddp_estimate(ws, decl),
    )


def ddp_estimate(ws: Workspace, decl: Declaration) -> Estimate | None:
    """The duty estimate the invoice prints when the sender pays the duties (DDP); None for
    any other term, or when no estimate can be made (the invoice then prints without it)."""
    from shipdesk.core import incoterms
    from shipdesk.core.services.duties import estimate

    if not incoterms.seller_pays_duties(str(decl.extra.get("incoterm") or "")):
        return None
    try:
        return estimate(ws, decl)
    except ShipdeskError:
        return None


# -- what the results mean ----------------------------------------------------------------------
def field_label(path: str) -> str:
    """The readable name of a field path (``items[0].hs_code``) in the language in use."""
    from shipdesk.core.validation import field_label as _label

    return _label(path)


def field_values(decl: Declaration) -> dict[str, str]:
    """The text of every field of ``decl`` by its path: a face compares two of these to know
    which fields a person changed (a problem is shown for a field once it was touched)."""
    return field_texts(decl)


def highest_level(findings: Sequence[Finding]) -> str | None:
    """The most severe screening level among ``findings`` (None when there are none)."""
    from shipdesk.core.screening.screen import highest_level as _highest

    return _highest(list(findings))


def item_levels(findings: Sequence[Finding]) -> dict[int, str]:
    """Per item index, the most severe level of that item's own findings (items without a
    finding are left out; shipment findings count for no item)."""
    by_item: dict[int, list[Finding]] = {}
    for f in findings:
        if f.item_index is not None:
            by_item.setdefault(f.item_index, []).append(f)
    levels = {i: highest_level(fs) for i, fs in by_item.items()}
    return {i: level for i, level in levels.items() if level}


def overridden(decl: Declaration) -> set[tuple[str, int | None]]:
    """(rule, item index) of every finding overridden in the declaration's history."""
    from shipdesk.core.screening.overrides import overridden as _overridden

    return _overridden(decl)


def is_overridden(decl: Declaration, finding: Finding) -> bool:
    return (finding.rule, finding.item_index) in overridden(decl)


def may_override(decl: Declaration, finding: Finding) -> bool:
    """Whether ``finding`` can still be overridden: prohibited, and not overridden yet."""
    return finding.level == "prohibited" and not is_overridden(decl, finding)


def blocking(decl: Declaration, findings: Sequence[Finding]) -> list[Finding]:
    """Prohibited findings no override covers: printing is refused while there are any."""
    from shipdesk.core.screening.overrides import blocking as _blocking

    return _blocking(decl, list(findings))


def record_override(decl: Declaration, finding: Finding, reason: str, user: str = "") -> None:
    """Keep in the declaration's history that ``finding`` is overridden, with the user's reason
    (InputError when the reason is empty)."""
    from shipdesk.core.screening.overrides import record_override as _record

    _record(decl, finding, reason, user=user)


def level_word(level: str, lang: str) -> str:
    """The word for a screening level (``prohibited``...) in ``lang``."""
    from shipdesk.core.screening.notes import level_word as _word

    return _word(level, lang)


def category_word(category: str, lang: str) -> str:
    """A screening rule's category (``dangerous_goods``...) in words of ``lang``."""
    from shipdesk.core.screening.notes import category_word as _word

    return _word(category, lang)


def advice_label(lang: str) -> str:
    """The label put before a finding's advice (“What to do”) in ``lang``."""
    from shipdesk.core.screening.notes import text

    return text("advice", lang)


def labelled(label: str, text: str, lang: str) -> str:
    """``label`` and ``text`` joined by a colon as ``lang`` writes it ("Que faire : ...")."""
    from shipdesk.core.screening.notes import text as note_text

    return note_text("labelled", lang, label=label, text=text)


def customer_label(lang: str) -> str:
    """The label put before a finding's sentence for the customer in ``lang``."""
    from shipdesk.core.screening.notes import text

    return text("customer", lang)


def detail_label(lang: str) -> str:
    """The label put before a finding's detail for the clerk (rule, source, limit) in ``lang``."""
    from shipdesk.core.screening.notes import text

    return text("detail", lang)


def customer_answer(decl: Declaration, findings: Sequence[Finding], lang: str) -> list[str]:
    """The answer on restricted goods in words a customer understands (counter layout): one
    sentence per concern, "Yes: ..." when there is none, nothing before an item and a
    destination are given."""
    from shipdesk.core.screening.answer import customer_answer as _answer

    return _answer(decl, findings, lang)


def nothing_found_text(lang: str) -> str:
    """What to say when screening found nothing, in ``lang``."""
    from shipdesk.core.screening.notes import text

    return text("none", lang)


# -- drafts and their history -------------------------------------------------------------------
def new_draft_id(ws: Workspace) -> str:
    return ws.drafts.new_id()


def save_draft(ws: Workspace, draft_id: str, decl: Declaration) -> None:
    ws.drafts.save(draft_id, decl)


def load_draft(ws: Workspace, draft_id: str) -> Declaration | None:
    return ws.drafts.load(draft_id)


def latest_draft(ws: Workspace) -> DraftInfo | None:
    return ws.drafts.latest()


def list_drafts(ws: Workspace, limit: int = 50) -> list[DraftInfo]:
    return ws.drafts.list(limit)


def delete_draft(ws: Workspace, draft_id: str) -> None:
    ws.drafts.delete(draft_id)


def purge_expired_drafts(ws: Workspace) -> int:
    """Delete drafts older than ``keep_drafts_days`` when drafts are kept for days (see
    ``records.purge_expired_drafts``)."""
    return records.purge_expired_drafts(ws)


@dataclass(frozen=True)
class SkippedDraft:
    """A draft that could not be read back (kept in the database as it is, for support)."""

    id: str
    title: str
    updated_at: str
    reason: str


@dataclass(frozen=True)
class Resumed:
    """What :func:`resume_report` found: the newest readable draft (None: start an empty
    declaration) and the newer drafts it had to skip."""

    draft_id: str | None = None
    declaration: Declaration | None = None
    title: str = ""
    skipped: tuple[SkippedDraft, ...] = ()


def resume(ws: Workspace) -> tuple[str, Declaration, str] | None:
    """After purging expired drafts: (draft id, declaration, title) of the newest draft that
    can be read, if any (see :func:`resume_report`, which also says what was skipped)."""
    found = resume_report(ws)
    if found.draft_id is None or found.declaration is None:
        return None
    return found.draft_id, found.declaration, found.title


def resume_report(ws: Workspace, look_back: int = 50) -> Resumed:
    """After purging expired drafts: the newest draft that can be read.

    A draft that cannot be read (not JSON, a wrong shape, written by a newer ShipDesk) never
    stops the start: it is skipped, reported in ``skipped`` with the reason, and left in the
    database untouched; the next older readable one (among ``look_back``) is resumed, else
    none."""
    purge_expired_drafts(ws)
    skipped: list[SkippedDraft] = []
    for info in ws.drafts.list(look_back):
        try:
            decl = ws.drafts.load(info.id)
        except ShipdeskError as exc:
            reason = error_text(exc)
        except (ValueError, RecursionError, MemoryError) as exc:  # never a blocker at start
            log.warning("draft %s unreadable: %s", info.id, type(exc).__name__)
            reason = f"{type(exc).__name__}: {str(exc)[:200]}"
        else:
            if decl is None:  # deleted meanwhile
                continue
            return Resumed(info.id, decl, info.title, tuple(skipped))
        skipped.append(SkippedDraft(info.id, info.title, info.updated_at, reason))
    return Resumed(skipped=tuple(skipped))


def log_event(ws: Workspace, draft_id: str, event: str, detail: str = "") -> None:
    ws.drafts.log(draft_id, event, detail)


def history(ws: Workspace, draft_id: str) -> list[tuple[str, str, str]]:
    return ws.drafts.history(draft_id)


# -- the history of past declarations -----------------------------------------------------------
HISTORY_STATUSES = ("draft", "printed")


@dataclass(frozen=True)
class HistoryEntry:
    """One past declaration as the history lists it. Only what the user database still keeps
    is listed: the "keep drafts" setting and "Next customer" decide how long that is."""

    draft_id: str
    recipient: str
    country: str
    date: str  # last change, ISO 8601 (UTC)
    first_item: str
    items: int
    status: str  # "draft" or "printed"
    printed_at: str = ""


def _history_entry(ws: Workspace, info: DraftOverview) -> HistoryEntry | None:
    try:
        decl = ws.drafts.load(info.id)
    except (ShipdeskError, ValueError, RecursionError) as exc:  # listed as it is stored
        log.warning("history: draft %s unreadable: %s", info.id, type(exc).__name__)
        return HistoryEntry(info.id, info.title, "", info.updated_at, "", 0, "draft")
    if decl is None:  # deleted meanwhile
        return None
    r = decl.recipient
    items = decl.real_items()
    return HistoryEntry(
        draft_id=info.id,
        recipient=r.name.strip() or r.company.strip(),
        country=r.country.strip(),
        date=info.updated_at,
        first_item=items[0].description.strip() if items else "",
        items=len(items),
        status="printed" if info.printed_at else "draft",
        printed_at=info.printed_at,
    )


def kept_declarations(ws: Workspace, limit: int = 500) -> list[HistoryEntry]:
    """Every declaration the user database keeps (the newest ``limit``), newest change first;
    filter them with :func:`filter_declarations` (no storage read per keystroke)."""
    out: list[HistoryEntry] = []
    for info in ws.drafts.overview(limit):
        entry = _history_entry(ws, info)
        if entry is not None:
            out.append(entry)
    return out


def filter_declarations(
    entries: Sequence[HistoryEntry], text: str = "", *, status: str = "", country: str = ""
) -> list[HistoryEntry]:
    """``entries`` whose recipient, country or first item contain every word of ``text``
    (accents and case folded); ``status`` keeps only "draft" or "printed" ones, ``country``
    one destination (ISO code, case ignored)."""
    from shipdesk.core.text import lower_fold

    if status and status not in HISTORY_STATUSES:
        raise ValueError(f"status must be one of {', '.join(HISTORY_STATUSES)}")
    words = lower_fold(text).split()
    wanted_country = country.strip().upper()
    out: list[HistoryEntry] = []
    for entry in entries:
        if status and entry.status != status:
            continue
        if wanted_country and entry.country.upper() != wanted_country:
            continue
        hay = lower_fold(f"{entry.recipient} {entry.country} {entry.first_item}")
        if all(w in hay for w in words):
            out.append(entry)
    return out


def past_declarations(
    ws: Workspace, text: str = "", *, status: str = "", country: str = "", limit: int = 500
) -> list[HistoryEntry]:
    """The kept declarations matching ``text``, ``status`` and ``country`` (see
    :func:`filter_declarations`), newest change first."""
    return filter_declarations(kept_declarations(ws, limit), text, status=status, country=country)


def _stored(ws: Workspace, draft_id: str) -> Declaration:
    decl = ws.drafts.load(draft_id)
    if decl is None:
        raise InputError(_("This declaration is no longer kept (deleted or expired)."))
    return decl


def duplicate_draft(ws: Workspace, draft_id: str) -> str:
    """Copy a kept declaration into a new draft (a new id) for a repeat shipment and return
    the new id. The parcel's item number and date are left empty: they belong to one parcel."""
    decl = _stored(ws, draft_id).copy()
    decl.item_id = ""
    decl.date = ""
    new_id = ws.drafts.new_id()
    ws.drafts.save(new_id, decl)
    ws.drafts.log(new_id, "duplicated")
    return new_id


def export_draft(ws: Workspace, draft_id: str, path: str | Path) -> Path:
    """Write a kept declaration as a declaration file (``.shipdesk.json``)."""
    target = Path(path)
    save(target, _stored(ws, draft_id))
    return target


def reprint_draft(
    ws: Workspace,
    draft_id: str,
    path: str | Path,
    *,
    form: str = "auto",
    paper: str | None = None,
    lang: str = "en",
) -> Path:
    """Render a kept declaration again and write the PDF to ``path``; the print is logged
    like any other, and the "keep drafts: until printed" setting then applies to it."""
    decl = _stored(ws, draft_id)
    pdf = render(ws, decl, form=form, paper=paper or ws.settings.paper, lang=lang)
    target = Path(path)
    save_pdf(target, pdf, ws)
    ws.drafts.log(draft_id, "rendered", form)
    records.after_printed(ws, draft_id)
    return target


# -- countries as typed -------------------------------------------------------------------------
def read_country(text: str) -> CountryReading | None:
    """The country a typed text names (ISO code, a name in English, German, French or Spanish,
    or an everyday alias such as "USA"), or None: the one parser the imports use too."""
    return _read_country(text)


def warm_up_countries() -> None:
    """Build the country tables in the interface language now (background thread at start)."""
    _warm_up_countries(language())


def country_choices(text: str, limit: int | None = None) -> list[tuple[str, str]]:
    """(ISO code, name in the interface language) of the countries a typed text may mean, for
    a completer: the exact code or name first, then names starting with the text, then the
    rest that contain it."""
    return _country_choices(text, language(), limit)
