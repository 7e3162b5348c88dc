"""The stored product catalogue: products kept in the user database, order lines matched by
SKU, else by exact product name."""

from __future__ import annotations

from pathlib import Path

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.storage.db import UserDatabase
from shipdesk.core.storage.products import Product, ProductIndex, SqliteProducts, name_key


def test_store_merge_replace_and_case(tmp_path: Path) -> None:
    with UserDatabase(tmp_path / "u.sqlite3") as db:
        store = SqliteProducts(db)
        assert store.count() == 0
        store.save([Product("Ab-1", "Mug", "Stoneware mug", "0.4", "691200", "DE"),
                    Product("B", description="Plate", hs_code="691200")])  # fmt: skip
        assert store.get(" ab-1 ") == Product("Ab-1", "Mug", "Stoneware mug", "0.4", "691200", "DE")
        store.save([Product("AB-1", description="Mug of stoneware")])
        p = store.get("ab-1")
        assert p is not None and p.sku == "AB-1" and p.net_weight_kg == ""  # replaced as a whole
        assert [x.sku for x in store.all()] == ["AB-1", "B"]
        store.save([Product("C", hs_code="940360")], replace=True)
        assert [x.sku for x in store.all()] == ["C"]
        assert store.delete("c") and not store.delete("c")
        with pytest.raises(InputError):
            store.save([Product("  ", hs_code="940360")])


def test_index_sku_then_name() -> None:
    idx = ProductIndex([
        Product("MUG-1", "Ceramic mug – blue", "Stoneware mug", "0.4", "691200", "DE"),
        Product("CUP-1", "Espresso cup", "Porcelain cup", "0.1", "691110", "DE"),
        Product("CUP-2", "Espresso cup", "Porcelain cup, large", "0.2", "691110", "DE"),
    ])  # fmt: skip
    assert idx.match(" mug-1 ", "anything") == (idx.by_sku("MUG-1"), "sku")
    p, how = idx.match("", "CERAMIC MUG, Blue!")
    assert p is not None and p.sku == "MUG-1" and how == "name"
    assert idx.match("", "Stoneware mug")[0] is not None  # the customs wording matches too
    assert idx.match("", "Espresso cup") == (None, "")  # two products share it: ambiguous
    assert idx.match("", "Ceramic mug") == (None, "")  # exact names only
    assert idx.match("NOPE", "") == (None, "")
    assert name_key("Café  crème-Tasse") == "cafe creme tasse"
    assert name_key("Smørrebrød_Teller") == name_key("smorrebrod teller")  # the one fold
    idx.add(Product("MUG-1", "Big mug", "Mug", "0.5", "691200", "DE"))  # replaced
    assert idx.by_name("Ceramic mug blue") is None and len(idx) == 3
