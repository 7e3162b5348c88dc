"""HS code cleaning: one reading of a typed code for checks, import, tariff and the GUI."""

from __future__ import annotations

import pytest

from shipdesk.core import hscode


@pytest.mark.parametrize(
    ("typed", "cleaned"),
    [
        ("6109.10", "610910"),
        ("6109 10", "610910"),
        ("6109-10", "610910"),
        ("6109'10", "610910"),  # Swiss grouping
        (" 6109.10.00\t10 ", "6109100010"),
        ("61A910", "61A910"),  # kept, so the caller can reject it
        ("", ""),
        (None, ""),
        (610910, "610910"),
    ],
)
def test_clean_drops_only_grouping_separators(typed: object, cleaned: str) -> None:
    assert hscode.clean(typed) == cleaned


def test_digits_keeps_only_digits() -> None:
    assert hscode.digits("8507.60.00") == "85076000"
    assert hscode.digits("HS 8507/60 (batteries)") == "850760"
    assert hscode.digits(None) == ""


@pytest.mark.parametrize(
    ("code", "ok"),
    [
        ("610910", True),
        ("61091000", True),
        ("610910001", True),  # Japan's 9-digit statistical code
        ("6109100010", True),
        ("6109", False),
        ("61091", False),
        ("6109100", False),
        ("61091000101", False),
        ("61A910", False),
        ("6109.10", False),  # clean first
    ],
)
def test_is_declarable(code: str, ok: bool) -> None:
    assert hscode.is_declarable(code) is ok
