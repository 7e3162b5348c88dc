"""`estimate FILE.json [--json] [--date YYYY-MM-DD] [--channel post|courier]`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shipdesk.cli.main import main

DECL = {
    "format": "shipdesk.declaration/1",
    "category": "sale_of_goods",
    "currency": "EUR",
    "sender": {"name": "A", "country": "CN"},
    "recipient": {"name": "B", "country": "DE"},
    "items": [
        {
            "description": "silk blouse",
            "value": "40.00",
            "hs_code": "620610",
            "origin_country": "CN",
        },
        {
            "description": "wool blouses",
            "quantity": 2,
            "value": "60.00",
            "hs_code": "620620",
            "origin_country": "CN",
        },
    ],
    "postal_charges": "10.00",
    "date": "2026-12-01",
}


def write(tmp_path: Path, data: dict) -> Path:
    p = tmp_path / "d.shipdesk.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


def test_json_follows_the_contract(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["estimate", str(write(tmp_path, DECL)), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["destination"] == "DE" and out["date"] == "2026-12-01"
    assert out["currency"] == "EUR" and out["incoterm"] == "DAP" and out["payer"] == "recipient"
    assert out["totals"] == {
        "duty": "6.00",
        "tax": "22.04",
        "fees": "6.00",
        "total": "34.04",
        "at_door": "34.04",
    }
    assert {ln["regime"] for ln in out["lines"]} == {
        "EU-DUTY-FLAT-3",
        "EU-VAT-IMPORT",
        "DE-POST-FEE",
    }
    assert out["data_date"] and isinstance(out["unknown"], list)


def test_date_option_uses_that_days_rules(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["estimate", str(write(tmp_path, DECL)), "--json", "--date", "2026-06-30"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["date"] == "2026-06-30" and out["totals"]["duty"] == "0.00"


def test_human_output(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["estimate", str(write(tmp_path, DECL))]) == 0
    out = capsys.readouterr().out
    assert "EU-DUTY-FLAT-3" in out and "asked at the door: 34.04 EUR" in out
    assert "[unconfirmed]" in out  # the member states' VAT rates were not read at the source


@pytest.mark.parametrize(
    ("args", "data", "needle"),
    [
        (["--date", "2026-02-30"], DECL, "--date: '2026-02-30' is not a date"),
        ([], {**DECL, "date": "tomorrow"}, "d.shipdesk.json:date: 'tomorrow' is not a date"),
        ([], {**DECL, "recipient": {"name": "B"}}, "recipient.country"),
    ],
)
def test_bad_input_exits_2_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture, args: list[str], data: dict, needle: str
) -> None:
    assert main(["estimate", str(write(tmp_path, data)), *args]) == 2
    err = capsys.readouterr().err
    assert needle in err and err.count("\n") == 1 and "Traceback" not in err


def test_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["estimate", str(tmp_path / "nope.json")]) == 2
    assert "nope.json" in capsys.readouterr().err


def test_duties_info_and_rollback_without_import(capsys: pytest.CaptureFixture) -> None:
    assert main(["duties", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["reason"].startswith("shipped duty data 2026.12.0")
    assert "EU" in info["destinations"] and info["size_bytes"] < 20 * 1024 * 1024
    assert main(["duties", "rollback"]) == 2
    err = capsys.readouterr().err
    assert "no imported duty data set to roll back" in err and err.count("\n") == 1


def test_duties_import_refuses_an_unsigned_bundle(tmp_path: Path, capsys) -> None:
    import shutil

    from shipdesk.core.paths import resource

    src = tmp_path / "bundle"
    shutil.copytree(resource("duties"), src)
    assert main(["duties", "import", str(src)]) == 2
    err = capsys.readouterr().err
    assert "bundle rejected" in err and "not signed" in err and err.count("\n") == 1


def test_version_names_the_duty_data_in_use(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    out = capsys.readouterr().out
    assert "duties: shipped duty data 2026.12.0" in out


def test_totals_with_a_part_not_estimated_are_shown_as_a_lower_bound(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    # to the US with no US tariff imported the duty of each item is not known: "0.00" alone
    # would read as "nothing to pay"
    data = {**DECL, "recipient": {"name": "B", "country": "US"}}
    assert main(["estimate", str(write(tmp_path, data))]) == 0
    text = capsys.readouterr().out
    assert "not estimated: Item 1: duty rate not known" in text
    assert "\ntotal: at least " in text and "asked at the door: at least " in text
    assert main(["estimate", str(write(tmp_path, data)), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["complete"] is False


def test_totals_with_everything_estimated_are_plain(
    tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    assert main(["estimate", str(write(tmp_path, DECL))]) == 0
    text = capsys.readouterr().out
    assert "at least" not in text and "not estimated" not in text
    assert main(["estimate", str(write(tmp_path, DECL)), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["complete"] is True
