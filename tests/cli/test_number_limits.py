"""Numbers beyond what a declaration can hold are bad input naming their field, never a crash.

Exit 3 (internal error) used to follow a value such as ``1e999999999``: the decimal arithmetic
of validation, screening and rendering overflowed. Amounts, quantities and weights are now
refused where they are parsed (``core.model.parse_decimal``), so every later step only sees
numbers it can compute with.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shipdesk.cli.main import main
from shipdesk.core.exchange.declaration_json import load_file, to_plain_dict
from shipdesk.core.model import parse_decimal

HUGE = [
    ("value", "1e999999999"),
    ("value", "1e308"),
    ("value", "9" * 5000),
    ("quantity", "1e-999999999"),
    ("net_weight_kg", "1e999999999"),
    ("net_weight_kg", "1" + "0" * 5000),
]


def _bad_file(tmp_path: Path, sample_path: Path, key: str, text: str) -> Path:
    data = to_plain_dict(load_file(sample_path))
    data["items"][0][key] = text
    p = tmp_path / "d.shipdesk.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


@pytest.mark.parametrize(("key", "text"), HUGE)
def test_validate_names_the_field(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], key: str, text: str
) -> None:
    p = _bad_file(tmp_path, sample_path, key, text)
    assert main(["validate", str(p), "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert any(pr["field"] == f"items[0].{key}" and pr["level"] == "error" for pr in problems)


@pytest.mark.parametrize(("key", "text"), HUGE)
def test_check_declaration_does_not_crash(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], key: str, text: str
) -> None:
    p = _bad_file(tmp_path, sample_path, key, text)
    assert main(["check", "--declaration", str(p)]) in (0, 1, 2)
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize(("key", "text"), HUGE)
def test_render_force_refuses_naming_the_field(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], key: str, text: str
) -> None:
    p = _bad_file(tmp_path, sample_path, key, text)
    code = main(["render", str(p), "--out", str(tmp_path / "o.pdf"), "--force"])
    err = capsys.readouterr().err
    assert code in (1, 2), err
    assert f"items[0].{key}" in err
    assert len(err.strip().splitlines()) >= 1


@pytest.mark.parametrize(
    "text",
    [
        "1e999999999",
        "1e-999999999",
        "1e308",
        "1e15",
        "-1e15",
        "9" * 31,
        "0." + "1" * 40,
        "0e999999",
    ],
)
def test_parse_decimal_refuses_unusable_magnitudes(text: str) -> None:
    assert parse_decimal(text) is None


@pytest.mark.parametrize(
    "text",
    ["0", "0.00", "12.50", "12.5000000000000000", "999999999999.99", "0.000001", "1E+2", "-3.5"],
)
def test_parse_decimal_keeps_ordinary_numbers(text: str) -> None:
    assert parse_decimal(text) is not None
