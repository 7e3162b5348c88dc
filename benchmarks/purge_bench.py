"""Cost of forgetting a customer: Next customer, and the tidy-up at start and at quit.

A fresh ShipDesk home is filled as a busy counter day leaves it: ``--drafts`` drafts (each saved
``--saves`` times, as autosave does while typing), ``--addresses`` remembered addresses,
``--backups`` daily backups (SQLite online backup copies, as the start-up takes them), a
preview PDF and ``--temp`` unrelated files in the temporary folder. It reports, median of
``--runs``:
- next customer: ``records.next_customer`` (draft, unsaved addresses, previews, left-over
  temporary files, WAL checkpoint, every backup forgetting the customer);
- start: ``records.tidy_at_start`` (what the app adds to its start-up);
- quit: ``records.tidy_at_quit``;
and the size of the database, its write-ahead log and the backups before and after.

    python benchmarks/purge_bench.py [--runs 5] [--drafts 100] [--backups 7]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _fill(home: Path, args: argparse.Namespace) -> tuple[object, str]:
    os.environ["SHIPDESK_HOME"] = str(home)
    tmp = home / "tmp"
    tmp.mkdir()
    tempfile.tempdir = str(tmp)
    for i in range(args.temp):
        (tmp / f"other-{i}.txt").write_bytes(b"x")
    from shipdesk.core.model import Declaration, Item, Party
    from shipdesk.core.paths import folders
    from shipdesk.core.services import declarations, open_workspace, records

    ws = open_workspace(folders())
    last = ""
    for d in range(args.drafts):
        draft = declarations.new_draft_id(ws)
        decl = Declaration(
            sender=Party(name=f"Customer {d}", street=f"{d} Long Street", country="DE"),
            recipient=Party(name=f"Recipient {d}", city="Boston", country="US"),
            items=[Item(description="Smartphone", quantity="1", value="100")] * 3,
        )
        for s in range(args.saves):
            decl.items[0].value = str(100 + s)
            declarations.save_draft(ws, draft, decl)
        if d < args.addresses:
            records.remember_address(ws, "recipient", decl.recipient)
        last = draft
    folder = records.backups_folder(ws)
    folder.mkdir(parents=True, exist_ok=True)
    for b in range(args.backups):
        dest = sqlite3.connect(folder / f"shipdesk-2026120{b}-080000.sqlite3")
        ws.db.connection().backup(dest)  # type: ignore[attr-defined]
        dest.execute("PRAGMA journal_mode=DELETE")
        dest.close()
    preview = records.preview_folder(ws)
    preview.mkdir(parents=True, exist_ok=True)
    (preview / "shipdesk-1.pdf").write_bytes(b"%PDF-1.4" + b"x" * 50_000)
    return ws, last


def _sizes(ws: object) -> tuple[int, int, int]:
    from shipdesk.core.services import records

    db = ws.db.path  # type: ignore[attr-defined]
    wal = Path(f"{db}-wal")
    backups = sum(p.stat().st_size for p in records.backups_folder(ws).glob("*.sqlite3"))  # type: ignore[arg-type]
    return db.stat().st_size, wal.stat().st_size if wal.exists() else 0, backups


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--drafts", type=int, default=100)
    ap.add_argument("--saves", type=int, default=10)
    ap.add_argument("--addresses", type=int, default=100)
    ap.add_argument("--backups", type=int, default=7)
    ap.add_argument("--temp", type=int, default=2000)
    args = ap.parse_args()
    from shipdesk.core.services import records

    times: dict[str, list[float]] = {"next customer": [], "start": [], "quit": []}
    before = after = (0, 0, 0)
    base = Path(tempfile.mkdtemp(prefix="shipdesk-purge-bench-"))
    for run in range(args.runs):
        tempfile.tempdir = None
        home = base / f"run{run}"
        home.mkdir()
        ws, draft = _fill(home, args)
        before = _sizes(ws)
        t0 = time.perf_counter()
        records.next_customer(ws, draft)  # type: ignore[arg-type]
        times["next customer"].append(time.perf_counter() - t0)
        after = _sizes(ws)
        t0 = time.perf_counter()
        records.tidy_at_start(ws)  # type: ignore[arg-type]
        times["start"].append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        records.tidy_at_quit(ws)  # type: ignore[arg-type]
        times["quit"].append(time.perf_counter() - t0)
        ws.close()  # type: ignore[attr-defined]
    tempfile.tempdir = None
    shutil.rmtree(base, ignore_errors=True)
    print(
        f"{args.drafts} drafts x {args.saves} saves, {args.addresses} addresses, "
        f"{args.backups} backups, {args.temp} files in TMPDIR; median of {args.runs} runs"
    )
    for name, ts in times.items():
        print(f"{name:14s} {statistics.median(ts) * 1000:8.1f} ms")
    kb = [round(x / 1024) for x in (*before, *after)]
    print(f"database / WAL / backups before: {kb[0]} / {kb[1]} / {kb[2]} KB")
    print(f"database / WAL / backups after:  {kb[3]} / {kb[4]} / {kb[5]} KB")


if __name__ == "__main__":
    main()
