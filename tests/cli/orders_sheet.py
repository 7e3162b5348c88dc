"""A CSV of many orders in the ShipDesk template's columns, for batch tests that need volume."""

from __future__ import annotations

import csv
from pathlib import Path

HEADERS = [
    "Order number", "Date", "Category", "Currency", "Recipient name", "Recipient street",
    "Recipient city", "Recipient postcode", "Recipient region", "Recipient country",
    "Sender name", "Sender street", "Sender city", "Sender postcode", "Sender country",
    "Gross weight", "Item description", "Quantity", "Line value", "Net weight", "HS code",
    "Country of origin",
]  # fmt: skip


def write_orders(path: Path, count: int, prefix: str = "A-") -> list[str]:
    """Write ``count`` one-line orders that pass validation; return their order numbers."""
    names = [f"{prefix}{1000 + i}" for i in range(count)]
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADERS)
        for name in names:
            w.writerow([
                name, "2026-11-27", "sale_of_goods", "EUR", "John Smith", "1 Main St", "Boston",
                "02108", "MA", "US", "Maria Keller", "Lindenweg 3", "Freiburg", "79098", "DE",
                "0.62", "Women's T-shirt, 100% cotton, knitted", "2", "25", "0.3", "610910", "PT",
            ])  # fmt: skip
    return names
