"""`products` subcommand: import a catalogue file, list, export; exit status."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shipdesk.cli.main import main
from shipdesk.core.services import Workspace, imports

DATA = Path(__file__).resolve().parent.parent / "data" / "sheets"


def test_import_list_export(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    assert main(["products", "list"]) == 0
    assert "catalogue is empty" in capsys.readouterr().out
    assert main(["products", "import", str(DATA / "products.csv")]) == 0
    out = capsys.readouterr().out
    assert "14 products loaded; rows rejected: 0; products in the catalogue: 14" in out
    assert imports.product_count(workspace) == 14
    assert main(["products", "list"]) == 0
    out = capsys.readouterr().out
    assert "TS-BL-M" in out and "610910" in out and "14 products" in out
    assert main(["products", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0] == {"sku": "BK-101", "name": "Paperback novel: The Quiet Harbour (English)",
                       "description": "Printed book (novel, paperback)", "net_weight_kg": "0.3",
                       "hs_code": "490199", "origin_country": "GB"}  # fmt: skip
    target = tmp_path / "catalogue.xlsx"
    assert main(["products", "export", "--out", str(target)]) == 0
    assert "14 products written" in capsys.readouterr().out
    assert main(["products", "import", str(target), "--replace", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["loaded"] == 14 and data["catalogue_size"] == 14 and data["problems"] == []


def test_bad_rows_exit_1_and_unreadable_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "p.csv"
    f.write_text("sku,description,net_weight_kg,hs_code\nA,Mug,0.3,691200\nB,Cup,x,691200\n",
                 encoding="utf-8")  # fmt: skip
    assert main(["products", "import", str(f)]) == 1
    out = capsys.readouterr().out
    assert "1 products loaded; rows rejected: 1" in out
    assert "row 3, column 'net_weight_kg': 'x' is not a number" in out
    assert main(["products", "import", str(DATA / "ebay_orders.csv")]) == 2
    err = capsys.readouterr().err
    assert "not a product catalogue" in err and "Traceback" not in err
    assert main(["products", "export", "--out", str(tmp_path / "p.txt")]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["products"])
    assert exc.value.code == 2


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_after_a_product_with_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workspace: Workspace, suffix: str
) -> None:
    # a control character stored with a product (no .xlsx cell may hold one) ended the export
    # in an internal error (exit 3)
    f = tmp_path / "p.csv"
    f.write_bytes(b"sku,name,description,net_weight_kg\nA\x01,M\x0bug\x1f,de\x7fsc\x1b,0.3\n")
    assert main(["products", "import", str(f)]) == 0
    target = tmp_path / f"out{suffix}"
    assert main(["products", "export", "--out", str(target)]) == 0
    assert "1 products written" in capsys.readouterr().out
    assert main(["products", "import", str(target), "--replace", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["loaded"] == 1 and data["problems"] == []
    assert main(["products", "list", "--json"]) == 0
    row = json.loads(capsys.readouterr().out)[0]
    assert row["sku"] == "A" and row["description"] == "desc"
