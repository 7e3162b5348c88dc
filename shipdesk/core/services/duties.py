"""Duties, import taxes and fees at the destination: the estimate of a declaration, for the
``estimate`` command, the review step, the invoice of a DDP shipment, the register and the
advance-data export.

The duty package reads the national tariffs, so it is imported inside the use cases (see the
package docstring of ``services`` for why).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from shipdesk.core.errors import InputError
from shipdesk.core.model import Declaration
from shipdesk.core.services.workspace import Workspace

if TYPE_CHECKING:
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
    from shipdesk.core.duties.data import duty_data
    from shipdesk.core.duties.estimate import estimate as _estimate

    return _estimate(
        decl,
        duty_data(),
        rates=ws.rates,
        tariffs=ws.national_tariffs,
        on=on,
        channel=channel,
    )


def data_date() -> str:
    """The day the shipped duty data was last checked against its sources."""
    from shipdesk.core.duties.data import duty_data

    return duty_data().data_date
