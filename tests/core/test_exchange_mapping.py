"""Column maps: platform detection, generic names, saved mappings, --mapping resolution."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.exchange import mapping as mp
from shipdesk.core.exchange import platform_maps as platforms
from shipdesk.core.exchange.sheets import read_table
from shipdesk.core.services import Workspace

DATA = Path(__file__).resolve().parent.parent / "data" / "sheets"


@pytest.mark.parametrize(
    ("file", "platform"),
    [
        ("shopify_orders.csv", "shopify"),
        ("etsy_order_items.csv", "etsy"),
        ("ebay_orders.csv", "ebay"),
        ("woocommerce_orders.csv", "woocommerce"),
        ("amazon_orders.txt", "amazon"),
        ("shipdesk_template_filled.xlsx", "shipdesk"),
    ],
)
def test_platform_detected(file: str, platform: str) -> None:
    headers, _ = read_table(DATA / file, limit=1)
    m = platforms.detect(headers)
    assert m.platform == platform
    assert not m.missing_required()


def test_every_platform_map_names_its_source_and_date() -> None:
    maps = platforms.platform_maps()
    assert {pm.id for pm in maps} >= {"shopify", "etsy", "ebay", "woocommerce", "amazon",
                                      "shipdesk"}  # fmt: skip
    for pm in maps:
        assert pm.source_url and pm.checked.startswith("20"), pm.id
        assert pm.detect, pm.id
        # every identifying column is one the map reads or a known export column
        assert not pm.mapping.missing_required(), pm.id


def test_generic_names_and_weight_unit_hint() -> None:
    m = platforms.detect(["Order #", "Product", "Qty", "Price", "Weight (g)", "HS Code", "Made in"])
    assert m.platform == ""
    assert m.columns["order_number"] == ["Order #"]
    assert m.columns["item.description"] == ["Product"]
    assert m.columns["item.unit_weight"] == ["Weight (g)"]
    assert m.weight_unit == "g"
    assert m.columns["item.origin_country"] == ["Made in"]


def test_extra_columns_added_to_a_platform_export() -> None:
    headers, _ = read_table(DATA / "shopify_orders.csv", limit=1)
    m = platforms.detect([*headers, "HS code", "Weight (oz)"])
    assert m.platform == "shopify"
    assert m.columns["item.hs_code"] == ["HS code"]
    assert m.weight_unit == "oz"


def test_unknown_headers_leave_required_fields_missing() -> None:
    m = platforms.detect(["alpha", "beta", "gamma"])
    assert m.missing_required() == ["Item description", "Item unit price or line value"]


def test_saved_mappings_round_trip(workspace: Workspace) -> None:
    repo = workspace.mappings
    m = mp.ColumnMapping(columns={"item.description": ["Artikel"], "item.value": ["Wert"]},
                         weight_unit="g", decimal=",")  # fmt: skip
    mp.save_mapping("My shop", m, repo)
    mp.save_mapping("Another", m, repo)
    assert mp.saved_names(repo) == ["Another", "My shop"]
    back = mp.load_saved("My shop", repo)
    assert back is not None
    assert back.columns == m.columns
    assert (back.weight_unit, back.decimal, back.name) == ("g", ",", "My shop")
    assert platforms.resolve_mapping_arg("My shop", repo).columns == m.columns
    mp.delete_saved("Another", repo)
    assert mp.saved_names(repo) == ["My shop"]
    with pytest.raises(InputError, match="needs a name"):
        mp.save_mapping("  ", m, repo)


def test_resolve_mapping_arg(tmp_path: Path, workspace: Workspace) -> None:
    repo = workspace.mappings
    assert platforms.resolve_mapping_arg("Shopify", repo).platform == "shopify"
    f = tmp_path / "m.json"
    f.write_text(json.dumps({"columns": {"item.description": "Desc", "item.value": ["V"]}}))
    assert platforms.resolve_mapping_arg(str(f), repo).columns["item.description"] == ["Desc"]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"columns": {"nonsense": "x"}}))
    with pytest.raises(InputError, match="unknown target"):
        platforms.resolve_mapping_arg(str(bad), repo)
    with pytest.raises(InputError, match="unknown mapping"):
        platforms.resolve_mapping_arg("nosuchshop", repo)


def test_resolve_is_loose_about_header_spelling() -> None:
    m = mp.ColumnMapping(columns={"item.description": ["Lineitem name"]})
    assert m.resolve(["x", "LINEITEM  NAME "]) == {"item.description": [1]}
