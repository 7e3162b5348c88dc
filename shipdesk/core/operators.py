"""Operator profiles (``resources/operators/*.toml``): what each postal operator publishes.

A profile holds what a designated postal operator publishes: its CN 22 value limit and the
currency it is stated in (``XDR`` when the operator uses the UPU 300 SDR rule as is), the
letter-post weight limit, the copies it wants, the languages it accepts and notes for the user.
Each profile is dated (``valid_from``) and names its sources.

A profile may also hold the operator's own limits for lithium batteries in international post
(``[lithium]``: cells and batteries per parcel, Wh per cell and battery, lithium grams, with
their own source, date and confidence). A profile without them uses the UPU default profile's
limits (ICAO Technical Instructions / IATA DGR 2.4: at most 4 cells or 2 batteries installed in
equipment per parcel), which the screening then names as such. The table may list the
operator's own refusals of devices with installed lithium batteries by destination and service
(``[[lithium.routes]]``: refused to some destinations, or accepted only to some), each with its
source, URL, date read and confidence; screening reports them as the operator's refusal.

``decide`` / ``choose_form`` apply the CONTRACT rule under a profile: ``form: auto`` gives CN 22
when the declared value, converted to the limit's currency, is within the limit and the gross
weight within the letter-post limit, otherwise CN 23; ``cn22`` / ``cn23`` force a form (the
problems a forced form raises are validation's, in ``validation.form_choice``).

A ground module: the workspace loads the profiles when it opens and the documents choose a form,
and neither needs the validation checks (importing the validation package costs about 30 ms).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.i18n import N_
from shipdesk.core.money import format_money, is_currency
from shipdesk.core.paths import resource
from shipdesk.core.rates import Conversion, RateUnavailable, convert

# Operator names that describe rather than name (the profiles' `name`), so that the catalogue
# translates them where they are shown; the posts' own names stay as they write them.
DESCRIBED_NAMES = (N_("UPU default (any designated operator)"),)
if TYPE_CHECKING:
    from shipdesk.core.model import Declaration
    from shipdesk.core.rates import RateBook

DEFAULT_OPERATOR = "upu"
PROFILE_FORMAT = "shipdesk.operator/1"


LITHIUM_CONFIDENCE = ("confirmed", "unconfirmed")
LITHIUM_LIMIT_KEYS = (
    "max_cells",
    "max_batteries",
    "max_wh_cell",
    "max_wh_battery",
    "max_li_grams_cell",
    "max_li_grams_battery",
)


ROUTE_MODES = ("refuse", "accept_only")
ALL_DESTINATIONS = "ALL"
_COUNTRY = re.compile(r"^[A-Z]{2}$")
_ACCESSED = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")


@dataclass(frozen=True)
class LithiumRoute:
    """Whether an operator takes devices with lithium batteries installed to some destinations.

    ``mode`` ``refuse``: not accepted to ``destinations`` (``ALL``: to any destination);
    ``accept_only``: accepted only to ``destinations``, refused to every other. ``services``
    names the operator's services the entry covers (empty: all of them, so no service of the
    operator takes the device there). Each entry has its own source, URL, date read and
    confidence, like the limits.
    """

    mode: str
    destinations: frozenset[str]
    services: tuple[str, ...]
    confidence: str
    source: str
    url: str
    accessed: str
    notes: str = ""

    def refuses(self, destination: str) -> bool:
        """Whether this entry refuses a device with an installed battery to ``destination``."""
        code = destination.strip().upper()
        if not code:
            return False
        listed = ALL_DESTINATIONS in self.destinations or code in self.destinations
        return listed if self.mode == "refuse" else not listed


def _cited(data: dict[str, Any], where: str, table: str) -> tuple[str, str]:
    """The ``confidence`` and ``url`` a lithium table cites its source with, checked (a missing
    key raises KeyError for the caller to name)."""
    confidence = str(data["confidence"])
    if confidence not in LITHIUM_CONFIDENCE:
        raise DataError(
            f"{where}: {table}.confidence must be one of {', '.join(LITHIUM_CONFIDENCE)}"
        )
    url = str(data["url"])
    if not url.startswith(("https://", "http://")):
        raise DataError(f"{where}: {table}.url must be a web address, found {url!r}")
    return confidence, url


def parse_route(data: Any, where: str) -> LithiumRoute:
    """One ``[[lithium.routes]]`` table; DataError naming the file and key if anything is off."""
    if not isinstance(data, dict):
        raise DataError(f"{where}: lithium.routes must be tables")
    known = {"mode", "destinations", "services", "confidence", "source", "url", "accessed", "notes"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise DataError(f"{where}: lithium.routes: unknown key(s) {', '.join(unknown)}")
    try:
        mode = str(data["mode"])
        if mode not in ROUTE_MODES:
            raise DataError(f"{where}: lithium.routes.mode must be one of {', '.join(ROUTE_MODES)}")
        dests = data["destinations"]
        if not isinstance(dests, list) or not dests:
            raise DataError(f"{where}: lithium.routes.destinations must be a list of country codes")
        for code in dests:
            if not isinstance(code, str) or not (_COUNTRY.match(code) or code == ALL_DESTINATIONS):
                raise DataError(
                    f"{where}: lithium.routes.destinations: {code!r} is not a two-letter "
                    f"country code or {ALL_DESTINATIONS!r}"
                )
        if mode == "accept_only" and ALL_DESTINATIONS in dests:
            raise DataError(
                f"{where}: lithium.routes: accept_only cannot list {ALL_DESTINATIONS!r}"
            )
        services = data.get("services", [])
        if not isinstance(services, list) or not all(
            isinstance(x, str) and x.strip() for x in services
        ):
            raise DataError(f"{where}: lithium.routes.services must be a list of service names")
        confidence, url = _cited(data, where, "lithium.routes")
        accessed = str(data["accessed"])
        if not _ACCESSED.match(accessed):
            raise DataError(f"{where}: lithium.routes.accessed must be YYYY-MM or YYYY-MM-DD")
        return LithiumRoute(
            mode=mode,
            destinations=frozenset(dests),
            services=tuple(" ".join(x.split()) for x in services),
            confidence=confidence,
            source=" ".join(str(data["source"]).split()),
            url=url,
            accessed=accessed,
            notes=" ".join(str(data.get("notes", "")).split()),
        )
    except KeyError as exc:
        raise DataError(f"{where}: lithium.routes: missing key {exc.args[0]!r}") from None


@dataclass(frozen=True)
class LithiumLimits:
    """What an operator publishes for lithium batteries in international post, dated.

    ``confidence`` is ``confirmed`` (read on the operator's or the UPU's own page) or
    ``unconfirmed``; ``unconfirmed_keys`` names single limits of a confirmed table that were not
    read there. An unconfirmed limit may only give a warning (as unconfirmed rules do).
    """

    max_cells: int
    max_batteries: int
    max_wh_cell: Decimal
    max_wh_battery: Decimal
    max_li_grams_cell: Decimal
    max_li_grams_battery: Decimal
    installed_only: bool
    confidence: str
    source: str
    url: str
    accessed: str
    checked: str
    unconfirmed_keys: frozenset[str] = frozenset()
    notes: str = ""
    # the operator's own acceptance of devices with lithium batteries by destination and service
    routes: tuple[LithiumRoute, ...] = ()

    def confirmed(self, key: str) -> bool:
        return self.confidence == "confirmed" and key not in self.unconfirmed_keys


def parse_lithium(data: Any, where: str) -> LithiumLimits:
    """The ``[lithium]`` table of a profile; DataError naming the file and key if anything is
    off."""
    if not isinstance(data, dict):
        raise DataError(f"{where}: lithium must be a table")
    known = {
        *LITHIUM_LIMIT_KEYS,
        "installed_only",
        "confidence",
        "source",
        "url",
        "accessed",
        "checked",
        "unconfirmed_keys",
        "notes",
        "routes",
    }
    unknown = sorted(set(data) - known)
    if unknown:
        raise DataError(f"{where}: lithium: unknown key(s) {', '.join(unknown)}")
    routes = data.get("routes", [])
    if not isinstance(routes, list):
        raise DataError(f"{where}: lithium.routes must be a list of tables ([[lithium.routes]])")
    try:
        confidence, url = _cited(data, where, "lithium")
        checked = str(data["checked"])
        date.fromisoformat(checked)
        keys = data.get("unconfirmed_keys", [])
        if not isinstance(keys, list) or not set(keys) <= set(LITHIUM_LIMIT_KEYS):
            raise DataError(
                f"{where}: lithium.unconfirmed_keys may only name {', '.join(LITHIUM_LIMIT_KEYS)}"
            )
        installed_only = data["installed_only"]
        if not isinstance(installed_only, bool):
            raise DataError(f"{where}: lithium.installed_only must be true or false")
        return LithiumLimits(
            max_cells=_int(data["max_cells"], f"{where}: lithium.max_cells"),
            max_batteries=_int(data["max_batteries"], f"{where}: lithium.max_batteries"),
            max_wh_cell=_dec(data["max_wh_cell"], f"{where}: lithium.max_wh_cell"),
            max_wh_battery=_dec(data["max_wh_battery"], f"{where}: lithium.max_wh_battery"),
            max_li_grams_cell=_dec(
                data["max_li_grams_cell"], f"{where}: lithium.max_li_grams_cell"
            ),
            max_li_grams_battery=_dec(
                data["max_li_grams_battery"], f"{where}: lithium.max_li_grams_battery"
            ),
            installed_only=installed_only,
            confidence=confidence,
            source=" ".join(str(data["source"]).split()),
            url=url,
            accessed=str(data["accessed"]),
            checked=checked,
            unconfirmed_keys=frozenset(keys),
            notes=" ".join(str(data.get("notes", "")).split()),
            routes=tuple(parse_route(r, where) for r in routes),
        )
    except KeyError as exc:
        raise DataError(f"{where}: lithium: missing key {exc.args[0]!r}") from None
    except ValueError as exc:
        raise DataError(f"{where}: lithium: {exc}") from None


@dataclass(frozen=True)
class OperatorProfile:
    id: str
    name: str
    country: str
    cn22_limit: Decimal
    cn22_limit_currency: str
    letter_max_kg: Decimal
    copies_cn23: int
    copies_cn22: int
    copies_invoice: int
    languages: list[str]
    notes: str
    valid_from: str
    source: str
    checked: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)
    lithium: LithiumLimits | None = None  # the operator's own limits; None: the UPU default's

    def limit_text(self) -> str:
        unit = "SDR" if self.cn22_limit_currency == "XDR" else self.cn22_limit_currency
        return f"{self.cn22_limit:,} {unit}"


def operators_dir() -> Path:
    return resource("operators")


def _dec(value: Any, where: str) -> Decimal:
    try:
        d = Decimal(str(value))
    except InvalidOperation:
        raise DataError(f"{where}: {value!r} is not a number") from None
    if not d.is_finite() or d <= 0:
        raise DataError(f"{where}: must be a positive number")
    return d


def _int(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DataError(f"{where}: expected a whole number >= 0, found {value!r}")
    return value


def parse_profile(data: dict[str, Any], where: str) -> OperatorProfile:
    """Build a profile from parsed TOML; DataError naming the file and key if anything is off."""
    if data.get("format") != PROFILE_FORMAT:
        raise DataError(f"{where}: format must be {PROFILE_FORMAT!r}")
    try:
        cn22 = data["cn22"]
        copies = data["copies"]
        pid = str(data["id"])
        valid_from = str(data["valid_from"])
        date.fromisoformat(valid_from)
        ccy = str(cn22["currency"])
        if not is_currency(ccy):
            raise DataError(f"{where}: cn22.currency {ccy!r} is not an ISO 4217 code")
        languages = data["languages"]
        if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
            raise DataError(f"{where}: languages must be a list of language codes")
        country = str(data.get("country", ""))
        lithium = parse_lithium(data["lithium"], where) if "lithium" in data else None
        return OperatorProfile(
            id=pid,
            name=str(data["name"]),
            country=country,
            cn22_limit=_dec(cn22["limit"], f"{where}: cn22.limit"),
            cn22_limit_currency=ccy,
            letter_max_kg=_dec(cn22["letter_max_kg"], f"{where}: cn22.letter_max_kg"),
            copies_cn23=_int(copies["cn23"], f"{where}: copies.cn23"),
            copies_cn22=_int(copies["cn22"], f"{where}: copies.cn22"),
            copies_invoice=_int(copies["invoice"], f"{where}: copies.invoice"),
            languages=list(languages),
            notes=" ".join(str(data.get("notes", "")).split()),
            valid_from=valid_from,
            source=str(data["source"]),
            checked=str(data.get("checked", "")),
            extra={k: v for k, v in data.items() if k not in _KNOWN_KEYS},
            lithium=lithium,
        )
    except KeyError as exc:
        raise DataError(f"{where}: missing key {exc.args[0]!r}") from None
    except (TypeError, ValueError) as exc:
        raise DataError(f"{where}: {exc}") from None


_KNOWN_KEYS = {
    "format",
    "id",
    "name",
    "country",
    "cn22",
    "copies",
    "languages",
    "notes",
    "valid_from",
    "source",
    "checked",
    "lithium",
}


def _files(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.toml"))


@lru_cache(maxsize=4)
def _load(folder: str, stamp: tuple[tuple[str, float], ...]) -> dict[str, OperatorProfile]:
    out: dict[str, OperatorProfile] = {}
    for name, _ in stamp:
        p = Path(folder) / name
        try:
            data = tomllib.loads(p.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise DataError(f"{p}: not valid TOML ({exc})") from None
        except OSError as exc:
            raise DataError(f"{p}: cannot read ({exc.strerror})") from None
        prof = parse_profile(data, str(p))
        if prof.id != p.stem:
            raise DataError(f"{p}: id {prof.id!r} must match the file name {p.stem!r}")
        out[prof.id] = prof
    if not out:
        raise DataError(f"no operator profiles in {folder}")
    return out


def _stamp(folder: Path) -> tuple[tuple[str, float], ...]:
    return tuple((p.name, p.stat().st_mtime) for p in _files(folder))


def load_profiles() -> dict[str, OperatorProfile]:
    """Every shipped profile by id (cached until a file changes)."""
    folder = operators_dir()
    return dict(_load(str(folder), _stamp(folder)))


def lithium_limits(profile: OperatorProfile) -> tuple[LithiumLimits, bool]:
    """The lithium limits that apply under ``profile`` and whether they are the operator's own
    (False: the UPU default profile's, as the operator publishes none on file)."""
    if profile.lithium is not None:
        return profile.lithium, True
    base = load_profiles()[DEFAULT_OPERATOR].lithium
    if base is None:
        raise DataError(f"operator profile {DEFAULT_OPERATOR!r} has no lithium limits")
    return base, False


def lithium_routes(profile: OperatorProfile, destination: str) -> list[LithiumRoute]:
    """The operator's own entries that refuse a device with an installed lithium battery to
    ``destination`` (none for a profile without a ``[lithium]`` table of its own)."""
    if profile.lithium is None:
        return []
    return [r for r in profile.lithium.routes if r.refuses(destination)]


def profiles_version() -> str:
    """Newest ``valid_from``/``checked`` date over the profiles, and their number."""
    profiles = load_profiles()
    newest = max(max(p.valid_from, p.checked) for p in profiles.values())
    return f"{newest} ({len(profiles)} operators)"


def get_profile(operator_id: str | None = None) -> OperatorProfile:
    """The profile for ``operator_id``; None means the UPU default.

    An unknown id is an InputError. The user's chosen operator is not looked up here: it is a
    workspace value (``services.Workspace.operator_profile``) handed to whoever needs it.
    """
    profiles = load_profiles()
    if operator_id is None:
        return profiles[DEFAULT_OPERATOR]
    key = operator_id.strip().lower()
    if key not in profiles:
        known = ", ".join(sorted(profiles))
        raise InputError(f"unknown operator {operator_id!r} (known: {known})", location="operator")
    return profiles[key]


# -- the CN 22 / CN 23 choice under a profile ----------------------------------------------------
CN22 = "cn22"
CN23 = "cn23"


@dataclass(frozen=True)
class FormDecision:
    """Why a form applies: the value converted to the limit's currency and the weight."""

    form: str
    value_in_limit_ccy: Decimal | None
    conversion: Conversion | None
    over_value: bool
    over_weight: bool
    reason: str


def resolve_profile(profile: OperatorProfile | str | None) -> OperatorProfile:
    if isinstance(profile, OperatorProfile):
        return profile
    return get_profile(profile)


def decide(
    decl: Declaration,
    profile: OperatorProfile | str | None = None,
    *,
    on: date | None = None,
    rates: RateBook | None = None,
) -> FormDecision:
    """The CN 22 / CN 23 decision with its reasons (value and weight against the profile).

    The value is converted with the rates of the declaration's date (else ``on``, else the
    newest rates) from the rate book handed in (None: the shipped tables).
    """
    prof = resolve_profile(profile)
    total = sum(
        (it.value_dec or Decimal(0) for it in decl.real_items()),
        Decimal(0),
    )
    conv = None
    value = None
    ccy = (decl.currency or "").strip().upper()
    if is_currency(ccy):
        try:
            conv = convert(
                total, ccy, prof.cn22_limit_currency, on=_decl_date(decl) or on, rates=rates
            )
            value = conv.amount
        except RateUnavailable:
            conv = None
    over_value = value is None or value > prof.cn22_limit
    gross = decl.gross_weight_dec
    over_weight = gross is not None and gross > prof.letter_max_kg
    forced = (decl.form or "auto").strip().lower()
    if forced in (CN22, CN23):
        form = forced
        reason = f"{forced.upper()} chosen in the declaration"
    elif over_value or over_weight:
        form = CN23
        if value is None:
            reason = f"CN 23: the value cannot be compared with the {prof.name} CN 22 limit"
        elif over_value:
            reason = (
                f"CN 23: value {format_money(value, prof.cn22_limit_currency)} is above the "
                f"{prof.name} CN 22 limit of {prof.limit_text()}"
            )
        else:
            reason = f"CN 23: gross weight above the letter-post limit of {prof.letter_max_kg} kg"
    else:
        form = CN22
        reason = (
            f"CN 22: value within {prof.limit_text()} and weight within {prof.letter_max_kg} kg"
        )
    return FormDecision(form, value, conv, over_value, over_weight, reason)


def _decl_date(decl: Declaration) -> date | None:
    try:
        return date.fromisoformat(decl.date.strip()) if decl.date.strip() else None
    except ValueError:
        return None


def choose_form(
    decl: Declaration,
    profile: OperatorProfile | str | None = None,
    *,
    on: date | None = None,
    rates: RateBook | None = None,
) -> str:
    """``"cn22"`` or ``"cn23"`` for this declaration under the operator's profile."""
    return decide(decl, profile, on=on, rates=rates).form
