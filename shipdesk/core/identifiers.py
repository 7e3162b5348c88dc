"""Identifiers on customs declarations: S10 item numbers, IOSS, EORI, VAT numbers, phones, ITN.

Each ``check_*`` returns an ``IdCheck``: whether the value is valid, its normalised form, and a
reason code plus detail when it is not. Validation turns these into problems by field. The detail
and the kind are ``Phrase`` texts: English as they stand, told in the language of the message
they end up in.
VAT and IOSS checks use python-stdnum; phone numbers use phonenumbers. All checks are offline
(format and check digits): whether a number is actually registered can only be asked online.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from shipdesk.core.countries import is_country
from shipdesk.core.i18n import N_, Phrase

if TYPE_CHECKING:
    from stdnum.util import NumberValidationModule

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)
_S10_RE = re.compile(r"^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$")
_EORI_RE = re.compile(r"^([A-Z]{2})([0-9A-Z]{1,15})$")
_ITN_RE = re.compile(r"^X\d{14}$")


@dataclass(frozen=True)
class IdCheck:
    ok: bool
    value: str  # normalised (spaces removed, capitals) or formatted for display
    reason: str = ""  # "format", "check_digit", "country", "component", "length", ...
    # human detail for the reason: a Phrase (English text, told in a message's language)
    detail: str = ""
    # what the value was recognised as (e.g. "EU VAT number", "EORI number"): a Phrase too
    kind: str = ""
    expected: str = ""  # the expected check digit (S10)


def _compact(value: str) -> str:
    return re.sub(r"[\s.\-/]", "", value or "").upper()


# -- S10 -------------------------------------------------------------------------------------
def s10_check_digit(serial: str) -> int:
    """S10 check digit: weights 8 6 4 2 3 5 9 7; 11 - (S mod 11), with 10 -> 0 and 11 -> 5."""
    if not re.fullmatch(r"\d{8}", serial):
        raise ValueError(f"S10 serial must be 8 digits, got {serial!r}")
    s = sum(int(d) * w for d, w in zip(serial, S10_WEIGHTS))
    c = 11 - s % 11
    return 0 if c == 10 else 5 if c == 11 else c


def make_s10(service: str, serial: int | str, country: str) -> str:
    """A complete S10 number, e.g. ``make_s10("RR", 47312482, "GB") == "RR473124829GB"``."""
    service = service.strip().upper()
    country = country.strip().upper()
    if not re.fullmatch(r"[A-Z]{2}", service):
        raise ValueError(f"S10 service indicator must be 2 letters, got {service!r}")
    if not re.fullmatch(r"[A-Z]{2}", country):
        raise ValueError(f"S10 country must be 2 letters, got {country!r}")
    if isinstance(serial, int):
        if not 0 <= serial <= 99_999_999:
            raise ValueError(f"S10 serial must be 0..99999999, got {serial}")
        digits = f"{serial:08d}"
    else:
        digits = serial.strip()
    return f"{service}{digits}{s10_check_digit(digits)}{country}"


def check_s10(value: str) -> IdCheck:
    """Format, check digit and country part of an S10 item number."""

    v = _compact(value)
    m = _S10_RE.match(v)
    if not m:
        return IdCheck(
            False, v, "format", Phrase(N_("expected 2 letters, 9 digits, 2 letters")), "S10"
        )
    _service, serial, check, country = m.groups()
    expected = s10_check_digit(serial)
    if int(check) != expected:
        return IdCheck(
            False,
            v,
            "check_digit",
            Phrase(N_("check digit {digit}"), digit=check),
            "S10",
            expected=str(expected),
        )
    if not is_country(country):
        return IdCheck(
            False, v, "country", Phrase(N_("{code} is not a country code"), code=country), "S10"
        )
    return IdCheck(True, v, kind="S10")


def is_s10(value: str) -> bool:
    return check_s10(value).ok


# -- IOSS ------------------------------------------------------------------------------------
def check_ioss(value: str) -> IdCheck:
    """IOSS: ``IM`` + 3-digit member-state code + 7 digits (python-stdnum ``eu.oss``)."""
    from stdnum.eu import oss  # python-stdnum: loaded only when an IOSS number is checked
    from stdnum.exceptions import ValidationError  # python-stdnum, as above: on demand

    v = _compact(value)
    kind = Phrase(N_("IOSS number"))
    if not v.startswith("IM"):
        return IdCheck(False, v, "format", Phrase(N_("it must start with IM")), kind)
    try:
        return IdCheck(True, oss.validate(v), kind=kind)
    except ValidationError as exc:
        detail = {
            "InvalidLength": Phrase(N_("it must have IM and 10 digits")),
            "InvalidFormat": Phrase(N_("after IM only digits are allowed")),
            "InvalidComponent": Phrase(
                N_("{code} is not the code of an EU member state"), code=v[2:5]
            ),
        }.get(type(exc).__name__, str(exc))
        return IdCheck(False, v, type(exc).__name__, detail, kind)


# -- EORI / VAT ------------------------------------------------------------------------------
def check_eori(value: str) -> IdCheck:
    """EORI format: country code + up to 15 letters/digits; GB and XI: 12 digits (or 15)."""

    v = _compact(value)
    kind = Phrase(N_("EORI number"))
    m = _EORI_RE.match(v)
    if not m:
        return IdCheck(
            False,
            v,
            "format",
            Phrase(N_("it is a country code and up to 15 letters or digits")),
            kind,
        )
    cc, rest = m.groups()
    if cc not in ("XI", "EL") and not is_country(cc):
        return IdCheck(
            False, v, "country", Phrase(N_("{code} is not a country code"), code=cc), kind
        )
    if cc in ("GB", "XI") and not re.fullmatch(r"\d{12}|\d{15}", rest):
        return IdCheck(
            False,
            v,
            "format",
            Phrase(N_("{code} EORI numbers have 12 digits after {code}"), code=cc),
            kind,
        )
    return IdCheck(True, v, kind=kind)


def check_vat(value: str, country: str | None = None) -> IdCheck:
    """A VAT number: EU (with prefix, incl. XI), GB, or the national number of ``country``."""
    from stdnum.exceptions import ValidationError  # python-stdnum, as above: on demand

    v = _compact(value)
    prefix = v[:2]
    module: NumberValidationModule | None = None
    kind = Phrase(N_("VAT number"))
    if prefix == "GB":
        from stdnum.gb import vat as module  # python-stdnum: on demand

        kind = Phrase(N_("UK VAT number"))
    elif re.fullmatch(r"[A-Z]{2}", prefix) and _is_eu_vat_prefix(prefix):
        from stdnum.eu import vat as module  # python-stdnum: on demand

        kind = Phrase(N_("EU VAT number"))
    elif country:
        from stdnum.util import get_cc_module  # the country's own module, found at run time

        module = get_cc_module(country.lower(), "vat")
        kind = Phrase(N_("{code} tax number"), code=country.upper())
    if module is None:
        return IdCheck(False, v, "unknown", Phrase(N_("no offline check for this country")), kind)
    try:
        return (
            IdCheck(True, module.compact(v), kind=kind)
            if module.validate(v)
            else IdCheck(False, v, "format", Phrase(N_("not valid")), kind)
        )
    except ValidationError as exc:
        # python-stdnum's own message (English) only for a reason not listed here
        detail = {
            "InvalidChecksum": Phrase(N_("the check digits do not match")),
            "InvalidLength": Phrase(N_("wrong number of characters")),
            "InvalidFormat": Phrase(N_("wrong characters for this country")),
            "InvalidComponent": Phrase(N_("a part of the number is not valid")),
        }.get(type(exc).__name__, str(exc))
        return IdCheck(False, v, type(exc).__name__, detail, kind)


def _is_eu_vat_prefix(prefix: str) -> bool:
    from stdnum.eu.vat import MEMBER_STATES  # python-stdnum: on demand

    return prefix.lower() in MEMBER_STATES or prefix == "EL"


def check_tax_id(value: str, country: str | None = None) -> IdCheck:
    """A party's customs/tax reference: a valid VAT number or a well-formed EORI number.

    A number that has the shape of a VAT number but wrong check digits is reported as a wrong
    VAT number; anything else with a country prefix and up to 15 characters passes as an EORI
    number (EORI registers can only be queried online).
    """
    v = _compact(value)
    if v[:2] in ("GB", "XI") and len(v) == 14:  # GB/XI EORI: the VAT number + 3 digits
        return check_eori(v)
    vat = check_vat(v, country)
    if vat.ok or vat.reason == "InvalidChecksum":
        return vat
    eori = check_eori(v)
    if eori.ok or v[:2] in ("GB", "XI"):
        return eori
    return vat


# -- phone -----------------------------------------------------------------------------------
def check_phone(value: str, country: str | None = None) -> IdCheck:
    """A phone number: valid for its country; ``value`` of the result is the international form.

    ``reason`` is ``"parse"`` or ``"invalid"`` when the number is wrong, and ``"national"`` when
    it is valid but not written in international form (``+CC ...``) as ICS2 requires.
    """
    import phonenumbers as pn  # lazy: about 40 ms of metadata, only when a phone is checked

    raw = (value or "").strip()
    region = (country or "").upper() or None
    text = "+" + raw[2:] if raw.startswith("00") else raw  # 00: the usual international prefix
    kind = Phrase(N_("phone number"))
    try:
        num = pn.parse(text, region)
    except pn.NumberParseException as exc:  # phonenumbers' own message, in English
        return IdCheck(False, raw, "parse", str(exc), kind)
    if not pn.is_valid_number(num):
        return IdCheck(False, raw, "invalid", Phrase(N_("not a valid number")), kind)
    intl = pn.format_number(num, pn.PhoneNumberFormat.INTERNATIONAL)
    if not raw.startswith("+"):
        return IdCheck(True, intl, "national", Phrase(N_("not in international form")), kind)
    return IdCheck(True, intl, kind=kind)


# -- US ITN ----------------------------------------------------------------------------------
def check_itn(value: str) -> IdCheck:
    """AES Internal Transaction Number: ``X`` + 14 digits (optionally written ``AES X...``)."""
    v = _compact(value)
    if v.startswith("AES"):
        v = v[3:]
    if not _ITN_RE.match(v):
        return IdCheck(False, v, "format", Phrase(N_("X followed by 14 digits")), "ITN")
    return IdCheck(True, v, kind="ITN")
