"""`import` and `export` subcommands: files written, summary, exit status."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from shipdesk.cli.main import main

DATA = Path(__file__).resolve().parent.parent / "data" / "sheets"
ROOT = Path(__file__).resolve().parents[2]


def test_import_template_all_through(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    rc = main(["import", str(DATA / "shipdesk_template_filled.xlsx"), "--out", str(out)])
    text = capsys.readouterr().out
    assert rc == 0, text
    assert "columns read as ShipDesk import template" in text
    assert "Declarations made: 2" in text and "rows rejected: 0" in text
    assert (out / "A-100.shipdesk.json").exists() and (out / "A-100.pdf").exists()
    assert not (out / "rejected.csv").exists()


def test_import_dirty_rejects_rows_exit_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    rc = main(["import", str(DATA / "dirty_orders.xlsx"), "--out", str(out), "--no-pdf"])
    text = capsys.readouterr().out
    assert rc == 1
    assert "rows rejected: 3" in text
    assert "row 8, column 'Qty': 'two' is not a number" in text
    with (out / "rejected.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert [r[0] for r in rows[1:]] == ["8", "10", "11"]
    assert not list(out.glob("*.pdf"))


def test_import_json_summary_and_saved_mapping(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rc = main(["import", str(DATA / "etsy_order_items.csv"), "--out", str(tmp_path / "o"),
               "--no-pdf", "--json", "--save-mapping", "etsy-mine",
               "--rejected", "bad.xlsx"])  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert data["mapping"] == "etsy"
    assert data["declarations"] == 2 and data["rows_rejected"] == 0
    assert {o["name"] for o in data["outcomes"]} == {"3190045521", "3190045600"}
    assert rc in (0, 1)  # platform exports lack weights: blocked by validation is expected
    assert all(o["status"] in ("blocked", "check", "ok") for o in data["outcomes"])
    rc = main(["import", str(DATA / "etsy_order_items.csv"), "--out", str(tmp_path / "p"),
               "--no-pdf", "--mapping", "etsy-mine"])  # fmt: skip
    assert "Declarations made: 2" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--mapping", "nosuchshop"], "unknown mapping"),
        (["--rejected", "../x.csv"], "--rejected"),
    ],
)
def test_import_bad_options_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    rc = main(["import", str(DATA / "shopify_orders.csv"), "--out", str(tmp_path), *args])
    assert rc == 2
    assert message in capsys.readouterr().err


def test_import_unreadable_file_exit_2_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "orders.xlsx"
    bad.write_bytes(b"PK\x03\x04 this is not really a workbook")
    proc = subprocess.run(
        [sys.executable, "-m", "shipdesk", "import", str(bad), "--out", str(tmp_path / "o")],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "damaged" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_export_template_register_ead(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    assert main(["import", str(DATA / "shipdesk_template_filled.xlsx"), "--out", str(out),
                 "--no-pdf"]) == 0  # fmt: skip
    assert main(["export", "template", "--out", str(tmp_path / "t.xlsx")]) == 0
    assert openpyxl.load_workbook(tmp_path / "t.xlsx").sheetnames[0] == "Orders"
    assert main(["export", "register", str(out), "--out", str(tmp_path / "r.xlsx")]) == 0
    ws = openpyxl.load_workbook(tmp_path / "r.xlsx").active
    assert ws.max_row == 3 and ws["A2"].value in ("A-100", "A-101")
    assert main(["export", "ead", str(out), "--out", str(tmp_path / "e.json")]) == 0
    doc = json.loads((tmp_path / "e.json").read_text("utf-8"))
    assert doc["item_count"] == 2
    files = sorted(str(p) for p in out.glob("*.shipdesk.json"))
    assert main(["export", "ead", *files, "--out", str(tmp_path / "e.csv")]) == 0
    assert (tmp_path / "e.csv").read_text("utf-8").startswith("item_id,")
    err = capsys.readouterr().err
    assert "no item_id" in err  # the sample has no S10 numbers yet: warned, not refused


def test_export_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "register", str(tmp_path), "--out", str(tmp_path / "r.xlsx")]) == 2
    assert "no *.shipdesk.json" in capsys.readouterr().err
    bad = tmp_path / "bad.shipdesk.json"
    bad.write_text("{not json", encoding="utf-8")
    assert main(["export", "ead", str(bad), "--out", str(tmp_path / "e.json")]) == 2
    assert "bad.shipdesk.json" in capsys.readouterr().err
    assert main(["export", "template", "--out", str(tmp_path / "t.csv")]) == 2
    assert main(["export", "ead", str(bad), "--out", str(tmp_path / "e.txt")]) == 2
