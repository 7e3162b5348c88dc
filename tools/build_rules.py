"""Validate the shipped rule files and refresh ``resources/rules/MANIFEST.json``.

Run after editing any file under ``resources/rules/``::

    python tools/build_rules.py          # validate and rewrite the manifest
    python tools/build_rules.py --check  # validate and fail if the manifest is stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from shipdesk.core.errors import DataError  # noqa: E402
from shipdesk.core.screening.bundle import MANIFEST, build_manifest, write_manifest  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--check", action="store_true", help="only verify that the manifest is current")
    args = ap.parse_args(argv)
    folder = ROOT / "resources" / "rules"
    try:
        if args.check:
            current = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
            if current != build_manifest(folder):
                print(f"{MANIFEST} is stale: run python tools/build_rules.py", file=sys.stderr)
                return 1
            print(f"{MANIFEST} is current")
            return 0
        path = write_manifest(folder)
    except (DataError, OSError, ValueError) as exc:
        print(f"build_rules: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
