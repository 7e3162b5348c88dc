"""Every printed text field: characters no available font can draw, and characters that are
not what they seem (invisible ones, letters of another alphabet that look Latin)."""

from __future__ import annotations

import unicodedata

from shipdesk.core.glyphs import missing_glyphs
from shipdesk.core.text import read_text
from shipdesk.core.validation.checks.context import Context
from shipdesk.core.validation.fields import FieldName
from shipdesk.core.validation.result import ERROR, WARNING

SHOWN_CHARS = 4  # characters named in one message
SHOWN_READING = 60  # characters of the reading quoted in one message


def _printed_fields(ctx: Context) -> list[tuple[str, str]]:
    d = ctx.decl
    out: list[tuple[str, str]] = []
    for role, party in (("sender", d.sender), ("recipient", d.recipient)):
        for f in ("name", "company", "street", "city", "postcode", "region", "phone", "email"):
            out.append((f"{role}.{f}", getattr(party, f)))
    for i, it in ctx.items():
        out.append((f"items[{i}].description", it.description))
    for key in ("category_explanation", "comments", "invoice_number", "importer_reference"):
        out.append((key, getattr(d, key)))
    for key in ("licence_numbers", "certificate_numbers"):
        for j, v in enumerate(getattr(d, key)):
            out.append((f"{key}[{j}]", str(v)))
    return out


def rule_glyphs(ctx: Context) -> None:
    for path, text in _printed_fields(ctx):
        if text and text.strip():
            missing = missing_glyphs(text)
            if missing:
                chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing[:8])
                ctx.add(ERROR, path, "glyphs_missing", chars=chars)


def _describe(ch: str, letter: bool) -> str:
    name = unicodedata.name(ch, "")
    code = f"U+{ord(ch):04X}"
    if letter:
        return f"'{ch}' {code} {name}".rstrip()
    return f"{code} {name}".rstrip()


def _listed(chars: tuple[str, ...], letter: bool) -> str:
    shown = ", ".join(_describe(c, letter) for c in chars[:SHOWN_CHARS])
    return shown + (", …" if len(chars) > SHOWN_CHARS else "")


def rule_typed_text(ctx: Context) -> None:
    """Warn where screening and the HS lookup read a field differently from how it looks.

    Invisible characters (zero-width space, soft hyphen, joiners, NUL, ...) are not printed and
    are removed before checking; letters of another alphabet disguised in a Latin word ("роwer"
    with a Cyrillic р) are checked as Latin. The declaration keeps what was typed: the user
    is told, so they can see the text was read differently and retype it.
    """
    for path, text in _printed_fields(ctx):
        if not text or (text.isascii() and text.isprintable()):
            continue
        read = read_text(text)
        if read.hidden:
            ctx.add(
                WARNING,
                path,
                "text_hidden_characters",
                name=FieldName(path),
                chars=_listed(read.hidden, letter=False),
            )
        if read.lookalikes:
            reading = read.text.strip()
            if len(reading) > SHOWN_READING:
                reading = reading[: SHOWN_READING - 1] + "…"
            ctx.add(
                WARNING,
                path,
                "text_lookalike_letters",
                name=FieldName(path),
                chars=_listed(read.lookalikes, letter=True),
                reading=reading,
            )
