"""Property-based tests (hypothesis): the readers and checks that meet users' files and text.

Each property says what must hold for *any* input of its kind, not for a few chosen ones:

* the declaration reader returns a declaration or raises ``InputError`` (one line), nothing else;
  what it returns can be saved and read back unchanged, and what is saved keeps the text typed;
* validation never raises, whatever the declaration holds, and every problem is well formed;
* the CSV and xlsx readers return an import result or raise ``InputError``;
* the rule loader returns a rule set or raises ``DataError``.

The examples are drawn with a fixed seed in CI (profile "ci" in ``tests/conftest.py``); set
``HYPOTHESIS_PROFILE=long`` for a longer run with fresh seeds. Inputs that once broke a property
are kept with ``@example`` so they are tried on every run.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.exchange import declaration_json as dj
from shipdesk.core.model import (
    DECLARATION_FIELDS,
    ITEM_FIELDS,
    PARTY_FIELDS,
    Declaration,
    Item,
    Party,
)
from shipdesk.core.paths import resource
from shipdesk.core.validation import validate

# -- strategies ---------------------------------------------------------------------------------
scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=30)
)
json_values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
# text as it is typed or pasted: any character, including the unpaired surrogates a "\ud800"
# escape in a JSON file gives
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
number_like = st.sampled_from(
    ["", "0", "1", "2", "007", " 3 ", "12,5", "1e999999999", "1e-999999999", "٣", "۳", "３",
     "12٫5", "1000000000", "-1", "NaN", "Infinity", "1" * 5000, "0.0000000000001", "about 20"]
)  # fmt: skip
field_text = any_text | number_like


def _party_dicts() -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(
        st.sampled_from(PARTY_FIELDS) | st.text(max_size=6), json_values, max_size=5
    )


def _item_dicts() -> st.SearchStrategy[dict[str, Any]]:
    return st.dictionaries(
        st.sampled_from(ITEM_FIELDS) | st.text(max_size=6), json_values | number_like, max_size=7
    )


@st.composite
def declaration_dicts(draw: st.DrawFn) -> dict[str, Any]:
    """Objects shaped like a declaration file, every value possibly of the wrong kind."""
    keys = draw(st.lists(st.sampled_from(DECLARATION_FIELDS), max_size=8, unique=True))
    out: dict[str, Any] = {}
    if draw(st.integers(0, 9)):  # mostly the right format, so the reader goes past it
        out["format"] = "shipdesk.declaration/1"
    for key in keys:
        if key in ("sender", "recipient"):
            out[key] = draw(_party_dicts() | json_values)
        elif key == "items":
            out[key] = draw(st.lists(_item_dicts(), max_size=3) | json_values)
        else:
            out[key] = draw(json_values | number_like)
    out.update(draw(st.dictionaries(st.text(max_size=6), json_values, max_size=2)))
    return out


@st.composite
def declarations(draw: st.DrawFn) -> Declaration:
    """Declarations as the model holds them after typing: any text in any field."""

    def party() -> Party:
        return Party(
            **{
                f: draw(field_text)
                for f in draw(st.lists(st.sampled_from(PARTY_FIELDS), unique=True))
            }
        )

    items = [
        Item(
            **{
                f: draw(field_text)
                for f in draw(st.lists(st.sampled_from(ITEM_FIELDS), unique=True))
            }
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    text_fields = [
        f for f in DECLARATION_FIELDS
        if f not in ("format", "sender", "recipient", "items", "licence_numbers",
                     "certificate_numbers", "return_priority")
    ]  # fmt: skip
    kwargs: dict[str, Any] = {
        f: draw(
            field_text
            | st.sampled_from(["cn22", "cn23", "gift", "sale_of_goods", "EUR", "2026-11-27"])
        )
        for f in draw(st.lists(st.sampled_from(text_fields), unique=True))
    }
    return Declaration(
        sender=party(),
        recipient=party(),
        items=items,
        licence_numbers=draw(st.lists(field_text, max_size=2)),
        **kwargs,
    )


# -- the declaration reader ---------------------------------------------------------------------
def _load(text: str) -> Declaration | None:
    try:
        return dj.loads(text, source="d.shipdesk.json")
    except InputError as exc:
        assert "\n" not in str(exc) and str(exc).startswith("d.shipdesk.json:")
        return None


@given(st.text(st.characters(codec=None, exclude_categories=()), max_size=200))
def test_reader_any_text_is_a_declaration_or_one_line(text: str) -> None:
    _load(text)


@given(declaration_dicts(), st.booleans())
@example({"format": "shipdesk.declaration/1", "comments": "\ud800"}, True)
@example({"format": "shipdesk.declaration/1", "x": {"y": "\udfff"}}, True)
def test_reader_declaration_shaped_files(data: dict[str, Any], ascii_only: bool) -> None:
    decl = _load(json.dumps(data, ensure_ascii=ascii_only))
    if decl is not None:  # what was read can be saved and read back unchanged
        saved = dj.dumps(decl)
        saved.encode("utf-8")
        assert dj.loads(saved) == decl


@given(st.integers(1, 4000), st.sampled_from(["[", '{"a":']))
@example(1986, "[")
@example(65, "[")
def test_reader_deep_nesting_is_one_line(depth: int, opener: str) -> None:
    closer = "]" if opener == "[" else "}"
    _load(
        '{"format": "shipdesk.declaration/1", "x": ' + opener * depth + "1" + closer * depth + "}"
    )


@given(declaration_dicts(), st.integers(0, 100))
@example({"\x1f": None, "format": "shipdesk.declaration/1"}, 0)
def test_reader_refuses_any_duplicate_key(data: dict[str, Any], pick: int) -> None:
    key = sorted(data)[pick % len(data)] if data else "format"
    body = json.dumps(data)[1:] if data else "}"
    text = "{" + json.dumps(key) + ": 1" + (", " if data else "") + body
    if data:
        with pytest.raises(InputError, match="duplicate key"):
            dj.loads(text)


@given(declarations())
@example(Declaration(items=[Item(quantity="007")]))
@example(Declaration(items=[Item(quantity=" 3 ")]))
@example(Declaration(items=[Item(quantity="1" * 5000)]))
@example(Declaration(items=[Item(quantity="٣")]))
@example(Declaration(comments="\ud800", items=[Item(description="a\udfffb")]))
def test_save_and_load_keep_the_text_typed(decl: Declaration) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.shipdesk.json"
        dj.save_file(path, decl)
        assert dj.load_file(path) == decl
        raw = json.loads(path.read_bytes().decode("utf-8"))
    for i, item in enumerate(decl.items):  # the file holds the text typed, not a rewriting
        assert str(raw["items"][i]["quantity"]) == item.quantity
    assert raw["comments"] == decl.comments


# -- validation ---------------------------------------------------------------------------------
OPERATORS = ["upu", "usps", "royal_mail", "deutsche_post", "japan_post"]


@given(declarations(), st.sampled_from(OPERATORS), st.sampled_from(["en", "de", "fr"]))
def test_validation_never_raises_and_every_problem_is_well_formed(
    decl: Declaration, operator: str, lang: str
) -> None:
    result = validate(decl, operator=operator, lang=lang)
    assert result.form in ("cn22", "cn23")
    for p in result.problems:
        assert p.level in ("error", "warning")
        assert p.field and p.code and p.message.strip()
    json.dumps(result.to_json())


# -- the spreadsheet readers --------------------------------------------------------------------
def _import(path: Path) -> None:
    from shipdesk.core.exchange.orders import import_orders

    try:
        res = import_orders(path)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    orders = {r for o in res.orders for r in o.rows}
    rejected = {r.row for r in res.rejected}
    assert not orders & rejected  # a row is made into an order or rejected, never both
    for r in res.rejected:
        assert r.problems


TEMPLATE_HEADERS = [
    "Order number", "Recipient name", "Recipient country", "Item description", "Quantity",
    "Line value", "Net weight", "HS code", "Currency", "Weight unit",
]  # fmt: skip
cells = st.text(st.characters(codec="utf-8"), max_size=12) | st.sampled_from(
    ["", "1", "2,5", "1.234,5", "€12", "(3)", "1e9", "٣", "=1+1", "DE", "US", "kg", "g", "610910"]
)


@given(st.binary(max_size=400), st.sampled_from([".csv", ".tsv", ".txt", ".xlsx"]))
def test_any_bytes_are_imported_or_refused_in_one_line(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"orders{suffix}"
        path.write_bytes(data)
        _import(path)


@given(
    st.lists(st.sampled_from(TEMPLATE_HEADERS) | cells, min_size=1, max_size=8),
    st.lists(st.lists(cells, max_size=9), max_size=6),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]),
)
def test_csv_tables_are_imported_or_refused_in_one_line(
    headers: list[str], rows: list[list[str]], delimiter: str, encoding: str
) -> None:
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter)
    w.writerow(headers)
    w.writerows(rows)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders.csv"
        try:
            path.write_bytes(buf.getvalue().encode(encoding))
        except UnicodeEncodeError:
            return
        _import(path)


xlsx_cells = (
    cells | st.integers(-(10**20), 10**20) | st.floats(allow_nan=False) | st.booleans() | st.none()
)


@given(
    st.lists(st.sampled_from(TEMPLATE_HEADERS) | cells, min_size=1, max_size=8),
    st.lists(st.lists(xlsx_cells, max_size=9), max_size=5),
)
def test_xlsx_tables_are_imported_or_refused_in_one_line(
    headers: list[str], rows: list[list[object]]
) -> None:
    import openpyxl
    from openpyxl.utils.exceptions import IllegalCharacterError

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    try:
        ws.append(headers)
        for row in rows:
            ws.append(row)
    except IllegalCharacterError:
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "orders.xlsx"
        wb.save(path)
        _import(path)


# -- the rule loader ----------------------------------------------------------------------------
def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float) and not isinstance(v, bool):
        return repr(v) if v == v and v not in (float("inf"), float("-inf")) else "nan"
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(x)}" for k, x in v.items()) + "}"
    return '""'  # None: TOML has no null


RULE = {
    "id": "T-1", "level": "prohibited", "category": "other", "title": "Test",
    "scope": {"destinations": ["ALL"]}, "message": {"en": "m", "fr": "m", "de": "m"},
    "advice": {"en": "a", "fr": "a", "de": "a"}, "legal_basis": "test",
    "match": [{"keywords": ["widget"], "exclude": []}], "valid_from": "2020-01-01",
    "review_by": "2030-01-01", "confidence": "confirmed",
}  # fmt: skip
"""A rule that compiles (checked below); the property changes its fields."""
toml_values = st.recursive(
    st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=12) | st.none(),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)


def _rule_file(rule: dict[str, Any]) -> bytes:
    head = 'schema = "restricted-rules/1"\nfile_version = "2026.1.0"\ndate = "2026-01-01"\n'
    body = "\n".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in rule.items())
    return (head + "[[rules]]\n" + body + "\n").encode("utf-8")


def _compile(rule_file: bytes) -> int | None:
    """How many rules the folder holds, or None when it is refused with a DataError."""
    from shipdesk.core.screening.rule_loader import compile_folder

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copy(resource("rules") / "groups.toml", folder / "groups.toml")
        (folder / "test.toml").write_bytes(rule_file)
        try:
            return len(compile_folder(folder, eager=True).rules)
        except DataError as exc:
            assert str(exc).startswith("invalid rule data: ") and "\n" not in str(exc)
            return None


def test_the_rule_the_property_changes_compiles() -> None:
    assert _compile(_rule_file(RULE)) == 1


@given(st.binary(max_size=300) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
@example(b"\xff\xfe schema")
def test_rule_loader_any_file_is_a_rule_set_or_a_data_error(data: bytes) -> None:
    _compile(data)


@given(
    st.dictionaries(st.sampled_from(sorted(RULE)) | st.text(max_size=8), toml_values, max_size=4)
)
def test_rule_loader_changed_rules_are_a_rule_set_or_a_data_error(change: dict[str, Any]) -> None:
    _compile(_rule_file({**RULE, **{k: v for k, v in change.items() if v is not None}}))
