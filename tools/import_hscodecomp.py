"""Write benchmarks/data/hs_hscodecomp_set.csv from AIDC-AI HSCodeComp's test data.

HSCodeComp (GitHub AIDC-AI/Marco-Search-Agent, Marco-DeepResearch-Family/HSCodeComp,
Apache-2.0) holds 632 real e-commerce listings with the 10-digit US HTS code customs experts
gave each. ShipDesk uses it as an external evaluation set and nothing else: it never enters the
vocabulary, the example index or any tuning (docs/benchmarks.md, "External set: HSCodeComp").

    python tools/import_hscodecomp.py path/to/test_data.jsonl

The listing's title is the description (as a seller would type it, whitespace folded, cut at
the 200 characters of an item description); its attributes and categories are not used, except
the first-level category for the per-category figures. The first six digits of the HTS code
are the HS 2022 subheading.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "data" / "hs_hscodecomp_set.csv"
DESCRIPTION_LIMIT = 200


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[0], file=sys.stderr)
        print("usage: python tools/import_hscodecomp.py test_data.jsonl", file=sys.stderr)
        return 2
    rows = []
    with open(argv[0], encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            rec = json.loads(line)
            code = str(rec["hs_code"]).zfill(10)
            if not code.isdigit() or len(code) != 10:
                raise SystemExit(f"{argv[0]}:{n}: hs_code {rec['hs_code']!r} is not 10 digits")
            title = " ".join(str(rec["product_name"]).split())[:DESCRIPTION_LIMIT]
            rows.append(
                [
                    title,
                    code[:6],
                    rec.get("cate_lv1_desc") or "",
                    "hscodecomp",
                    f"HSCodeComp task {rec['task_id']} (US HTS {code})",
                    "en",
                    "listing",
                ]
            )
    with OUT.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["description", "hs6", "category", "split", "source", "lang", "pattern"])
        w.writerows(rows)
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
