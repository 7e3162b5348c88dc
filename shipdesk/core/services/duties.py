"""Duties, import taxes and fees at the destination: the estimate of a declaration, for the
``estimate`` command, the review step, the invoice of a DDP shipment, the register and the
advance-data export.

The duty package reads the national tariffs, so it is imported inside the use cases (see the
package docstring of ``services`` for why).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.core.errors import InputError
from shipdesk.core.model import Declaration
from shipdesk.core.services.workspace import Workspace

if TYPE_CHECKING:
    from shipdesk.core.duties.data import DutyData
    from shipdesk.core.duties.estimate import Estimate as Estimate
    from shipdesk.core.duties.estimate import Line as Line

CHANNELS = ("post", "courier")


def parse_date(text: str, where: str = "--date") -> date:
    """A day written YYYY-MM-DD; InputError naming ``where`` otherwise."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"{text!r} is not a date (write YYYY-MM-DD)", location=where) from None


def estimate(
    ws: Workspace, decl: Declaration, *, on: date | None = None, channel: str = "post"
) -> Estimate:
    """What the destination will charge for ``decl`` with the rules of ``on`` (else the
    declaration's date, else today), converted with the workspace's rate book and the national
    tariffs it imported."""
    from shipdesk.core.duties.estimate import estimate as _estimate

    return _estimate(
        decl,
        _in_use(ws)[0],
        rates=ws.rates,
        tariffs=ws.national_tariffs,
        on=on,
        channel=channel,
    )


def duties_dir(ws: Workspace) -> Path:
    """The user's imported duty data (active and previous sets)."""
    return ws.folders.data / "duties"


def _in_use(ws: Workspace) -> tuple[DutyData, str]:
    from shipdesk.core.duties.bundle import data_in_use

    return data_in_use(duties_dir(ws))


@dataclass(frozen=True)
class DutyDataInfo:
    """What ``duties info`` shows: the set in use and why, its date and destinations."""

    reason: str
    data_date: str
    destinations: list[str]
    folder: str
    size_bytes: int


def info(ws: Workspace) -> DutyDataInfo:
    data, why = _in_use(ws)
    return DutyDataInfo(why, data.data_date, sorted(data.files), data.folder, data.size_bytes())


def import_bundle(ws: Workspace, bundle: str | Path, *, force: bool = False) -> DutyDataInfo:
    """Check a signed duty data bundle (folder or .zip) and make it the data in use. Refused
    (InputError, one line): not signed with a trusted key, altered, a file that fails the
    schema, fewer destinations than the shipped data, or not newer than the shipped data (nor,
    unless ``force``, than the imported set in use)."""
    from shipdesk.core.duties.bundle import import_bundle as _import

    _import(bundle, duties_dir(ws), force=force, keys=ws.rule_keys)
    return info(ws)


def rollback(ws: Workspace, *, to_shipped: bool = False) -> str:
    """Bring back the previous duty data set (or the shipped data); says what is active now."""
    from shipdesk.core.duties.bundle import rollback as _rollback

    return _rollback(duties_dir(ws), to_shipped=to_shipped)


def write_manifest(folder: str | Path, version: str | None = None) -> Path:
    """Write MANIFEST.json of a duty data folder (each file checked first)."""
    from shipdesk.core.duties.bundle import write_manifest as _write

    return _write(Path(folder), version)


def data_date(ws: Workspace) -> str:
    """The day the duty data in use was last checked against its sources."""
    return _in_use(ws)[0].data_date
