"""Use cases shared by the CLI and the GUI. Plain functions over core values.

Each function imports its subsystem lazily so that a subcommand loads only what it needs
(``--version`` does not load the sentence encoder, ``validate`` does not load reportlab).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from shipdesk import __version__

if TYPE_CHECKING:
    from shipdesk.core.model import Declaration


# -- files ------------------------------------------------------------------------------------
def load_declaration(path: str | Path) -> Declaration:
    from shipdesk.core.exchange.declaration_json import load_file

    return load_file(path)


def save_declaration(path: str | Path, decl: Declaration) -> None:
    from shipdesk.core.exchange.declaration_json import save_file

    save_file(path, decl)


# -- data versions ----------------------------------------------------------------------------
def data_versions() -> dict[str, str]:
    """Versions of the shipped data sets, for ``--version`` and the About box."""
    out: dict[str, str] = {}
    for name, fn in (
        ("tariff", _tariff_version),
        ("rules", _rules_version),
        ("operators", _operators_version),
    ):
        try:
            out[name] = fn()
        except Exception as exc:  # report, never fail --version
            out[name] = f"unavailable ({exc})"
    return out


def _tariff_version() -> str:
    from shipdesk.core.tariff.api import data_version

    return data_version()


def _rules_version() -> str:
    from shipdesk.core.screening.api import rules_version

    return rules_version()


def _operators_version() -> str:
    from shipdesk.core.forms import profiles_version

    return profiles_version()


def app_version() -> str:
    return __version__


# -- classification ---------------------------------------------------------------------------
def suggest_codes(text: str, top: int = 5) -> list[Any]:
    """Ranked HS suggestions (``tariff.api.Suggestion``) for an item description."""
    from shipdesk.core.tariff.api import suggest

    return suggest(text, top=top)


# -- screening --------------------------------------------------------------------------------
def screen(decl: Declaration, channel: str = "post", lang: str | None = None) -> list[Any]:
    """Restricted-goods findings for a declaration (per item and per destination/origin),
    with messages in ``lang`` (default: the language in use)."""
    from shipdesk.core.i18n import language
    from shipdesk.core.screening.api import screen_declaration

    return screen_declaration(decl, channel=channel, lang=lang or language())


# -- validation -------------------------------------------------------------------------------
def validate(decl: Declaration, operator: str | None = None, lang: str | None = None) -> Any:
    """Problems by field path and the form that applies (``validation.ValidationResult``),
    with messages in ``lang`` (default: the language in use, as for ``screen``)."""
    from shipdesk.core.i18n import language
    from shipdesk.core.validation import validate as _validate

    return _validate(decl, operator=operator, lang=lang or language())


# -- documents --------------------------------------------------------------------------------
def render(
    decl: Declaration,
    form: str = "auto",
    paper: str = "a4",
    operator: str | None = None,
    lang: str = "en",
) -> bytes:
    """PDF bytes of the requested documents."""
    from shipdesk.core.documents import render as _render

    return _render(decl, form=form, paper=paper, operator=operator, lang=lang)
