"""Write the tariff vocabulary of an earlier revision into a folder, for
``tariff_bench.py --vocabulary-dir``: how the lookup reads goods its vocabulary did not name yet.

The vocabulary data as compiled at revision REV (``vocabulary.csv``, ``glossary.csv``, the int8
term embeddings ``vocab_i8.npy`` with ``vocab_scale.npy``, the full-text index
``hs2022.sqlite`` whose ``vocab_fts`` table holds the terms, and ``manifest.json``) is taken
from git as ``tools/build_tariff.py`` wrote it then; nothing is encoded again. The revision's
term embeddings are used only when its model is the one shipped now (the manifest's
``model.fp16_sha256``), so that they sit in the same space as the queries; otherwise the
folder is refused. The folder must lie outside the repository.

Usage: python benchmarks/vocabulary_at.py REV DIR
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARIFF = "resources/tariff"
# the files of the vocabulary data; the rest of resources/tariff stays as it is now
VOCABULARY_FILES = (
    "vocabulary.csv",
    "glossary.csv",
    "vocab_i8.npy",
    "vocab_scale.npy",
    "hs2022.sqlite",
    "manifest.json",
)


def git_file(rev: str, name: str) -> bytes:
    return subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:{TARIFF}/{name}"],
        check=True,
        capture_output=True,
    ).stdout


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("rev", help="a git revision (e.g. 8c9ab9a)")
    ap.add_argument("dir", type=Path, help="the folder to write (outside the repository)")
    args = ap.parse_args()
    out = args.dir.resolve()
    if out == ROOT or ROOT in out.parents:
        print(f"{out}: write the old vocabulary outside the repository", file=sys.stderr)
        return 2
    try:
        data = {name: git_file(args.rev, name) for name in VOCABULARY_FILES}
    except subprocess.CalledProcessError as exc:
        print(f"{args.rev}: {exc.stderr.decode(errors='replace').strip()}", file=sys.stderr)
        return 2
    old = json.loads(data["manifest.json"])
    now = json.loads((ROOT / TARIFF / "manifest.json").read_text(encoding="utf-8"))
    if old.get("model", {}).get("fp16_sha256") != now.get("model", {}).get("fp16_sha256"):
        print(f"{args.rev}: its term embeddings come from another model", file=sys.stderr)
        return 2
    for name, key in (("vocab_i8.npy", "sha256"), ("vocab_scale.npy", "scale_sha256")):
        want = old.get("embeddings", {}).get("vocab", {}).get(key)
        if want and hashlib.sha256(data[name]).hexdigest() != want:
            print(f"{args.rev}: {name} does not match its manifest", file=sys.stderr)
            return 2
    out.mkdir(parents=True, exist_ok=True)
    for name, blob in data.items():
        (out / name).write_bytes(blob)
    voc = old.get("vocabulary", {})
    print(
        f"{out}: vocabulary of {args.rev} ({voc.get('date', '?')}, {voc.get('terms', '?')} terms)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
