"""Build resources/text/confusables_latin.tsv: letters of other scripts that look like a Latin one.

    python tools/build_confusables.py [--date YYYY-MM-DD]

The source is the Unicode confusables data (UTS #39, ``confusables.txt``) as packaged by
``confusable-homoglyphs`` (MIT; a development-time tool, not needed to run ShipDesk). Kept:
single letters of a script other than Latin that are listed as confusable with one ASCII letter
and that Unicode NFKC leaves alone (NFKC already turns full-width and mathematical letters into
ASCII). When a letter is confusable with several ASCII letters, the one of the same case wins
("Ѕ" reads as "S"); capital I and small l, one class in Unicode's data, follow the letter's
case ("І" CYRILLIC CAPITAL LETTER BYELORUSSIAN-UKRAINIAN I reads as "I"). The file is data
like any other under resources/: regenerate it when the package's Unicode data is updated, and
review the diff.
"""

from __future__ import annotations

import argparse
import json
import unicodedata
from datetime import date
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "resources" / "text" / "confusables_latin.tsv"
PACKAGE = "confusable-homoglyphs"


def _ascii_letter(ch: str) -> bool:
    return len(ch) == 1 and ch.isascii() and ch.isalpha()


def build(stamp: str) -> list[str]:
    import confusable_homoglyphs  # development-time only: the source of the table

    source = Path(confusable_homoglyphs.__file__).parent / "confusables.json"
    table: dict[str, list[dict[str, str]]] = json.loads(source.read_text(encoding="utf-8"))
    version = metadata.version(PACKAGE)
    rows: dict[str, tuple[str, str]] = {}
    for key, glyphs in table.items():
        pairs = [(key, g["c"]) for g in glyphs] + [(g["c"], key) for g in glyphs]
        for ch, other in pairs:
            if len(ch) != 1 or ch.isascii() or not _ascii_letter(other):
                continue
            if not unicodedata.category(ch).startswith("L"):
                continue
            name = unicodedata.name(ch, "")
            if not name or name.startswith("LATIN"):
                continue
            if unicodedata.normalize("NFKC", ch) != ch:
                continue
            if other in "Il":  # Unicode reads I as l: one class, kept in the letter's case
                other = "I" if ch.isupper() else "l"
            best = rows.get(ch)
            same_case = other.isupper() == ch.isupper()
            if best is None or (same_case and best[0].isupper() != ch.isupper()):
                rows[ch] = (other, name)
    lines = [
        "# Letters of other scripts that look like one Latin letter (Unicode UTS #39 confusables).",
        f"# Source: {PACKAGE} {version} (MIT), the Unicode confusables data it packages.",
        f"# Generated {stamp} by tools/build_confusables.py; do not edit by hand.",
        "# code point<TAB>letter<TAB>reads as<TAB>Unicode name",
    ]
    for ch in sorted(rows, key=ord):
        latin, name = rows[ch]
        lines.append(f"U+{ord(ch):04X}\t{ch}\t{latin}\t{name}")
    return lines


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--date", default=date.today().isoformat(), help="date written in the header")
    args = ap.parse_args()
    lines = build(args.date)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines) - 4} letters")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
