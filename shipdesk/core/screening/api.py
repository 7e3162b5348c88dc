"""Restricted-goods screening: the functions the CLI, GUI and services call.

The active rule set loads lazily on first use and stays cached. Load order: the imported set
(``rules/active`` in the user data folder, when it is newer than the shipped one), then the
previous imported set, then the rules shipped with the application. A broken imported set never
stops screening: the last good set is used and :func:`load_error` tells what went wrong.
"""

from __future__ import annotations

import re
import threading
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.model import Declaration
from shipdesk.core.screening import bundle
from shipdesk.core.screening.engine import Finding, in_euros, make_context, screen, to_finding
from shipdesk.core.screening.rules import SEVERITY, RuleSet, compile_folder

if TYPE_CHECKING:
    from shipdesk.core.money import RateBook

__all__ = [
    "Finding",
    "active_ruleset",
    "highest_level",
    "load_error",
    "reload",
    "rules_version",
    "screen_declaration",
    "screen_item",
]

_lock = threading.Lock()
# Loaded rule sets by the user's rules folder ("" for the shipped rules alone): (set, problem).
_loaded: dict[str, tuple[RuleSet, str | None]] = {}


def _key(root: Path | None) -> str:
    return str(root) if root is not None else ""


def _shipped() -> RuleSet:
    """The shipped rules, compiled once (called with the lock held)."""
    if "" not in _loaded:
        _loaded[""] = (compile_folder(bundle.shipped_dir(), origin="shipped"), None)
    return _loaded[""][0]


def _load(root: Path | None) -> tuple[RuleSet, str | None]:
    shipped = _shipped()
    problems: list[str] = []
    if root is None:
        return shipped, None
    for folder in (bundle.active_dir(root), bundle.previous_dir(root)):
        if not folder.exists():
            continue
        try:
            bundle.verify_manifest(folder)
            imported = compile_folder(folder, origin="imported")
        except DataError as exc:
            problems.append(f"imported rules in {folder} not used: {exc}")
            continue
        if bundle.is_forced(folder) or bundle.version_key(
            imported.dataset_version
        ) > bundle.version_key(shipped.dataset_version):
            return imported, "; ".join(problems) or None
        break
    return shipped, "; ".join(problems) or None


def active_ruleset(root: Path | None = None) -> RuleSet:
    """The rule set in use with the user's rules folder ``root`` (the workspace's; None: the
    shipped rules alone), loaded on first call and kept."""
    key = _key(root)
    with _lock:
        if key not in _loaded:
            _loaded[key] = _load(root)
        return _loaded[key][0]


def reload(root: Path | None = None) -> RuleSet:
    """Forget the kept set (after an import or rollback) and load again (the shipped rules
    are read again too when ``root`` is None)."""
    with _lock:
        _loaded.pop(_key(root), None)
    return active_ruleset(root)


def load_error(root: Path | None = None) -> str | None:
    """Why an imported rule set in ``root`` was not used, or None."""
    active_ruleset(root)
    with _lock:
        return _loaded[_key(root)][1]


def rules_version(root: Path | None = None) -> str:
    """Version and date of the active rule set, e.g. ``2026.11.0 (2026-11-20, 172 rules, ...)``.

    Cheap: when the rules are not loaded yet, only the file headers are read (no validation).
    """
    with _lock:
        loaded = _loaded.get(_key(root))
    if loaded is not None:
        return loaded[0].version_text()
    try:
        return _quick_version(root)
    except (OSError, ValueError, tomllib.TOMLDecodeError):
        return active_ruleset(root).version_text()


def _headers(folder: Path) -> tuple[str, str, int]:
    """(dataset_version, newest file date, number of rules) from the files' headers."""
    version, newest, count = "", "", 0
    for path in folder.rglob("*.toml"):
        text = path.read_text(encoding="utf-8")
        count += text.count("\n[[rules]]")
        m = re.search(r'^date\s*=\s*"([0-9-]+)"', text, re.M)
        if m:
            newest = max(newest, m.group(1))
        if path.name == "groups.toml":
            v = re.search(r'^dataset_version\s*=\s*"([^"]+)"', text, re.M)
            version = v.group(1) if v else ""
    if not version:
        raise ValueError("no dataset_version")
    return version, newest, count


def _quick_version(root: Path | None) -> str:
    shipped = _headers(bundle.shipped_dir())
    best, origin = shipped, "shipped"
    active = bundle.active_dir(root) if root is not None else None
    if active is not None and (active / bundle.MANIFEST).exists():
        imported = _headers(active)
        if bundle.is_forced(active) or bundle.version_key(imported[0]) > bundle.version_key(
            shipped[0]
        ):
            best, origin = imported, "imported"
    return f"{best[0]} ({best[1]}, {best[2]} rules, {origin})"


def highest_level(findings: list[Finding]) -> str | None:
    """The most severe level among the findings, or None when there are none."""
    levels = [f.level for f in findings if f.level in SEVERITY]
    return min(levels, key=SEVERITY.__getitem__) if levels else None


def _when(text: str) -> date:
    try:
        return date.fromisoformat(text[:10]) if text else date.today()
    except ValueError:
        return date.today()


def screen_item(
    description: str,
    *,
    hs_code: str = "",
    destination: str = "",
    origin: str = "",
    value: Decimal | None = None,
    currency: str = "",
    channel: str = "post",
    lang: str = "en",
    quantity: Decimal | None = None,
    sender_country: str = "",
    item_category: str = "",
    when: date | None = None,
    rates: RateBook | None = None,
    ruleset: RuleSet | None = None,
) -> list[Finding]:
    """Findings for one item sent to ``destination`` (most severe first).

    Destination-wide rules (sanctions, embargoes) are included, since one item is then the whole
    shipment. ``value`` is the line value; with ``quantity`` it is split per unit for per-item
    thresholds. ``rates``: the rate book values are converted with (None: the shipped tables);
    ``ruleset``: the rules to apply (None: the shipped rules).
    """
    if channel not in ("post", "courier"):
        raise InputError(f"unknown channel {channel!r} (post or courier)", location="channel")
    rs = ruleset if ruleset is not None else active_ruleset()
    unit = value
    if value is not None and quantity is not None and quantity > 0:
        unit = value / quantity
    when = when or date.today()
    ctx = make_context(
        description,
        hs_code=hs_code,
        destination=destination,
        origin=origin,
        sender_country=sender_country,
        channel=channel,
        item_category=item_category,
        value_eur=in_euros(unit, currency, when, rates),
        parcel_value_eur=in_euros(value, currency, when, rates),
        value_text=(f"{value}" if value is not None else "", currency or ""),
        when=when,
        rates=rates,
    )
    hits = screen(rs, ctx, lang=lang, applies_to=None)
    return [to_finding(h, lang, None) for h in hits]


def screen_declaration(
    decl: Declaration,
    *,
    channel: str = "post",
    lang: str = "en",
    rates: RateBook | None = None,
    ruleset: RuleSet | None = None,
) -> list[Finding]:
    """Findings for every item (``item_index`` set) and for the shipment (``item_index`` None).

    Each item is screened with its HS code and origin, the recipient country as destination and
    the sender country as the consignment's origin. Declaration-level rules (sanctions on the
    destination or origin, addresses in sanctioned regions) are reported once. ``rates`` and
    ``ruleset`` as for :func:`screen_item`.
    """
    if channel not in ("post", "courier"):
        raise InputError(f"unknown channel {channel!r} (post or courier)", location="channel")
    rs = ruleset if ruleset is not None else active_ruleset()
    dest = (decl.recipient.country or "").strip().upper()
    sender = (decl.sender.country or "").strip().upper()
    when = _when(decl.date)
    total = in_euros(decl.total_value(), decl.currency, when, rates) if decl.items else None
    out: list[Finding] = []
    for index, item in enumerate(decl.items):
        if item.is_blank():
            continue
        line = item.value_dec
        qty = item.quantity_dec
        unit = line / qty if line is not None and qty and qty > 0 else line
        ctx = make_context(
            item.description,
            hs_code=item.hs_code,
            destination=dest,
            origin=item.origin_country,
            sender_country=sender,
            channel=channel,
            item_category=decl.category,
            value_eur=in_euros(unit, decl.currency, when, rates),
            parcel_value_eur=total,
            value_text=(item.value, decl.currency),
            when=when,
            rates=rates,
        )
        out.extend(
            to_finding(h, lang, index) for h in screen(rs, ctx, lang=lang, applies_to="item")
        )
    r = decl.recipient
    address = " ".join([r.street, r.city, r.region, r.postcode, *map(str, r.extra.values())])
    ctx = make_context(
        "",
        destination=dest,
        origin=sender,
        sender_country=sender,
        channel=channel,
        item_category=decl.category,
        parcel_value_eur=total,
        address=address,
        when=when,
        rates=rates,
    )
    out.extend(
        to_finding(h, lang, None) for h in screen(rs, ctx, lang=lang, applies_to="declaration")
    )
    return out
