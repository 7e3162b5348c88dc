"""Message catalogue upkeep for resources/locale/<lang>/LC_MESSAGES/shipdesk.po.

    python tools/i18n.py            # extract the texts of the code into shipdesk.pot and merge
                                    # them into every .po (new texts arrive untranslated,
                                    # removed ones are dropped)
    python tools/i18n.py init xx    # start a catalogue for language xx from the template
    python tools/i18n.py compile    # write shipdesk.mo beside every .po (what the app reads)
    python tools/i18n.py --check    # exit 1 if a .po lacks a text, a translation changes a
                                    # placeholder, or a .mo is older than its .po (CI-friendly)

The .mo files are committed, so a checkout runs without a build step; ``--check`` compares the
parsed catalogues (not bytes), so it does not care which Babel version wrote the file.
"""

from __future__ import annotations

import gettext
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"
DOMAIN = "shipdesk"
TEMPLATE = LOCALE / f"{DOMAIN}.pot"
# Languages that translate only some contexts (kept in step with core.i18n.DOCUMENT_ONLY_LANGUAGES;
# none at present: every catalogue translates every text).
PARTIAL: dict[str, set[str]] = {}

# The marker functions the code uses, with where their texts and contexts sit.
KEYWORDS: dict[str, Any] = {
    "_": None,
    "N_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "NC_": ((1, "c"), 2),
}
FIELD = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)?(![rsa])?(:[^{}]*)?\}")


def po_files() -> list[Path]:
    return sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


def lang_of(po: Path) -> str:
    return po.parent.parent.name


def read(po: Path) -> Catalog:
    with po.open("rb") as fh:
        return read_po(fh, locale=lang_of(po), domain=DOMAIN)


def extract() -> Catalog:
    cat = Catalog(project="ShipDesk", msgid_bugs_address="", charset="utf-8")
    method_map = [("shipdesk/**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT, method_map=method_map, keywords=KEYWORDS
    ):
        cat.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return cat


def update() -> None:
    template = extract()
    with TEMPLATE.open("wb") as fh:
        write_po(fh, template, omit_header=False, sort_output=True, include_lineno=False)
    for po in po_files():
        cat = read(po)
        cat.update(template, no_fuzzy_matching=True)
        with po.open("wb") as fh:
            write_po(fh, cat, sort_output=True, include_lineno=False, ignore_obsolete=True)


def init(lang: str) -> Path:
    """A new, empty catalogue for ``lang`` (run ``update`` first so the template is current)."""
    po = LOCALE / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if po.exists():
        raise SystemExit(f"{po} exists already")
    with TEMPLATE.open("rb") as fh:
        template = read_po(fh)
    cat = Catalog(locale=lang, domain=DOMAIN, project="ShipDesk", charset="utf-8")
    cat.update(template, no_fuzzy_matching=True)
    po.parent.mkdir(parents=True, exist_ok=True)
    with po.open("wb") as fh:
        write_po(fh, cat, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return po


def compile_all() -> None:
    for po in po_files():
        with po.with_suffix(".mo").open("wb") as fh:
            write_mo(fh, read(po), use_fuzzy=False)


# -- checks ------------------------------------------------------------------------------------
def _fields(text: str) -> set[str]:
    return {m.group(0) for m in FIELD.finditer(text)}


def _strings(value: str | tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def _translated(msg: Any) -> bool:
    return bool(msg is not None and all(_strings(msg.string)) and not msg.fuzzy)


def untranslated(po: Path, template: Catalog) -> list[str]:
    """Texts of the code that ``po`` does not translate (for a partial language, only in its
    contexts)."""
    cat = read(po)
    contexts = PARTIAL.get(lang_of(po))
    gaps = []
    for m in template:
        if not m.id or (contexts is not None and m.context not in contexts):
            continue
        if not _translated(cat.get(m.id, context=m.context)):
            gaps.append(f"{m.context + ': ' if m.context else ''}{m.id!r}")
    return gaps


def placeholder_mismatches(po: Path) -> list[str]:
    """Translations whose ``{fields}`` differ from the English text (the app fills them in by
    name, so a changed or missing field shows as a raw brace or loses a value)."""
    out = []
    for m in read(po):
        if not m.id or not m.string:
            continue
        ids = _strings(m.id)
        for i, s in enumerate(_strings(m.string)):
            if s and _fields(s) != _fields(ids[min(i, len(ids) - 1)]):
                out.append(f"{m.id!r} -> {s!r}")
    return out


def po_entries(cat: Catalog) -> dict[Any, str]:
    """What a .mo compiled from ``cat`` holds, keyed as ``gettext`` keys its catalogue
    (``ctx\\x04id``; ``(id, n)`` for plural forms); same selection rules as Babel's writer."""
    out: dict[Any, str] = {}
    for m in list(cat)[1:]:
        if not m.string or m.fuzzy:
            continue
        ids = _strings(m.id)
        key = f"{m.context}\x04{ids[0]}" if m.context else ids[0]
        if m.pluralizable:
            for i, s in enumerate(_strings(m.string)):
                out[(key, i)] = s or ids[min(i, 1)]
        else:
            out[key] = str(m.string)
    return out


def mo_entries(mo: Path) -> tuple[dict[Any, str], str]:
    """The messages of a compiled catalogue (header left out) and its Plural-Forms rule."""
    with mo.open("rb") as fh:
        tr = gettext.GNUTranslations(fh)
    entries = dict(tr._catalog)  # type: ignore[attr-defined]  # the parsed table itself
    entries.pop("", None)
    return entries, tr.info().get("plural-forms", "")


def _norm(rule: str) -> str:
    return re.sub(r"\s+", "", rule).rstrip(";")


def stale(po: Path) -> list[str]:
    """How the .mo beside ``po`` differs from it; empty when the .mo is up to date."""
    mo = po.with_suffix(".mo")
    if not mo.is_file():
        return [f"{mo.name} is missing"]
    cat = read(po)
    want = po_entries(cat)
    have, rule = mo_entries(mo)
    out = []
    if _norm(rule) != _norm(cat.plural_forms):
        out.append(f"plural rule {rule!r}, the .po says {cat.plural_forms!r}")
    for key in sorted(want.keys() | have.keys(), key=repr):
        if want.get(key) != have.get(key):
            out.append(f"{key!r}: .po {want.get(key)!r}, .mo {have.get(key)!r}")
    return out


def _issues() -> Iterator[str]:
    template = extract()
    for po in po_files():
        name = po.relative_to(LOCALE)
        for g in untranslated(po, template):
            yield f"{name}: untranslated: {g}"
        for p in placeholder_mismatches(po):
            yield f"{name}: placeholders differ: {p}"
        if stale(po):
            yield f"{name}: the .mo is out of date (run: python tools/i18n.py compile)"
    for mo in sorted(LOCALE.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")):
        if not mo.with_suffix(".po").is_file():
            yield f"{mo.relative_to(LOCALE)}: no .po beside it"


def check() -> int:
    problems = list(_issues())
    for p in problems:
        print(p)
    return 1 if problems else 0


def main(argv: list[str]) -> int:
    if "--check" in argv or "check" in argv:
        return check()
    if argv[:1] == ["init"] and len(argv) == 2:
        print(init(argv[1]))
        return 0
    if "compile" in argv:
        compile_all()
        return 0
    update()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
