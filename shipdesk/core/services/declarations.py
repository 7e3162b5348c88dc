"""Declarations: files, drafts, the default sender, validation, screening and PDF rendering.

Validation and rendering get the workspace's operator profile and rate book, screening the
workspace's channel, so the CLI and the GUI judge a declaration the same way.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.core.model import Declaration, Party
from shipdesk.core.services.workspace import Workspace

if TYPE_CHECKING:
    from shipdesk.core.screening.engine import Finding
    from shipdesk.core.storage.drafts import DraftInfo
    from shipdesk.core.validation import ValidationResult
    from shipdesk.core.validation.operators import OperatorProfile


# -- files --------------------------------------------------------------------------------------
def load(path: str | Path) -> Declaration:
    """Read a declaration file (``shipdesk.declaration/1``)."""
    from shipdesk.core.exchange.declaration_json import load_file

    return load_file(path)


def save(path: str | Path, decl: Declaration) -> None:
    """Write a declaration file atomically."""
    from shipdesk.core.exchange.declaration_json import save_file

    save_file(path, decl)


# -- the user's defaults ------------------------------------------------------------------------
def default_sender(ws: Workspace) -> Party | None:
    """The sender saved in the settings, None when there is none."""
    data = ws.settings.sender
    if not data:
        return None
    from shipdesk.core.exchange.declaration_json import from_dict

    return from_dict({"format": Declaration().format, "sender": data}).sender


def new_declaration(ws: Workspace) -> Declaration:
    """An empty declaration with the saved sender filled in."""
    decl = Declaration()
    sender = default_sender(ws)
    if sender is not None:
        decl.sender = sender
    return decl


def profile(ws: Workspace, operator: str | None = None) -> OperatorProfile:
    """The operator profile: ``operator`` when given (an unknown id is an InputError), else the
    one chosen in the settings."""
    if operator is None:
        return ws.operator_profile
    from shipdesk.core.validation.operators import get_profile

    return get_profile(operator)


# -- judging and printing -----------------------------------------------------------------------
def validate(
    ws: Workspace, decl: Declaration, operator: str | None = None, lang: str | None = None
) -> ValidationResult:
    """Problems by field path and the form that applies, with messages in ``lang`` (default:
    the language in use, as for :func:`screen`)."""
    from shipdesk.core.i18n import language
    from shipdesk.core.validation import validate as _validate

    return _validate(decl, operator=profile(ws, operator), lang=lang or language(), rates=ws.rates)


def screen(
    ws: Workspace, decl: Declaration, channel: str | None = None, lang: str | None = None
) -> list[Finding]:
    """Restricted-goods findings (per item and for the shipment), with messages in ``lang``
    (default: the language in use)."""
    from shipdesk.core.i18n import language
    from shipdesk.core.screening.active_rules import active_ruleset
    from shipdesk.core.screening.screen import screen_declaration

    return screen_declaration(
        decl,
        channel=channel or ws.settings.channel or "post",
        lang=lang or language(),
        rates=ws.rates,
        ruleset=active_ruleset(ws.rules_dir),
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
    declaration file); value limits use the workspace's rate book."""
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
        ruleset=active_ruleset(ws.rules_dir),
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
    """PDF bytes of the requested documents."""
    from shipdesk.core.documents import render as _render  # reportlab is loaded only here

    return _render(
        decl,
        form=form,
        paper=paper,
        operator=profile(ws, operator),
        lang=lang,
        copies=copies,
        draft=draft,
        rates=ws.rates,
    )


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
    """Delete drafts older than the ``keep_drafts_days`` setting (nothing when it is 0 or
    below: those drafts are deleted when printed instead)."""
    keep = ws.settings.keep_drafts_days
    return ws.drafts.purge_older_than(keep) if keep > 0 else 0


def resume(ws: Workspace) -> tuple[str, Declaration, str] | None:
    """After purging expired drafts: (draft id, declaration, title) of the newest, if any."""
    purge_expired_drafts(ws)
    latest = ws.drafts.latest()
    if latest is None:
        return None
    decl = ws.drafts.load(latest.id)
    return (latest.id, decl, latest.title) if decl is not None else None


def log_event(ws: Workspace, draft_id: str, event: str, detail: str = "") -> None:
    ws.drafts.log(draft_id, event, detail)


def history(ws: Workspace, draft_id: str) -> list[tuple[str, str, str]]:
    return ws.drafts.history(draft_id)
