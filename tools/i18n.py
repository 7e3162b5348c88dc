"""Message catalogue upkeep: extract ``_()`` texts into resources/locale/shipdesk.pot and
merge them into every ``<lang>.po`` (new texts arrive untranslated, removed ones go obsolete).

    python tools/i18n.py          # extract + update
    python tools/i18n.py --check  # exit 1 if a .po lacks a text of the code (CI-friendly)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "resources" / "locale"


def extract() -> Catalog:
    cat = Catalog(project="ShipDesk", msgid_bugs_address="", charset="utf-8")
    method_map = [("shipdesk/**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        ROOT, method_map=method_map, keywords={"_": None, "N_": None}
    ):
        cat.add(message, None, [(filename, lineno)], auto_comments=comments, context=context)
    return cat


def _fields(text: str) -> set[str]:
    return set(re.findall(r"\{[a-z_]*\}", text))


def main() -> int:
    template = extract()
    check = "--check" in sys.argv
    missing = 0
    if not check:
        with (LOCALE / "shipdesk.pot").open("wb") as fh:
            write_po(fh, template, omit_header=False, sort_output=True, include_lineno=False)
    for po in sorted(LOCALE.glob("*.po")):
        with po.open("rb") as fh:
            cat = read_po(fh, locale=po.stem)
        if check:
            gaps = [m.id for m in template if m.id and not (cat.get(m.id) and cat.get(m.id).string)]
            missing += len(gaps)
            for g in gaps:
                print(f"{po.name}: untranslated: {g!r}")
            for m in cat:
                if m.id and m.string and _fields(m.id) != _fields(m.string):
                    missing += 1
                    print(f"{po.name}: placeholders differ: {m.id!r} -> {m.string!r}")
            continue
        cat.update(template, no_fuzzy_matching=True)
        with po.open("wb") as fh:
            write_po(fh, cat, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return 1 if missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
