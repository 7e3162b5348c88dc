"""Errors the core raises for bad input. Each carries a one-line message for the user."""

from __future__ import annotations


class ShipdeskError(Exception):
    """Base class: an expected failure with a message that can be shown as is."""


class InputError(ShipdeskError):
    """Bad input from a file or the user: names the file, row or field where known."""

    def __init__(self, message: str, *, source: str | None = None, location: str | None = None):
        self.source = source
        self.location = location
        super().__init__(self.compose(message, source, location))
        self.detail = message

    @staticmethod
    def compose(message: str, source: str | None, location: str | None) -> str:
        """``source:location: message`` (the parts that are known)."""
        prefix = ""
        if source:
            prefix = f"{source}: "
            if location:
                prefix = f"{source}:{location}: "
        elif location:
            prefix = f"{location}: "
        return prefix + message


class DataError(ShipdeskError):
    """Shipped or imported reference data (tariff, rules, profiles) is missing or broken."""
