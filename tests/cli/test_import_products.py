"""`import --products FILE --packaging-kg KG`: shop exports completed from the catalogue."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shipdesk.cli.main import main
from shipdesk.core.services import Workspace, imports, records

DATA = Path(__file__).resolve().parent.parent / "data" / "sheets"
SENDER = {"name": "Emma Stone", "street": "200 Pine Street", "city": "Portland",
          "postcode": "97204", "region": "OR", "country": "US", "phone": "+1 503 555 0100",
          "email": "emma@example.com"}  # fmt: skip


def test_products_file_completes_orders(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    records.update_settings(workspace, sender=SENDER)
    out = tmp_path / "out"
    rc = main(["import", str(DATA / "etsy_order_items.csv"), "--out", str(out), "--no-pdf"])
    assert rc == 1
    assert "2 blocked" in capsys.readouterr().out
    rc = main(["import", str(DATA / "etsy_order_items.csv"), "--out", str(out), "--no-pdf",
               "--products", str(DATA / "products.csv"), "--packaging-kg", "0.15"])  # fmt: skip
    text = capsys.readouterr().out
    assert rc == 0, text
    assert "products.csv: 14 products loaded into the catalogue" in text
    assert "(2 ready, 0 to check, 0 blocked, 0 failed)" in text
    assert "Completed from the product catalogue (14 products): 3 of 3 lines" in text
    assert "Gross weight estimated for 2 declarations" in text
    decl = json.loads((out / "3190045521.shipdesk.json").read_text(encoding="utf-8"))
    item = decl["items"][0]
    assert item["hs_code"] == "711311" and item["net_weight_kg"] == "0.008"
    assert item["filled_from_catalogue"] == ["net_weight_kg", "hs_code", "origin_country"]
    assert decl["gross_weight_kg"] == "0.258"  # 0.008 + 2 x 0.05 + 0.15
    assert decl["gross_weight_estimated"] == {"packaging_kg": "0.15"}
    # the catalogue is remembered and the packaging setting is used when no option is given
    records.update_settings(workspace, packaging_kg="0.2")
    rc = main(["import", str(DATA / "etsy_order_items.csv"), "--out", str(tmp_path / "o2"),
               "--no-pdf", "--json"])  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert rc == 0 and data["ok"] == 2
    assert data["catalogue"]["completed"] == 3 and data["catalogue"]["packaging_kg"] == "0.2"


def test_bad_products_rows_exit_1_unknown_sku_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    f = tmp_path / "p.csv"
    f.write_text("sku,description,net_weight_kg,hs_code,origin_country\n"
                 "EAR-925,Earrings of silver,0.008,711311,DE\n"
                 "SCARF-SILK,Scarf of silk,0.05,621410,Narnia\n", encoding="utf-8")  # fmt: skip
    rc = main(["import", str(DATA / "etsy_order_items.csv"), "--out", str(tmp_path / "o"),
               "--no-pdf", "--products", str(f), "--json"])  # fmt: skip
    data = json.loads(capsys.readouterr().out)
    assert rc == 1
    assert data["products_file"]["rows_rejected"] == 1
    assert data["products_file"]["problems"][0]["row"] == 3
    assert data["products_file"]["problems"][0]["column"] == "origin_country"
    skus = {p.sku for p in imports.products(workspace)}
    assert "EAR-925" in skus and "SCARF-SILK" not in skus
    unmatched = data["catalogue"]["unmatched"]
    assert [(u["row"], u["column"]) for u in unmatched] == [(3, "Item Name"), (4, "Item Name")]
    assert "'Hand-painted silk scarf'" in unmatched[0]["message"]


def test_bad_options_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = ["import", str(DATA / "etsy_order_items.csv"), "--out", str(tmp_path / "o")]
    assert main([*base, "--packaging-kg", "lots"]) == 2
    assert "'lots' is not a weight in kg" in capsys.readouterr().err
    assert main([*base, "--products", str(tmp_path / "missing.csv")]) == 2
    assert "Traceback" not in capsys.readouterr().err
