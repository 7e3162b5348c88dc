"""The product catalogue at hand while typing an item: choose a product, save an item as one."""

from __future__ import annotations

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.model import Item
from shipdesk.core.services import imports
from shipdesk.core.storage.products import Product

SCARF = Product(
    sku="SC-01",
    name="Cosy scarf",
    description="Knitted wool scarf",
    net_weight_kg="0.15",
    hs_code="611710",
    origin_country="IT",
)


def test_find_products_folds_and_needs_every_word(workspace):
    workspace.products.save([SCARF, Product(sku="MUG", name="Mug", description="Ceramic mug")])
    assert [p.sku for p in imports.find_products(workspace, "WOOL sc")] == ["SC-01"]
    assert [p.sku for p in imports.find_products(workspace, "6117")] == ["SC-01"]
    assert len(imports.find_products(workspace)) == 2
    assert imports.find_products(workspace, "wool mug") == []


def test_a_chosen_product_fills_the_weight_for_the_quantity():
    fields = imports.product_item_fields(SCARF, "3")
    assert fields == {
        "description": "Knitted wool scarf",
        "net_weight_kg": "0.45",
        "hs_code": "611710",
        "origin_country": "IT",
    }
    only_title = Product(sku="X", name="Tea towel")
    assert imports.product_item_fields(only_title) == {"description": "Tea towel"}


def test_save_item_as_product_keeps_the_unit_weight(workspace):
    item = Item(
        description="Linen tea towel",
        quantity="2",
        net_weight_kg="0,4",
        hs_code="6302.51",
        origin_country="pt",
    )
    p = imports.save_item_as_product(workspace, item)
    assert p.sku == "linen-tea-towel"
    stored = workspace.products.get("LINEN-TEA-TOWEL")
    assert stored is not None
    assert (stored.net_weight_kg, stored.hs_code, stored.origin_country) == ("0.2", "630251", "PT")
    assert imports.save_item_as_product(workspace, item, "TT-9").sku == "TT-9"
    assert workspace.products.count() == 2
    with pytest.raises(InputError):
        imports.save_item_as_product(workspace, Item(hs_code="6302"))
