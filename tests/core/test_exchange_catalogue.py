"""Shop exports completed from the product catalogue: weights, HS codes, origins, wording and an
estimated gross weight; values in the order file are never overwritten."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.exchange.batch_summary import BatchSummary, summary_lines
from shipdesk.core.exchange.catalogue_file import read_products
from shipdesk.core.exchange.import_result import ImportResult
from shipdesk.core.exchange.orders import import_orders, parse_packaging
from shipdesk.core.model import Party
from shipdesk.core.services import Workspace, imports
from shipdesk.core.storage.products import Product, ProductIndex

DATA = Path(__file__).resolve().parent.parent / "data" / "sheets"


def _party(country: str) -> Party:
    places = {
        "DE": ("Lindenweg 3", "Freiburg", "79098", ""),
        "US": ("200 Pine Street", "Portland", "97204", "OR"),
        "GB": ("14 Mill Lane", "York", "YO1 7HH", ""),
    }
    street, city, postcode, region = places[country]
    return Party(name="Maria Keller", street=street, city=city, postcode=postcode,
                 region=region, country=country, phone="+49 761 123456",
                 email="maria@example.com")  # fmt: skip


# file, sender country (outside the recipients' customs union), orders expected "to check":
# Shopify #1001 because MUG-01 has no HS code in the catalogue (one is suggested); sales into
# the EU without an IOSS number carry the IOSS warning whatever the catalogue says
SAMPLES = [
    ("shopify_orders.csv", "DE", {"#1001"}),
    ("etsy_order_items.csv", "US", set()),
    ("ebay_orders.csv", "US", {"12-10001-20001", "12-10002-20002"}),
    ("woocommerce_orders.csv", "GB", set()),
    ("amazon_orders.txt", "GB", {"305-1234567-8901234"}),
]


def run_batch(source: ImportResult, out: Path, ws: Workspace) -> BatchSummary:
    """The batch as the import command runs it, without PDFs."""
    return imports.run_batch(ws, source, imports.ImportOptions(out, render_pdf=False))


@pytest.fixture(scope="module")
def products() -> ProductIndex:
    pf = read_products(DATA / "products.csv")
    assert pf.problems == []
    return pf.index()


@pytest.mark.parametrize(("name", "sender", "to_check"), SAMPLES)
def test_samples_go_from_blocked_to_ready(
    name: str,
    sender: str,
    to_check: set[str],
    products: ProductIndex,
    tmp_path: Path,
    workspace: Workspace,
) -> None:
    before = run_batch(
        import_orders(DATA / name, sender=_party(sender)), tmp_path / "before", workspace
    )
    assert before.count("blocked") == len(before.outcomes) > 0
    assert all(
        any("net_weight_kg" in r or "gross_weight_kg" in r for r in o.reasons())
        for o in before.outcomes
    )

    res = import_orders(DATA / name, sender=_party(sender), products=products, packaging_kg="0.15")
    assert res.catalogue is not None
    assert res.catalogue.completed == res.catalogue.lines > 0
    assert res.catalogue.unmatched == []
    assert res.catalogue.gross_estimated == len(res.orders)
    after = run_batch(res, tmp_path / "after", workspace)
    status = {o.name: o.status for o in after.outcomes}
    assert status == {n: ("check" if n in to_check else "ok") for n in status}, [
        (o.name, o.reasons(), o.problems) for o in after.outcomes
    ]
    for o in after.outcomes:
        assert [p for p in o.problems if p["level"] == "error"] == []
        warnings = {p["code"] for p in o.problems if p["level"] == "warning"}
        if o.name in to_check:
            assert o.suggested or warnings == {"ioss_missing"}, (o.suggested, o.problems)
    text = "\n".join(summary_lines(after))
    assert f"{res.catalogue.lines} of {res.catalogue.lines} lines" in text
    assert "Gross weight estimated" in text and "0.15 kg packaging" in text


def test_filled_fields_are_marked_and_file_values_kept(products: ProductIndex) -> None:
    res = import_orders(DATA / "ebay_orders.csv", products=products)
    watch, strap = res.orders[0].declaration.items
    # the file had the origins (CH, IT); the catalogue says DE for both: the file wins
    assert (watch.origin_country, strap.origin_country) == ("CH", "IT")
    assert watch.extra["filled_from_catalogue"] == ["net_weight_kg", "hs_code"]
    assert watch.net_weight_kg == "0.111"  # 3.9 oz
    assert watch.hs_code == "910299"
    assert watch.description == "Vintage brass pocket watch"  # a precise title stays
    # the strap has no SKU in the file: matched by its name
    assert strap.extra["filled_from_catalogue"] == ["net_weight_kg", "hs_code"]
    assert strap.extra["catalogue_match"] == "name (SKU STRAP-20)"
    assert res.catalogue is not None
    assert res.catalogue.fields == {
        "description": 0, "net_weight_kg": 3, "hs_code": 3, "origin_country": 1,
    }  # fmt: skip


def test_net_weight_is_unit_weight_times_quantity(products: ProductIndex) -> None:
    res = import_orders(DATA / "shopify_orders.csv", products=products)
    shirt, mug = res.orders[0].declaration.items
    assert shirt.quantity == "2" and shirt.net_weight_kg == "0.36"
    assert mug.net_weight_kg == "0.35" and mug.hs_code == ""  # none in the catalogue
    assert mug.extra["filled_from_catalogue"] == ["net_weight_kg", "origin_country"]
    wallet = res.orders[2].declaration.items[0]  # no SKU in the file: by name
    assert wallet.net_weight_kg == "0.27" and wallet.origin_country == "IT"


def _orders_csv(path: Path, rows: list[str]) -> Path:
    head = ("Order number,Item description,SKU,Quantity,Line value,Net weight,HS code,"
            "Country of origin,Recipient name,Recipient country,Currency,Gross weight")  # fmt: skip
    path.write_text("\n".join([head, *rows]) + "\n", encoding="utf-8")
    return path


def test_values_in_the_file_are_never_overwritten(tmp_path: Path) -> None:
    idx = ProductIndex([Product("A-1", "Mug", "Stoneware mug", "0.4", "691200", "DE")])
    f = _orders_csv(tmp_path / "o.csv", [
        "1,Ceramic mug,a-1 ,1,10.00,0.5,691110,PT,Ann,FR,EUR,0.9",
        "2,Ceramic mug,A-1,2,10.00,,,,Ann,FR,EUR,",
    ])  # fmt: skip
    res = import_orders(f, products=idx, packaging_kg="0.2")
    full = res.orders[0].declaration
    it = full.items[0]
    assert (it.description, it.net_weight_kg, it.hs_code, it.origin_country) == (
        "Ceramic mug", "0.5", "691110", "PT")  # fmt: skip
    assert "filled_from_catalogue" not in it.extra
    assert full.gross_weight_kg == "0.9" and "gross_weight_estimated" not in full.extra
    empty = res.orders[1].declaration
    it = empty.items[0]
    assert (it.net_weight_kg, it.hs_code, it.origin_country) == ("0.8", "691200", "DE")
    assert empty.gross_weight_kg == "1"
    assert empty.extra["gross_weight_estimated"] == {"packaging_kg": "0.2"}


def test_vague_or_missing_title_gets_the_customs_wording(tmp_path: Path) -> None:
    idx = ProductIndex([Product("G-1", "", "Scented candle of soy wax", "0.3", "340600", "DE")])
    f = _orders_csv(tmp_path / "o.csv", [
        "1,Gift,G-1,1,10.00,,,,Ann,US,EUR,",
        "2,,G-1,1,10.00,,,,Ann,US,EUR,",
        "3,,,1,10.00,,,,Ann,US,EUR,",
    ])  # fmt: skip
    res = import_orders(f, products=idx)
    assert [o.order_number for o in res.orders] == ["1", "2"]
    gift = res.orders[0].declaration.items[0]
    assert gift.description == "Scented candle of soy wax"
    assert gift.extra["shop_title"] == "Gift"
    assert gift.extra["filled_from_catalogue"][0] == "description"
    assert res.orders[1].declaration.items[0].description == "Scented candle of soy wax"
    assert [(p.row, p.message) for p in res.errors] == [(4, "the item has no description")]


def test_unknown_sku_stays_blocked_with_row_and_sku(
    products: ProductIndex, tmp_path: Path, workspace: Workspace
) -> None:
    text = (DATA / "shopify_orders.csv").read_text(encoding="utf-8")
    text = text.replace('"Wool scarf, knitted",45.00,,SC-W', "Alpaca gloves,45.00,,ZZ-9")
    text = text.replace(",Leather wallet,", ",Leather belt,")
    f = tmp_path / "shop.csv"
    f.write_text(text, encoding="utf-8")
    res = import_orders(f, sender=_party("DE"), products=products, packaging_kg="0.1")
    assert res.catalogue is not None
    msgs = [str(p) for p in res.catalogue.unmatched]
    assert msgs == [
        "row 4, column 'Lineitem sku': SKU 'ZZ-9' is not in the product catalogue (nor is the "
        "name 'Alpaca gloves'); net weight, HS code and origin not filled",
        "row 5, column 'Lineitem name': no SKU, and no product named 'Leather belt' in the "
        "catalogue; net weight, HS code and origin not filled",
    ]
    assert all(p.level == "warning" for p in res.catalogue.unmatched)
    assert {str(p) for p in res.problems} >= set(msgs)  # in the row report too
    assert res.rejected == []
    summary = run_batch(res, tmp_path / "out", workspace)
    status = {o.name: o.status for o in summary.outcomes}
    assert status["#1002"] == status["#1003"] == "blocked"
    assert any("net_weight_kg" in r for r in summary.outcomes[1].reasons())
    text = "\n".join(summary_lines(summary))
    assert "2 of 4 lines" in text and "SKU 'ZZ-9'" in text
    assert "Gross weight estimated for 1 declaration:" in text  # only #1001 has all weights
    data = summary.to_json()
    assert data["catalogue"]["unmatched"][0]["row"] == 4


def test_without_catalogue_nothing_changes() -> None:
    res = import_orders(DATA / "shopify_orders.csv", products=ProductIndex())
    assert res.catalogue is None
    assert all(not it.net_weight_kg for d in res.declarations for it in d.items)


def test_packaging_values() -> None:
    assert parse_packaging(None) is None and parse_packaging(" ") is None
    assert parse_packaging("0,15") == Decimal("0.15")
    assert parse_packaging(Decimal("0.2")) == Decimal("0.2")
    for bad in ("abc", "-1", "5000"):
        with pytest.raises(InputError, match="packaging_kg"):
            parse_packaging(bad)
