"""The ``*.shipdesk.json`` declaration file (CONTRACT section 2): load, save, dict conversion.

Round trip: every known key is read into the model and written back in the contract's order;
unknown keys (top level, in parties and in items) are kept and written back after the known
ones. Amounts keep their text; a number in the file is written back as the same number.
Structural errors (not JSON, not an object, a key given twice in one object, wrong ``format``, a
list where text belongs) raise ``InputError`` naming the file and the line/column or the field
path. Text is written back exactly as typed: a quantity in digits other than 0-9 ("٣") stays that
text, it is never turned into a number.
"""

from __future__ import annotations

import json
import json.decoder
import json.scanner
import os
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

from shipdesk.core.errors import InputError
from shipdesk.core.fileio import atomic_write_text
from shipdesk.core.i18n import N_, Phrase
from shipdesk.core.input_files import check_file_size
from shipdesk.core.model import (
    DECLARATION_FIELDS,
    FORMAT_FAMILY,
    FORMAT_ID,
    FORMAT_VERSION,
    ITEM_FIELDS,
    PARTY_FIELDS,
    Declaration,
    Item,
    Party,
    amount_text,
)

AMOUNT_FIELDS_DECL = ("gross_weight_kg", "postal_charges")
AMOUNT_FIELDS_ITEM = ("quantity", "net_weight_kg", "value")
LIST_FIELDS = ("licence_numbers", "certificate_numbers")


class _Number(str):
    """Text of a JSON number, remembered so it is written back as a number."""


def _parse_number(text: str) -> _Number:
    return _Number(text)


def _text(value: Any, path: str, source: str | None) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, bool):
        raise InputError(
            Phrase(N_("expected text, found true/false")), source=source, location=path
        )
    if isinstance(value, int | float | Decimal):
        return amount_text(value)
    found = (
        Phrase(N_("expected text, found a list"))
        if isinstance(value, list)
        else Phrase(N_("expected text, found an object"))
    )
    raise InputError(found, source=source, location=path)


def _amount(value: Any, path: str, source: str | None) -> str:
    if isinstance(value, _Number):
        return _Number(value)
    return _text(value, path, source)


def _party_from(data: Any, path: str, source: str | None) -> Party:
    if data is None:
        return Party()
    if not isinstance(data, dict):
        raise InputError(
            Phrase(N_("expected an object with the address fields")), source=source, location=path
        )
    kwargs = {f: _text(data.get(f), f"{path}.{f}", source) for f in PARTY_FIELDS if f in data}
    extra = {k: v for k, v in data.items() if k not in PARTY_FIELDS}
    return Party(**kwargs, extra=extra)


def _item_from(data: Any, path: str, source: str | None) -> Item:
    if not isinstance(data, dict):
        raise InputError(
            Phrase(N_("expected an object describing one item")), source=source, location=path
        )
    kwargs: dict[str, Any] = {}
    for f in ITEM_FIELDS:
        if f in data:
            conv = _amount if f in AMOUNT_FIELDS_ITEM else _text
            kwargs[f] = conv(data[f], f"{path}.{f}", source)
    extra = {k: v for k, v in data.items() if k not in ITEM_FIELDS}
    return Item(**kwargs, extra=extra)


def check_format(value: Any, source: str | None = None) -> None:
    """Accept ``shipdesk.declaration/1``; refuse other families and newer versions clearly."""
    if not isinstance(value, str) or "/" not in value:
        raise InputError(
            Phrase(
                N_("'format' must be \"{expected}\", found {found}"),
                expected=FORMAT_ID,
                found=json.dumps(value),
            ),
            source=source,
            location="format",
        )
    family, _, version = value.partition("/")
    if family != FORMAT_FAMILY:
        raise InputError(
            Phrase(N_("not a ShipDesk declaration (format {found})"), found=json.dumps(value)),
            source=source,
            location="format",
        )
    if not version.isdigit():
        raise InputError(
            Phrase(N_("bad format version {version!r}"), version=version),
            source=source,
            location="format",
        )
    if int(version) > FORMAT_VERSION:
        raise InputError(
            Phrase(
                N_(
                    "written by a newer ShipDesk (format version {version}; this one reads "
                    "up to {supported})"
                ),
                version=version,
                supported=FORMAT_VERSION,
            ),
            source=source,
            location="format",
        )


def from_dict(data: Any, source: str | None = None) -> Declaration:
    """Build a Declaration from parsed JSON; raises InputError on structural problems."""
    if not isinstance(data, dict):
        raise InputError(Phrase(N_("the file must hold one JSON object")), source=source)
    if "format" not in data:
        raise InputError(
            Phrase(N_("missing 'format' (expected \"{expected}\")"), expected=FORMAT_ID),
            source=source,
        )
    check_format(data["format"], source)
    kwargs: dict[str, Any] = {"format": FORMAT_ID}
    for key in DECLARATION_FIELDS:
        if key == "format" or key not in data:
            continue
        value = data[key]
        if key in ("sender", "recipient"):
            kwargs[key] = _party_from(value, key, source)
        elif key == "items":
            if value is None:
                value = []
            if not isinstance(value, list):
                raise InputError(
                    Phrase(N_("expected a list of items")), source=source, location="items"
                )
            kwargs[key] = [_item_from(v, f"items[{i}]", source) for i, v in enumerate(value)]
        elif key in LIST_FIELDS:
            if value is None:
                value = []
            if isinstance(value, str):
                value = [value] if value.strip() else []
            if not isinstance(value, list):
                raise InputError(
                    Phrase(N_("expected a list of numbers")), source=source, location=key
                )
            kwargs[key] = [_text(v, f"{key}[{i}]", source) for i, v in enumerate(value)]
        elif key == "return_priority":
            if value is not None and not isinstance(value, bool):
                raise InputError(Phrase(N_("expected true or false")), source=source, location=key)
            kwargs[key] = value
        elif key in AMOUNT_FIELDS_DECL:
            kwargs[key] = _amount(value, key, source)
        else:
            kwargs[key] = _text(value, key, source)
    kwargs["extra"] = {k: v for k, v in data.items() if k not in DECLARATION_FIELDS}
    return Declaration(**kwargs)


def _out_amount(value: str) -> Any:
    if isinstance(value, _Number):
        return _RawNumber(value)
    return value


_MARK = "\ue000num:"


class _RawNumber(str):
    """Carries a number's original digits through json.dumps (replaced back in dumps())."""

    text: str

    def __new__(cls, text: str) -> _RawNumber:
        obj = super().__new__(cls, _MARK + text)
        obj.text = text
        return obj


def _party_to(p: Party) -> dict[str, Any]:
    out: dict[str, Any] = {f: getattr(p, f) for f in PARTY_FIELDS}
    out.update(_raw_tree(p.extra))
    return out


def _item_to(it: Item) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in ITEM_FIELDS:
        v = getattr(it, f)
        if f == "quantity" and not isinstance(v, _Number) and _ascii_whole(v):
            out[f] = int(v)
        else:
            out[f] = _out_amount(v) if f in AMOUNT_FIELDS_ITEM else v
    out.update(_raw_tree(it.extra))
    return out


def _ascii_whole(text: str) -> bool:
    """A whole number written plainly with 0-9, saved as a JSON number because it reads back
    as the same text; "٣", "３", "007", " 3 " or a number of more than 15 digits stay text."""
    return (
        text.isascii()
        and text.isdigit()
        and len(text) <= 15
        and (text == "0" or not text.startswith("0"))
    )


def to_dict(decl: Declaration) -> dict[str, Any]:
    """The declaration as a JSON-ready dict, keys in contract order then unknown keys."""
    out: dict[str, Any] = {}
    for key in DECLARATION_FIELDS:
        v = getattr(decl, key)
        if key in ("sender", "recipient"):
            out[key] = _party_to(v)
        elif key == "items":
            out[key] = [_item_to(it) for it in v]
        elif key in LIST_FIELDS:
            out[key] = list(v)
        elif key == "return_priority":
            if v is not None:
                out[key] = v
        elif key in AMOUNT_FIELDS_DECL:
            out[key] = _out_amount(v)
        else:
            out[key] = v
    out.update(_raw_tree(decl.extra))
    return out


def _plain(obj: Any) -> Any:
    """to_dict() with raw numbers turned into ordinary JSON values (for other serialisers)."""
    if isinstance(obj, _RawNumber | _Number):
        text = getattr(obj, "text", str(obj))
        return int(text) if text.lstrip("-").isdigit() else float(text)
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_plain(v) for v in obj]
    return obj


def to_plain_dict(decl: Declaration) -> dict[str, Any]:
    return _plain(to_dict(decl))


_RAW_RE = re.compile('"' + _MARK + r'(-?[0-9][0-9.eE+-]*)"')


_SURROGATE = re.compile("[\ud800-\udfff]")


def escape_surrogates(text: str) -> str:
    """JSON text with each unpaired surrogate (from a "\\ud800" escape read in, or a broken
    paste) written as its ``\\uXXXX`` escape, so the text can be written as UTF-8 and reads
    back the same. Surrogates only occur inside JSON strings, where the escape is valid."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps(decl: Declaration) -> str:
    """Serialise as the file format: UTF-8 JSON, two-space indent, trailing newline."""
    text = json.dumps(to_dict(decl), indent=2, ensure_ascii=False)
    return escape_surrogates(_RAW_RE.sub(lambda m: m.group(1), text)) + "\n"


class _DuplicateKey(ValueError):
    """A key given twice in one JSON object; ``first``/``second``: where each key starts (offsets
    in the text), -1 while unknown."""

    def __init__(self, key: str, first: int = -1, second: int = -1):
        super().__init__(key)
        self.key, self.first, self.second = key, first, second


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = dict(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return out


def _key_start(text: str, value_at: int) -> int:
    """Where the key of the value at ``value_at`` starts (its opening quote)."""
    i = value_at - 1
    while text[i] in " \t\r\n:":  # back over the colon and the blanks around it
        i -= 1
    j = i - 1  # text[i] is the key's closing quote: find the opening one, skipping \" escapes
    while True:
        j = text.rfind('"', 0, j + 1)
        backslashes = len(text[:j]) - len(text[:j].rstrip("\\"))
        if backslashes % 2 == 0:
            return j
        j -= 1


def _locate_duplicate(text: str) -> _DuplicateKey:
    """Parse ``text`` again with the pure-Python scanner, which lets each object note where its
    values start, to tell where the first duplicate key is (only run once one was found)."""

    def parse_object(
        s_and_end: tuple[str, int],
        strict: bool,
        scan_once: Any,
        object_hook: Any,
        object_pairs_hook: Any,
        memo: Any = None,
    ) -> tuple[dict[str, Any], int]:
        starts: list[int] = []

        def noting(s: str, idx: int) -> Any:
            starts.append(idx)
            return scan_once(s, idx)

        def check(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            seen: dict[str, int] = {}
            for (key, _value), at in zip(pairs, starts):
                if key in seen:
                    raise _DuplicateKey(key, _key_start(text, seen[key]), _key_start(text, at))
                seen[key] = at
            return dict(pairs)

        # JSONObject and py_make_scanner are the json module's pure-Python parser, not in
        # its type stubs
        return json.decoder.JSONObject(  # type: ignore[attr-defined]
            s_and_end, strict, noting, object_hook, check, memo
        )

    decoder = json.JSONDecoder(parse_float=_parse_number, parse_int=_parse_number)
    # the attributes py_make_scanner reads; the stubs do not declare them
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except _DuplicateKey as dup:
        return dup
    except (ValueError, RecursionError):
        pass
    return _DuplicateKey("")


def _line_col(text: str, at: int) -> tuple[int, int]:
    line = text.count("\n", 0, at) + 1
    return line, at - (text.rfind("\n", 0, at) + 1) + 1


def loads(text: str, source: str | None = None) -> Declaration:
    """Read a declaration from JSON text. A key given twice in one object is refused naming the
    key and its line: JSON itself would keep the last value and silently drop the first."""
    try:
        data = json.loads(
            text,
            parse_float=_parse_number,
            parse_int=_parse_number,
            object_pairs_hook=_unique_keys,
        )
    except json.JSONDecodeError as exc:
        raise InputError(
            Phrase(N_("not valid JSON: {error}"), error=exc.msg),
            source=source,
            location=f"{exc.lineno}:{exc.colno}",
        ) from None
    except RecursionError:
        raise InputError(
            Phrase(N_("nested more than {limit} levels deep"), limit=MAX_NESTING), source=source
        ) from None
    except _DuplicateKey as exc:
        found = _locate_duplicate(text)
        if found.key != exc.key or found.second < 0:  # nested too deeply to locate: name the key
            raise InputError(
                Phrase(N_('duplicate key "{key}": keep one of the two'), key=exc.key),
                source=source,
            ) from None
        line, col = _line_col(text, found.second)
        raise InputError(
            Phrase(
                N_('duplicate key "{key}" (first given on line {line}): keep one of the two'),
                key=exc.key,
                line=_line_col(text, found.first)[0],
            ),
            source=source,
            location=f"{line}:{col}",
        ) from None
    if _too_deep(data):
        raise InputError(
            Phrase(N_("nested more than {limit} levels deep"), limit=MAX_NESTING), source=source
        )
    return from_dict(data, source)


MAX_NESTING = 64
"""Levels of lists and objects a declaration file may nest (its own keys need 4; unknown keys
are kept, but every later step walks them, and Python's recursion ends near 1,000)."""


def _too_deep(data: Any) -> bool:
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_NESTING:
            return True
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values())
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node)
    return False


def _raw_tree(obj: Any) -> Any:
    """Unknown keys: numbers read from the file go back out with their original digits."""
    if isinstance(obj, _Number):
        return _RawNumber(obj)
    if isinstance(obj, dict):
        return {k: _raw_tree(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_raw_tree(v) for v in obj]
    return obj


MAX_DECLARATION_BYTES = 16 * 1024 * 1024
"""A 50-item declaration is about 11 KiB, so 16 MiB holds tens of thousands of items at the longest
texts allowed; a bigger file is refused before it is read into memory."""


def load_file(path: str | os.PathLike[str]) -> Declaration:
    p = Path(path)
    check_file_size(
        p,
        MAX_DECLARATION_BYTES,
        N_("the file is {size} MiB; a declaration file is at most {limit} MiB"),
    )
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(
            Phrase(N_("cannot read the file ({error})"), error=exc.strerror), source=str(p)
        ) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            Phrase(N_("not UTF-8 text (bad byte at offset {offset})"), offset=exc.start),
            source=str(p),
        ) from None
    return loads(text, source=str(p))


def save_file(path: str | os.PathLike[str], decl: Declaration) -> None:
    atomic_write_text(path, dumps(decl))
