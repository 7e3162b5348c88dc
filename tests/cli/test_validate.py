"""`validate FILE.json [--json] [--operator ID]` and the `rates` command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from shipdesk.cli.main import main
from shipdesk.core.exchange.declaration_json import load_file, to_plain_dict
from shipdesk.core.services import Workspace

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, data: dict, name: str = "d.shipdesk.json") -> Path:
    p = tmp_path / name
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


def sample_dict(sample_path: Path) -> dict:
    return to_plain_dict(load_file(sample_path))


def test_clean_file_exits_0(sample_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(sample_path)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert "CN23" in err and "0 error(s)" in err


def test_json_output_shape(sample_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(sample_path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"form": "cn23", "problems": []}


def test_errors_exit_1_one_line_per_problem(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = sample_dict(sample_path)
    data["items"][2]["description"] = "Electronics"
    data["item_id"] = "RR473124828DE"
    data["gross_weight_kg"] = "0.1"
    data["recipient"]["phone"] = "030 1234"
    p = write(tmp_path, data)
    assert main(["validate", str(p)]) == 1
    lines = capsys.readouterr().out.splitlines()
    fields = [line.split("  ")[:2] for line in lines]
    assert ["error", "items[2].description"] in fields
    assert ["error", "item_id"] in fields
    assert ["error", "gross_weight_kg"] in fields
    for line in lines:
        level, field, message = line.split("  ", 2)
        assert level in ("error", "warning") and field and message


def test_json_errors(tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = sample_dict(sample_path)
    data["ioss_number"] = "IM2760000001"
    p = write(tmp_path, data)
    assert main(["validate", str(p), "--json"]) == 1
    out = json.loads(capsys.readouterr().out)
    (problem,) = out["problems"]
    assert problem["field"] == "ioss_number" and problem["code"] == "ioss_destination"
    assert set(problem) == {"level", "field", "code", "message"}


def test_warnings_only_exit_0(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture
) -> None:
    data = sample_dict(sample_path)
    data["items"][0]["hs_code"] = "6109.10"
    p = write(tmp_path, data)
    assert main(["validate", str(p)]) == 0
    assert capsys.readouterr().out.startswith("warning  items[0].hs_code  ")


def test_operator_option(tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = sample_dict(sample_path)
    data["items"] = data["items"][:2]  # EUR 70: CN 22 everywhere
    data["items"][1]["value"] = "280.00"  # EUR 305: SDR 260 (UPU) but GBP 265 < 270
    p = write(tmp_path, data)
    main(["validate", str(p), "--json", "--operator", "upu"])
    assert json.loads(capsys.readouterr().out)["form"] == "cn22"
    data["items"][1]["value"] = "300.00"  # EUR 325: GBP 282 > 270 (Royal Mail), SDR 279 (UPU)
    p = write(tmp_path, data)
    main(["validate", str(p), "--json", "--operator", "royal_mail"])
    assert json.loads(capsys.readouterr().out)["form"] == "cn23"
    main(["validate", str(p), "--json", "--operator", "upu"])
    assert json.loads(capsys.readouterr().out)["form"] == "cn22"


def test_operator_from_settings(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture, workspace: Workspace
) -> None:
    from shipdesk.core.services import records

    data = sample_dict(sample_path)
    data["items"] = data["items"][:2]
    data["items"][1]["value"] = "300.00"
    p = write(tmp_path, data)
    records.update_settings(workspace, operator="royal_mail")
    main(["validate", str(p), "--json"])
    assert json.loads(capsys.readouterr().out)["form"] == "cn23"


def test_unknown_operator_exit_2(sample_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(sample_path), "--operator", "nope"]) == 2
    err = capsys.readouterr().err
    assert "unknown operator 'nope'" in err and len(err.strip().splitlines()) == 1


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('{"format": "shipdesk.declaration/1", "items": [', ":1:48"),
        ('{"format": "other/1"}', "format"),
        ('{"format": "shipdesk.declaration/1", "items": {}}', "items"),
        ('{"format": "shipdesk.declaration/1", "sender": {"name": true}}', "sender.name"),
    ],
)
def test_malformed_files_exit_2(
    tmp_path: Path, content: str, where: str, capsys: pytest.CaptureFixture
) -> None:
    p = tmp_path / "bad.json"
    p.write_text(content, encoding="utf-8")
    assert main(["validate", str(p)]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and str(p) in err and where in err
    assert "Traceback" not in err


def test_missing_file_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["validate", str(tmp_path / "nope.json")]) == 2
    assert "file not found" in capsys.readouterr().err


def test_as_module_without_display(tmp_path: Path, sample_path: Path) -> None:
    env = dict(os.environ, SHIPDESK_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    env.pop("QT_QPA_PLATFORM", None)
    proc = subprocess.run(
        [sys.executable, "-m", "shipdesk", "validate", str(sample_path), "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["form"] == "cn23"


# -- rates ----------------------------------------------------------------------------------
def rates(*argv: str) -> int:
    """``shipdesk rates ARGV...`` through the real parser and dispatch (exit codes, messages)."""
    return main(["rates", *argv])


def test_rates_info(capsys: pytest.CaptureFixture) -> None:
    assert rates("info", "--json") == 0
    info = json.loads(capsys.readouterr().out)
    assert info["sdr"]["newest"] == "2025-12-22" and "JPY" in info["sdr"]["currencies"]


def test_rates_import_set_convert(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    f = tmp_path / "eurofxref.csv"
    f.write_text("Date, USD, GBP, \n27 November 2026, 1.0500, 0.8400, \n", encoding="utf-8")
    assert rates("import", str(f)) == 0
    assert "imported 1 date(s)" in capsys.readouterr().out
    assert rates("convert", "100", "EUR", "USD") == 0
    out = capsys.readouterr().out
    assert out.startswith("105.00 USD") and "2026-11-27" in out
    assert rates("set", "eur", "USD=1.10", "--date", "2026-11-28") == 0
    capsys.readouterr()
    assert rates("convert", "100", "EUR", "USD") == 0
    assert capsys.readouterr().out.startswith("110.00 USD")


def test_rates_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert rates("set", "eur", "USD:1.1") == 2
    assert capsys.readouterr().err.startswith("shipdesk rates: expected CCY=RATE, found 'USD:1.1'")
    assert rates("convert", "ten", "EUR", "USD") == 2
    err = capsys.readouterr().err
    assert err.startswith("shipdesk rates: ") and "not a number" in err
    assert rates("import", str(tmp_path / "none.csv")) == 2
    err = capsys.readouterr().err
    assert "file not found" in err and len(err.strip().splitlines()) == 1


def test_rates_usage_errors_exit_2(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exc:
        rates("set", "xyz", "USD=1.1")
    assert exc.value.code == 2
    assert "invalid choice: 'xyz'" in capsys.readouterr().err


def test_json_messages_are_english(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """The messages of ``validate --json`` are part of the output contract: English, also when
    the process has another interface language set (the message texts, not only the codes)."""
    from shipdesk.core import i18n

    data = sample_dict(sample_path)
    data["ioss_number"] = "IM2760000001"
    p = write(tmp_path, data)
    assert main(["validate", str(p), "--json"]) == 1
    (problem,) = json.loads(capsys.readouterr().out)["problems"]
    assert problem["message"] == (
        "IOSS applies only to parcels for the EU, but the recipient is in United States: "
        "remove the IOSS number."
    )
    try:
        i18n.set_language("de")
        assert main(["validate", str(p), "--json"]) == 1
        (problem,) = json.loads(capsys.readouterr().out)["problems"]
        assert problem["message"].startswith("IOSS applies only to parcels for the EU")
    finally:
        i18n.set_language("en")
