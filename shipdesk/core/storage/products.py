"""The seller's product catalogue: customs facts per SKU, kept in the user database.

Shop order exports carry no net weight, HS code or country of origin; sellers keep those per
product. A catalogue file (see ``shipdesk.core.exchange.catalogue_file``) is loaded once into the
``products`` table (:class:`SqliteProducts`); every later import completes its order lines
from it (:class:`ProductIndex`): by SKU (trimmed, case ignored), else by the exact product name
(case, accents, punctuation and spacing ignored).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from shipdesk.core.errors import InputError
from shipdesk.core.storage.db import UserDatabase, now_iso
from shipdesk.core.text import words

FIELDS = ("description", "net_weight_kg", "hs_code", "origin_country")
"""The item fields a product can fill, in the order they are reported."""


@dataclass(frozen=True)
class Product:
    """One product: ``net_weight_kg`` is per unit (decimal text), ``hs_code`` digits only,
    ``origin_country`` ISO alpha-2; empty text means not known."""

    sku: str
    name: str = ""  # the title the shop shows (matched when an order line has no SKU)
    description: str = ""  # customs wording
    net_weight_kg: str = ""
    hs_code: str = ""
    origin_country: str = ""

    @property
    def key(self) -> str:
        return sku_key(self.sku)

    def known(self) -> list[str]:
        """The fields this product can fill."""
        return [f for f in FIELDS if getattr(self, f)]


def sku_key(sku: str) -> str:
    """SKUs are compared trimmed and without regard to case."""
    return str(sku).strip().casefold()


def name_key(text: str) -> str:
    """A product name for exact matching: accents, case, punctuation and spacing ignored."""
    return " ".join(words(str(text)))


def _product(row: sqlite3.Row) -> Product:
    return Product(
        row["sku"],
        row["name"],
        row["description"],
        row["net_weight_kg"],
        row["hs_code"],
        row["origin_country"],
    )


class SqliteProducts:
    """The ``products`` table."""

    def __init__(self, db: UserDatabase) -> None:
        self.db = db

    def save(self, products: Iterable[Product], *, replace: bool = False) -> int:
        """Store products (a product with a known SKU is replaced as a whole). ``replace``
        first forgets every stored product. Returns the number stored."""
        now = now_iso()
        n = 0
        with self.db.write() as c:
            if replace:
                c.execute("DELETE FROM products")
            for p in products:
                if not p.key:
                    raise InputError("a product needs a SKU", location="sku")
                c.execute(
                    "INSERT INTO products (sku_key, sku, name, description, net_weight_kg, "
                    "hs_code, origin_country, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (sku_key) DO UPDATE SET sku = excluded.sku, "
                    "name = excluded.name, description = excluded.description, "
                    "net_weight_kg = excluded.net_weight_kg, hs_code = excluded.hs_code, "
                    "origin_country = excluded.origin_country, updated_at = excluded.updated_at",
                    (
                        p.key,
                        p.sku.strip(),
                        p.name.strip(),
                        p.description.strip(),
                        p.net_weight_kg,
                        p.hs_code,
                        p.origin_country,
                        now,
                    ),
                )
                n += 1
        return n

    def all(self) -> list[Product]:
        """Every stored product, by SKU."""
        rows = self.db.connection().execute("SELECT * FROM products ORDER BY sku_key").fetchall()
        return [_product(r) for r in rows]

    def get(self, sku: str) -> Product | None:
        row = (
            self.db.connection()
            .execute("SELECT * FROM products WHERE sku_key = ?", (sku_key(sku),))
            .fetchone()
        )
        return _product(row) if row is not None else None

    def delete(self, sku: str) -> bool:
        with self.db.write() as c:
            cur = c.execute("DELETE FROM products WHERE sku_key = ?", (sku_key(sku),))
        return cur.rowcount > 0

    def count(self) -> int:
        return int(self.db.connection().execute("SELECT count(*) FROM products").fetchone()[0])


class ProductIndex:
    """Products looked up by SKU, else by exact product name (``name`` or customs
    ``description``). A name shared by products with different facts matches none of them."""

    def __init__(self, products: Iterable[Product] = ()) -> None:
        self._by_sku: dict[str, Product] = {}
        self._by_name: dict[str, Product | None] = {}
        for p in products:
            self.add(p)

    def add(self, p: Product) -> None:
        old = self._by_sku.get(p.key)
        self._by_sku[p.key] = p
        if old is not None:  # replaced: rebuild the names so the old one does not linger
            products = list(self._by_sku.values())
            self._by_name = {}
            for q in products:
                self._add_names(q)
        else:
            self._add_names(p)

    def _add_names(self, p: Product) -> None:
        for text in {name_key(p.name), name_key(p.description)}:
            if not text:
                continue
            other = self._by_name.get(text, p)
            if text in self._by_name and (other is None or _facts(other) != _facts(p)):
                self._by_name[text] = None  # ambiguous
            else:
                self._by_name[text] = p

    def __len__(self) -> int:
        return len(self._by_sku)

    def __bool__(self) -> bool:
        return bool(self._by_sku)

    def by_sku(self, sku: str) -> Product | None:
        return self._by_sku.get(sku_key(sku)) if sku_key(sku) else None

    def by_name(self, name: str) -> Product | None:
        key = name_key(name)
        return self._by_name.get(key) if key else None

    def match(self, sku: str, name: str) -> tuple[Product | None, str]:
        """(product, how): how is "sku", "name" or "" when nothing matched."""
        p = self.by_sku(sku)
        if p is not None:
            return p, "sku"
        p = self.by_name(name)
        if p is not None:
            return p, "name"
        return None, ""


def _facts(p: Product) -> tuple[str, ...]:
    return tuple(getattr(p, f) for f in FIELDS)
