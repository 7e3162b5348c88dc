"""Addresses in Latin letters and Arabic numerals, as the UPU asks for the international part of
a postal address; the local script may be added beside it."""

from __future__ import annotations

import unicodedata

from shipdesk.core.model import Party
from shipdesk.core.validation.checks.context import Context
from shipdesk.core.validation.result import WARNING

# the fields that route the item; name and company are included because the carrier at the
# destination must be able to read who it is for
ADDRESS_FIELDS = ("name", "company", "street", "city", "region")


def _letters_latin(text: str) -> tuple[int, int]:
    """(letters, Latin letters) in ``text``."""
    letters = latin = 0
    for ch in text:
        if unicodedata.category(ch).startswith("L"):
            letters += 1
            if unicodedata.name(ch, "").startswith("LATIN"):
                latin += 1
    return letters, latin


def _other_digits(text: str) -> bool:
    """Digits other than 0-9 (Arabic-Indic, Devanagari, full-width ...)."""
    return any(ch.isdigit() and not ("0" <= ch <= "9") for ch in text)


def _party(ctx: Context, side: str, party: Party) -> None:
    # one warning of each kind per party, on the first field concerned: a whole address in
    # another script is one thing to fix, not five
    for key in ADDRESS_FIELDS:
        text = str(getattr(party, key) or "")
        letters, latin = _letters_latin(text)
        if letters and not latin:
            ctx.add(WARNING, f"{side}.{key}", "address_not_latin", value=text)
            break
    for key in ("street", "postcode"):
        text = str(getattr(party, key) or "")
        if _other_digits(text):
            ctx.add(WARNING, f"{side}.{key}", "address_digits", value=text)
            break


def rule_latin_address(ctx: Context) -> None:
    _party(ctx, "sender", ctx.decl.sender)
    _party(ctx, "recipient", ctx.decl.recipient)
