"""Data bundles: exchange rates (the user's own publications, ECB files) and national tariffs.

Rates are stored through the workspace's rates repository; after a change the workspace's rate
book is refreshed so the next conversion, validation or rendering uses it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.core.ecb_rates import ecb_source, read_ecb
from shipdesk.core.rates import convert as _convert
from shipdesk.core.rates import rates_info as _info
from shipdesk.core.services.workspace import Workspace

if TYPE_CHECKING:
    from shipdesk.core.ecb_rates import ImportSummary as RatesImportSummary
    from shipdesk.core.rates import Conversion, RateTableInfo
    from shipdesk.core.screening.ruleset import RuleSet as RuleSet
    from shipdesk.core.storage.national_tariff import TariffInfo
    from shipdesk.core.tariff.national import ImportSummary as TariffImportSummary


# -- rates --------------------------------------------------------------------------------------
def rates_info(ws: Workspace) -> dict[str, RateTableInfo]:
    """Per table: dates, newest date and source, currencies, how many dates are the user's."""

    return _info(ws.rates)


def rates_location(ws: Workspace) -> str:
    return ws.rates_store.location


def set_rates(
    ws: Workspace,
    kind: str,
    rates: Mapping[str, Decimal | str],
    *,
    on: date | None = None,
    source: str = "entered by the user",
) -> None:
    """Add or replace the user's rates (units per SDR / per euro) for one date (default
    today)."""
    ws.rates_store.set_rates(kind, rates, on=on or date.today(), source=source)
    ws.refresh()


def remove_rates(ws: Workspace, kind: str, on: date | None = None) -> None:
    """Forget the user's rates for one date (or all dates) of a table."""
    ws.rates_store.remove(kind, on)
    ws.refresh()


def import_ecb(ws: Workspace, path: str | Path) -> RatesImportSummary:
    """Import an ECB euro reference-rate file (CSV, XML or zip) into the user's euro table."""

    publications, summary = read_ecb(path)
    ws.rates_store.add_publications("eur", publications, ecb_source(path))
    ws.refresh()
    return summary


def convert(
    ws: Workspace, amount: Decimal, from_ccy: str, to_ccy: str, *, on: date | None = None
) -> Conversion:
    """Convert with the workspace's rate book (shipped tables plus the user's)."""

    return _convert(amount, from_ccy, to_ccy, on=on, rates=ws.rates)


# -- restricted-goods rules --------------------------------------------------------------------
def rules(ws: Workspace) -> tuple[RuleSet, str | None]:
    """The rule set in use with the user's imported and local rules, and why an imported set or
    the local rules were not used (None when nothing went wrong)."""
    from shipdesk.core.screening.active_rules import active_ruleset, load_error

    return active_ruleset(ws.rules_dir, ws.rule_keys), load_error(ws.rules_dir, ws.rule_keys)


def rules_reason(ws: Workspace) -> str:
    """Which rule set is in use and why, in one line."""
    from shipdesk.core.screening.active_rules import reason

    return reason(ws.rules_dir, ws.rule_keys)


def import_rules(
    ws: Workspace, bundle: str | Path, *, force: bool = False
) -> tuple[RuleSet, RuleSet]:
    """Check a signed rule bundle (folder or .zip) and make it the active set: (imported,
    active). Refused (InputError, one line): not signed with a trusted key, altered, holding
    fewer destinations than the shipped rules, or not newer than the shipped rules (nor, unless
    ``force``, than the imported set in use)."""
    from shipdesk.core.screening.active_rules import active_ruleset, reload, shipped_ruleset
    from shipdesk.core.screening.bundle import import_bundle

    current = active_ruleset(ws.rules_dir, ws.rule_keys)
    imported = import_bundle(
        bundle,
        ws.rules_dir,
        shipped=shipped_ruleset(),
        current_version=current.dataset_version if current.origin == "imported" else "",
        force=force,
        keys=ws.rule_keys,
    )
    return imported, reload(ws.rules_dir, ws.rule_keys)


def import_local_rules(ws: Workspace, source: str | Path) -> tuple[int, RuleSet]:
    """Add rule files of the user's own (a .toml file, a folder or a .zip) as local rules, which
    can only add findings: (how many local rules there are now, the active set). Refused
    (InputError naming the file and rule): a veto, supersedes, a shipped rule's id, groups."""
    from shipdesk.core.screening.active_rules import active_ruleset, reload, shipped_ruleset
    from shipdesk.core.screening.bundle import import_local

    current = active_ruleset(ws.rules_dir, ws.rule_keys)
    base = current.without_local()
    _files, rules = import_local(source, ws.rules_dir, base, set(shipped_ruleset().by_id))
    return len(rules), reload(ws.rules_dir, ws.rule_keys)


def remove_local_rules(ws: Workspace) -> tuple[int, RuleSet]:
    """Remove the user's local rules: (how many rule files were removed, the active set)."""
    from shipdesk.core.screening.active_rules import reload
    from shipdesk.core.screening.bundle import remove_local

    count = remove_local(ws.rules_dir)
    return count, reload(ws.rules_dir, ws.rule_keys)


def rollback_rules(ws: Workspace, *, to_shipped: bool = False) -> tuple[str, RuleSet]:
    """Bring back the previous rule set, or the shipped one with ``to_shipped``: (what is
    active now, in words; the active set)."""
    from shipdesk.core.screening.active_rules import reload
    from shipdesk.core.screening.bundle import rollback

    what = rollback(ws.rules_dir, to_shipped=to_shipped)
    return what, reload(ws.rules_dir, ws.rule_keys)


def check_rules(folder: str | Path) -> RuleSet:
    """Load and check a rule folder as an import would (DataError naming what is wrong)."""
    from shipdesk.core.screening.bundle import check_folder

    return check_folder(folder)


def rules_signer(folder: str | Path) -> str | None:
    """The id of the maintainer key that signed a rule folder, None when it is not signed
    (DataError when its signature is wrong or from an unknown key)."""
    from shipdesk.core.screening.bundle import signer

    return signer(folder)


def write_rules_manifest(folder: str | Path) -> Path:
    """Write the manifest (file hashes, version) of a rule folder; returns its path."""
    from shipdesk.core.screening.bundle import write_manifest

    return write_manifest(folder)


# -- national tariffs ---------------------------------------------------------------------------
def import_national(
    ws: Workspace, path: str | Path, kind: str | None = None
) -> TariffImportSummary:
    """Import a national tariff file (US HTS, EU CN, UK) into the workspace's store."""
    from shipdesk.core.tariff.national import import_file as _import

    return _import(path, ws.national_tariffs, kind)


def national_tariffs(ws: Workspace) -> list[TariffInfo]:
    return ws.national_tariffs.list_tariffs()


def national_location(ws: Workspace) -> str:
    return ws.national_tariffs.location


def rebuild_national(ws: Workspace) -> int:
    from shipdesk.core.tariff.national import rebuild

    return rebuild(ws.national_tariffs)


def remove_national(ws: Workspace, source: str) -> bool:
    from shipdesk.core.tariff.national import remove

    return remove(source, ws.national_tariffs)


def tariff_version(ws: Workspace) -> str:
    from shipdesk.core.tariff.lookup import data_version

    return data_version(ws.national_tariffs)
