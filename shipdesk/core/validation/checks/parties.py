"""Sender and recipient: required fields, placeholders, country, the address format of the
country, phone, e-mail and tax numbers."""

from __future__ import annotations

import re

from shipdesk.core import address
from shipdesk.core.countries import CountryName, eu_members
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.identifiers import check_phone, check_tax_id
from shipdesk.core.model import Party
from shipdesk.core.validation.checks.context import Context, country_problem
from shipdesk.core.validation.result import ERROR, WARNING

PLACEHOLDERS = {
    "n/a",
    "na",
    "n.a.",
    "unknown",
    "none",
    "nil",
    "-",
    "--",
    "?",
    "private",
    "xxx",
    "x",
    "tbd",
    "test",
    "null",
}

# English phrases that fill message fields ({what}, {hint}, {where}) are marked for the catalogue;
# the message table translates them with the message. A party's field is one phrase per party
# ("Sender postcode"), since other languages do not build it by putting two words side by side.
FIELD_LABEL = {
    "name": N_("name"),
    "company": N_("company"),
    "street": N_("street address"),
    "city": N_("city"),
    "postcode": N_("postcode"),
    "country": N_("country"),
    "region": N_("region / state"),
}
PARTY_FIELD_LABEL = {
    "sender": {
        "name": N_("Sender name"),
        "street": N_("Sender street address"),
        "city": N_("Sender city"),
        "postcode": N_("Sender postcode"),
        "country": N_("Sender country"),
        "region": N_("Sender region / state"),
    },
    "recipient": {
        "name": N_("Recipient name"),
        "street": N_("Recipient street address"),
        "city": N_("Recipient city"),
        "postcode": N_("Recipient postcode"),
        "country": N_("Recipient country"),
        "region": N_("Recipient region / state"),
    },
}
FIELD_HINT = {
    "name": N_("enter the full first and last name (no initials) or the company name."),
    "street": N_("enter the street and house number."),
    "city": N_("enter the town or city."),
    "postcode": N_("enter the postcode as the post writes it."),
    "country": N_("choose the country (two-letter code, e.g. DE)."),
    "region": N_("enter the state, province or region."),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def _party(ctx: Context, role: str, party: Party) -> None:
    strict = role == "recipient" or ctx.form == "cn23"
    level = ERROR if strict else WARNING
    for f in ("name", "street", "city", "country"):
        value = getattr(party, f).strip()
        if not value:
            ctx.add(
                level,
                f"{role}.{f}",
                "required" if strict else "required_recommended",
                what=PARTY_FIELD_LABEL[role][f],
                hint=FIELD_HINT[f],
            )
    for f in ("name", "company", "street", "city"):
        value = getattr(party, f).strip()
        if value.lower() in PLACEHOLDERS:
            ctx.add(
                ERROR, f"{role}.{f}", "party_placeholder", value=value, what=FIELD_LABEL.get(f, f)
            )
    country_ok = bool(party.country.strip()) and country_problem(
        ctx, f"{role}.country", party.country
    )
    if country_ok:
        _address(ctx, role, party, level)
    if party.phone.strip():
        _phone(ctx, f"{role}.phone", party.phone, party.country if country_ok else None)
    elif role == "recipient" and ctx.form == "cn23":
        ctx.add(WARNING, "recipient.phone", "phone_missing")
    if party.email.strip() and not _EMAIL.match(party.email.strip()):
        ctx.add(WARNING, f"{role}.email", "email_invalid", value=party.email.strip())
    if party.tax_id.strip():
        _tax_id(ctx, f"{role}.tax_id", party.tax_id, party.country if country_ok else None)


def _address(ctx: Context, role: str, party: Party, level: str) -> None:
    """Required fields and postcode format per country (the rules the documents print by)."""
    errors = address.problems(party)
    if not errors:
        return
    cc = party.country.strip()
    cname = CountryName(cc)
    for f, kind in errors.items():
        path = f"{role}.{f}"
        if kind == "required":
            if f in ("street", "city"):
                continue  # reported above with the generic required-field rule
            ctx.add(
                level,
                path,
                "address_required",
                what=PARTY_FIELD_LABEL[role][f],
                country=cname,
                hint=FIELD_HINT[f],
            )
        elif f == "postcode":
            ex = address.postcode_examples(cc)[:2]
            ctx.add(
                level,
                path,
                "postcode_invalid",
                value=party.postcode.strip(),
                country=cname,
                example=Phrase(N_(" (e.g. {examples})"), examples=", ".join(ex)) if ex else "",
            )
        elif f == "region":
            choices = address.region_examples(cc)[:3]
            ctx.add(
                WARNING,
                path,
                "region_invalid",
                value=party.region.strip(),
                country=cname,
                example=Phrase(N_(", e.g. {examples}"), examples=", ".join(choices))
                if choices
                else "",
            )


def _phone(ctx: Context, path: str, value: str, country: str | None) -> None:
    r = check_phone(value, country)
    if not r.ok:
        ctx.add(
            ERROR,
            path,
            "phone_invalid",
            value=value.strip(),
            country=CountryName(country) if country else Phrase(N_("its country")),
        )
    elif r.reason == "national":
        ctx.add(WARNING, path, "phone_not_international", formatted=r.value)


def _tax_id(ctx: Context, path: str, value: str, country: str | None, soft: bool = False) -> None:
    r = check_tax_id(value, country)
    if r.ok:
        return
    if r.reason == "unknown":
        ctx.add(
            WARNING,
            path,
            "tax_id_unchecked",
            value=value.strip(),
            country=CountryName(country) if country else Phrase(N_("this country")),
        )
    elif r.kind == "EORI number":
        ctx.add(
            WARNING if soft else ERROR, path, "eori_format", value=value.strip(), detail=r.detail
        )
    else:
        ctx.add(
            WARNING if soft else ERROR,
            path,
            "tax_id_invalid",
            value=value.strip(),
            kind=r.kind,
            detail=r.detail,
        )


def rule_parties(ctx: Context) -> None:
    d = ctx.decl
    _party(ctx, "sender", d.sender)
    _party(ctx, "recipient", d.recipient)
    if d.importer_reference.strip():
        rc = d.recipient.country.strip().upper()
        _tax_id(ctx, "importer_reference", d.importer_reference, rc or None, soft=True)
    s, r = d.sender.country.strip(), d.recipient.country.strip()
    if s and s == r:
        ctx.add(WARNING, "recipient.country", "party_same_country", country=CountryName(s))
    elif s and r:
        eu = eu_members()
        if s in eu and r in eu:
            ctx.add(WARNING, "recipient.country", "eu_internal")
