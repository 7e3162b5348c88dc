"""Imports and batches: a spreadsheet of orders to declaration files and PDFs.

The command line (``import``) and the import dialog run the same use case,
:func:`run_import`: read the orders (completing lines from the product catalogue, estimating
gross weights from a packaging allowance), then check every declaration and write its files.
Saved column mappings and product catalogue files are handled here too, so neither face touches
the user database or parses a file itself. The faces show a mapping, a cell and a batch summary
with the helpers below; the exchange package that defines them is imported only inside the
functions (the result types are named here for annotations).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.core.i18n import language, tell
from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.progress import CancelToken, ProgressCallback
from shipdesk.core.services import classification, declarations
from shipdesk.core.services.workspace import Workspace

if TYPE_CHECKING:
    from shipdesk.core.exchange.batch import Checks
    from shipdesk.core.exchange.batch_summary import BatchSummary as BatchSummary
    from shipdesk.core.exchange.catalogue_file import ProductFile as ProductFile
    from shipdesk.core.exchange.import_result import ImportResult as ImportResult
    from shipdesk.core.exchange.mapping import ColumnMapping as ColumnMapping
    from shipdesk.core.exchange.mapping import Target as MappingTarget
    from shipdesk.core.exchange.platform_maps import PlatformMap as PlatformMap
    from shipdesk.core.exchange.sheet_reader import Cell
    from shipdesk.core.storage.products import Product as Product
    from shipdesk.core.storage.products import ProductIndex

READ_SHARE = 30
"""Percent of the progress reported by :func:`run_import` for reading the file."""


@dataclass(frozen=True)
class ImportOptions:
    """How to run an import. None means the workspace's setting (operator, channel,
    packaging allowance, sender)."""

    out_dir: Path
    sheet: str | None = None
    operator: str | None = None
    channel: str | None = None
    render_pdf: bool = True
    suggest_hs: bool = True
    rejected_name: str = "rejected.csv"
    rejected_lang: str = "en"  # the problem column of the rejected rows (the window: its own)
    packaging_kg: Decimal | str | None = None
    sender: Party | None = None
    use_products: bool = True


@dataclass(frozen=True)
class ImportOutcome:
    """What the file held (``result``) and what the batch made of it (``summary``)."""

    result: ImportResult
    summary: BatchSummary


@dataclass(frozen=True)
class ProductsLoad:
    """A product catalogue file read and stored: ``stored`` products went into the catalogue."""

    file: ProductFile
    stored: int
    total: int


# -- defaults -----------------------------------------------------------------------------------
def default_out_dir(ws: Workspace, source: str | Path) -> Path:
    """Where an import writes when the user does not choose: ``<data>/imports/<file stem>``."""
    return ws.folders.data / "imports" / Path(source).stem


def packaging_setting(ws: Workspace) -> Decimal | None:
    """The packaging allowance from the settings (InputError when it is not a weight)."""
    return packaging(ws, None)


def packaging(ws: Workspace, value: Decimal | str | None) -> Decimal | None:
    """The packaging allowance to use: ``value`` when given, else the setting; InputError
    when it is not a weight in kg."""
    from shipdesk.core.exchange.orders import parse_packaging

    return parse_packaging(value if value is not None else ws.settings.packaging_kg)


# -- reading a file before the import ----------------------------------------------------------
def preview(path: str | Path, limit: int = 5) -> tuple[list[str], list[tuple[int, list[Cell]]]]:
    """The headers and the first ``limit`` rows ((row number, cells)) of an orders file, to
    show and check the column mapping before importing."""
    from shipdesk.core.exchange.platform_maps import header_score
    from shipdesk.core.exchange.sheets import read_table

    return read_table(path, limit=limit, header_score=header_score)


def cell_text(value: object) -> str:
    """A cell as the import reads it: numbers without a spurious '.0', dates in ISO form,
    spaces collapsed."""
    from shipdesk.core.exchange.cells import cell_text as _cell_text

    return _cell_text(value)


def number_text(value: Decimal) -> str:
    """A decimal as plain text (no exponent), as the import writes it."""
    from shipdesk.core.exchange.cells import number_text as _number_text

    return _number_text(value)


def write_template(path: str | Path) -> Path:
    """Write the import template workbook (.xlsx): every column the import reads, explained."""
    from shipdesk.core.exchange.template import write_template as _write  # openpyxl

    return _write(path)


# -- mappings -----------------------------------------------------------------------------------
def mapping_targets() -> tuple[MappingTarget, ...]:
    """The declaration fields a column can be mapped to, in the order a form shows them."""
    from shipdesk.core.exchange.mapping import TARGETS

    return TARGETS


def weight_units() -> tuple[str, ...]:
    """The units a weight column can be read in (``kg`` first)."""
    from shipdesk.core.exchange.mapping import WEIGHT_UNITS

    return WEIGHT_UNITS


def new_mapping() -> ColumnMapping:
    """A mapping with no column chosen."""
    from shipdesk.core.exchange.mapping import ColumnMapping as _ColumnMapping

    return _ColumnMapping()


def detect_mapping(headers: list[str]) -> ColumnMapping:
    """The mapping read from a file's headers: a known shop export, or columns matched by
    name."""
    from shipdesk.core.exchange.platform_maps import detect

    return detect(headers)


def platform_mapping(platform_id: str) -> ColumnMapping | None:
    """The shipped mapping of a shop's export (None: no such shop)."""
    from shipdesk.core.exchange.platform_maps import platform

    return platform(platform_id)


def platform_mappings() -> list[PlatformMap]:
    from shipdesk.core.exchange.platform_maps import platform_maps

    return list(platform_maps())


def saved_mappings(ws: Workspace) -> list[str]:
    from shipdesk.core.exchange.mapping import saved_names

    return saved_names(ws.mappings)


def load_mapping(ws: Workspace, name: str) -> ColumnMapping | None:
    from shipdesk.core.exchange.mapping import load_saved

    return load_saved(name, ws.mappings)


def save_mapping(ws: Workspace, name: str, mapping: ColumnMapping) -> None:
    from shipdesk.core.exchange.mapping import save_mapping as _save

    _save(name, mapping, ws.mappings)


def resolve_mapping(ws: Workspace, arg: str) -> ColumnMapping:
    """``--mapping``: a platform id, a saved mapping's name, or a .json/.toml mapping file."""
    from shipdesk.core.exchange.platform_maps import resolve_mapping_arg

    return resolve_mapping_arg(arg, ws.mappings)


# -- the product catalogue ----------------------------------------------------------------------
def load_products(
    ws: Workspace, path: str | Path, *, sheet: str | None = None, replace: bool = False
) -> ProductsLoad:
    """Read a catalogue file and store its products (``replace``: forget the others first)."""
    from shipdesk.core.exchange.catalogue_file import read_products

    pf = read_products(path, sheet=sheet)
    stored = ws.products.save(pf.products, replace=replace)
    return ProductsLoad(pf, stored, ws.products.count())


def product_count(ws: Workspace) -> int:
    return ws.products.count()


def products(ws: Workspace) -> list[Product]:
    return ws.products.all()


def product_rows(items: Sequence[Product]) -> list[dict[str, str]]:
    """The products as records with the columns of an exported catalogue file."""
    from shipdesk.core.exchange.catalogue_file import EXPORT_HEADERS

    return [{k: str(getattr(p, k)) for k in EXPORT_HEADERS} for p in items]


def product_index(ws: Workspace) -> ProductIndex:
    from shipdesk.core.storage.products import ProductIndex

    return ProductIndex(ws.products.all())


def export_products(ws: Workspace, path: str | Path) -> tuple[int, Path]:
    """Write the stored products to .csv or .xlsx: (how many, the path written)."""
    from shipdesk.core.exchange.catalogue_file import write_products

    items = ws.products.all()
    return len(items), write_products(items, path)


def find_products(ws: Workspace, text: str = "", limit: int = 200) -> list[Product]:
    """Stored products whose SKU, shop title, customs wording or HS code contain every word
    of ``text`` (accents and case folded), by SKU."""
    from shipdesk.core.text import lower_fold

    words = lower_fold(text).split()
    found: list[Product] = []
    for p in ws.products.all():
        hay = lower_fold(f"{p.sku} {p.name} {p.description} {p.hs_code}")
        if all(w in hay for w in words):
            found.append(p)
            if len(found) >= limit:
                break
    return found


def product_item_fields(product: Product, quantity: str = "1") -> dict[str, str]:
    """The item fields a product chosen for an item sets (only those it knows): its customs
    wording (else its shop title), the net weight of ``quantity`` units, the HS code and the
    origin, computed as an import completes an order line."""
    from dataclasses import replace

    from shipdesk.core.exchange.catalogue_fill import fill_item

    if not product.description and product.name:
        product = replace(product, description=product.name)
    item = Item(quantity=quantity.strip() or "1")
    filled = fill_item(item, product)
    return {f: getattr(item, f) for f in filled}


def product_sku(item: Item, sku: str = "") -> str:
    """The SKU "save as product" gives ``item``: ``sku``, else the description's words joined
    by hyphens (at most 64 characters)."""
    from shipdesk.core.text import words

    description = item.description.strip()
    return sku.strip() or "-".join(words(description))[:64] or description[:64]


def stored_product(ws: Workspace, sku: str) -> Product | None:
    """The product stored under ``sku`` (case and spacing as the catalogue compares them)."""
    return ws.products.get(sku) if sku.strip() else None


def free_sku(ws: Workspace, sku: str) -> str:
    """``sku`` if no product has it, else the first of ``sku-2``, ``sku-3``... that is free."""
    n, candidate = 1, sku
    while ws.products.get(candidate) is not None:
        n += 1
        suffix = f"-{n}"
        candidate = sku[: 64 - len(suffix)] + suffix
    return candidate


def save_item_as_product(ws: Workspace, item: Item, sku: str = "") -> Product:
    """Keep an item's customs facts as a product of the catalogue: the description, the net
    weight of one unit (the item's weight divided by its quantity), the HS code and the
    origin. ``sku`` defaults to the description's words joined by hyphens (``product_sku``); a
    product with the same SKU is replaced, so the desk asks first (``stored_product``,
    ``free_sku``). An item without a description is an InputError naming the field."""
    from shipdesk.core.errors import InputError
    from shipdesk.core.exchange.cells import kg_text
    from shipdesk.core.hscode import clean
    from shipdesk.core.i18n import _
    from shipdesk.core.storage.products import Product as _Product

    description = item.description.strip()
    if not description:
        raise InputError(
            _("An item needs a description to be saved as a product."), location="description"
        )
    net, qty = item.net_weight_dec, item.quantity_dec or Decimal(1)
    unit = kg_text(net / qty, "kg") if net is not None and qty > 0 else ""
    product = _Product(
        sku=product_sku(item, sku),
        name=description,
        description=description,
        net_weight_kg=unit,
        hs_code=clean(item.hs_code),
        origin_country=item.origin_country.strip().upper(),
    )
    ws.products.save([product])
    return product


# -- the batch ----------------------------------------------------------------------------------
def batch_checks(ws: Workspace, operator: str | None = None) -> Checks:
    """The judges a batch uses, bound to this workspace (catalogue, profile, rates)."""
    from shipdesk.core.exchange.batch import Checks

    prof = declarations.profile(ws, operator)
    return Checks(
        confirmed=lambda description: classification.confirmed(ws, description),
        suggest=lambda description, top: classification.suggest(ws, description, top),
        screen=lambda decl, channel: declarations.screen(ws, decl, channel),
        validate=lambda decl: declarations.validate(ws, decl, prof.id),
        render=lambda decl: declarations.render(ws, decl, form="auto", operator=prof.id),
    )


def encoding_name(encoding: str) -> str:
    """The text encoding a CSV file was read in, in words ("" for a workbook)."""
    from shipdesk.core.exchange.csv_sheets import ENCODING_NAMES

    return ENCODING_NAMES.get(encoding, encoding)


def summary_lines(summary: BatchSummary, max_rows: int = 50, lang: str | None = None) -> list[str]:
    """The batch summary in words: counts, notes and (up to ``max_rows``) indented rows, in
    ``lang`` (None: the interface language; the ``import`` command asks for English)."""
    from shipdesk.core.exchange.batch_summary import summary_lines as _lines

    return _lines(summary, max_rows, lang or language())


def write_rejected(result: ImportResult, path: str | Path) -> Path:
    """Write the rows an import rejected (.csv or .xlsx, with a problem column) to fix and
    import again; the problems in the interface language, like ``declarations.screen``."""
    return result.write_rejected(path, language())


def run_batch(
    ws: Workspace,
    source: ImportResult | Sequence[Declaration],
    options: ImportOptions,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> BatchSummary:
    """Check every declaration and write its file (and PDF) into ``options.out_dir``."""
    from shipdesk.core.exchange.batch import run_batch as _run_batch
    from shipdesk.core.exchange.import_result import ImportResult as _ImportResult

    what = source if isinstance(source, _ImportResult) else list(source)
    return _run_batch(
        what,
        options.out_dir,
        checks=batch_checks(ws, options.operator),
        render_pdf=options.render_pdf,
        progress=progress,
        cancel=cancel,
        channel=options.channel or ws.settings.channel or "post",
        suggest_hs=options.suggest_hs,
        rejected_name=options.rejected_name,
        rejected_lang=options.rejected_lang,
    )


def run_import(
    ws: Workspace,
    path: str | Path,
    mapping: ColumnMapping | None,
    options: ImportOptions,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
) -> ImportOutcome:
    """Read the orders in ``path`` and run the batch over them.

    ``mapping`` None: detected from the headers. ``progress`` receives (percent, 100, message):
    the first :data:`READ_SHARE` percent for reading, the rest for the batch.
    """
    from shipdesk.core.exchange.orders import import_orders

    allowance = packaging(ws, options.packaging_kg)
    sender = options.sender if options.sender is not None else declarations.default_sender(ws)
    index = product_index(ws) if options.use_products else None

    # the steps are told in the interface language (English on the command line)
    def read_progress(done: int, total: int, msg: str) -> None:
        if progress is not None:
            progress(int(READ_SHARE * done / total) if total else 0, 100, tell(msg))

    def batch_progress(done: int, total: int, msg: str) -> None:
        if progress is not None:
            share = 100 - READ_SHARE
            progress(READ_SHARE + (int(share * done / total) if total else share), 100, tell(msg))

    result = import_orders(
        path,
        mapping,
        progress=read_progress,
        cancel=cancel,
        sender=sender,
        sheet=options.sheet,
        products=index,
        packaging_kg=allowance,
    )
    summary = run_batch(ws, result, options, batch_progress, cancel)
    return ImportOutcome(result, summary)
