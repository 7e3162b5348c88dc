"""Limits on the shape of structured input files: nesting depth and unpaired surrogates.

JSON (tariff lists, column mappings) and TOML (rule files, mappings) are parsed by recursive
code: a file nested a few hundred levels deep ends in ``RecursionError``, and one nested 60
levels is no real file of ours either. (Declaration files have the same limit, checked in
:mod:`shipdesk.core.exchange.declaration_json`, which keeps unpaired surrogates as typed.)
:func:`load_json` and :func:`load_toml` parse, turn a
``RecursionError`` into an :class:`~shipdesk.core.errors.InputError` naming the file and the
limit, and then walk the result without recursion (:func:`check_tree`), refusing anything nested
deeper than :data:`MAX_NESTING` levels or text holding a lone surrogate (JSON can spell one as
``"\\ud800"``; it is no character, and writing it out as UTF-8 fails half way through).
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from typing import Any

from shipdesk.core.errors import InputError
from shipdesk.core.i18n import N_, Phrase

MAX_NESTING = 64
"""Deepest nesting of lists and tables accepted in a JSON or TOML input file."""


def too_deep(source: str | None, location: str | None = None) -> InputError:
    return InputError(
        Phrase(N_("nested deeper than {limit} levels"), limit=MAX_NESTING),
        source=source,
        location=location,
    )


def _has_surrogate(text: str) -> bool:
    # encoding is done in C; only text that fails is searched character by character
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _path(parts: list[str]) -> str:
    return ".".join(parts)


def check_tree(obj: Any, source: str | None = None, limit: int = MAX_NESTING) -> None:
    """Refuse ``obj`` (parsed JSON or TOML) if nested deeper than ``limit`` or holding text
    (value or key) with a lone surrogate; the error names ``source`` and the field path."""
    stack: list[tuple[Any, int, list[str]]] = [(obj, 0, [])]
    while stack:
        node, depth, path = stack.pop()
        if isinstance(node, str):
            if _has_surrogate(node):
                raise InputError(
                    Phrase(
                        N_("the text holds a lone surrogate (\\ud800-\\udfff), not a character")
                    ),
                    source=source,
                    location=_path(path) or None,
                )
            continue
        if isinstance(node, dict):
            children: list[tuple[Any, list[str]]] = []
            for key, value in node.items():
                if isinstance(key, str) and _has_surrogate(key):
                    raise InputError(
                        Phrase(
                            N_("a key holds a lone surrogate (\\ud800-\\udfff), not a character")
                        ),
                        source=source,
                        location=_path(path) or None,
                    )
                children.append((value, [*path, str(key)]))
        elif isinstance(node, list | tuple):
            children = [(value, [*path, str(i)]) for i, value in enumerate(node)]
        else:
            continue
        if depth + 1 > limit:
            raise too_deep(source, _path(path) or None)
        stack.extend((child, depth + 1, child_path) for child, child_path in children)


def load_json(
    text: str | bytes,
    source: str | None = None,
    *,
    parse_float: Callable[[str], Any] | None = None,
    parse_int: Callable[[str], Any] | None = None,
    object_pairs_hook: Callable[[list[tuple[str, Any]]], Any] | None = None,
) -> Any:
    """``json.loads`` bounded: InputError (naming ``source``) for nesting deeper than
    :data:`MAX_NESTING` and lone surrogates; ``json.JSONDecodeError`` passes through."""
    try:
        data = json.loads(
            text,
            parse_float=parse_float,
            parse_int=parse_int,
            object_pairs_hook=object_pairs_hook,
        )
    except RecursionError:
        raise too_deep(source) from None
    check_tree(data, source)
    return data


def load_toml(text: str, source: str | None = None) -> dict[str, Any]:
    """``tomllib.loads`` bounded like :func:`load_json`; ``tomllib.TOMLDecodeError`` passes
    through."""
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise too_deep(source) from None
    check_tree(data, source)
    return data
