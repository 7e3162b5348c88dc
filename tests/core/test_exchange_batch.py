"""The batch: HS suggestions marked for confirmation, screening/validation outcomes, files."""

from __future__ import annotations

import dataclasses
import errno
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.exchange import batch
from shipdesk.core.exchange.batch import Checks, safe_stem
from shipdesk.core.exchange.batch_summary import BatchSummary, summary_lines
from shipdesk.core.exchange.orders import import_orders
from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.progress import CancelToken
from shipdesk.core.screening.matching import Finding
from shipdesk.core.screening.overrides import record_override
from shipdesk.core.services import Workspace, classification, imports

DATA = Path(__file__).resolve().parent.parent / "data" / "sheets"


@dataclass
class _Sugg:
    code: str
    description: str = "T-shirts, knitted, of cotton"
    score: float = 0.87
    source: str = "hs2022"


@dataclass
class _VResult:
    problems: list[dict[str, Any]] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(p["level"] == "error" for p in self.problems)

    def to_json(self) -> dict[str, Any]:
        return {"form": "cn22", "problems": self.problems}


@dataclass
class Fake:
    """Judges standing in for the real ones, counting the calls; the catalogue is real."""

    calls: dict[str, int]
    checks: Checks


@pytest.fixture
def fake_services(workspace: Workspace) -> Fake:
    calls = {"suggest": 0, "render": 0}

    def suggest(text: str, top: int = 5) -> list[_Sugg]:
        calls["suggest"] += 1
        return [_Sugg("610910")] if "shirt" in text.lower() else []

    def screen(decl: Declaration, channel: str = "post") -> list[Finding]:
        out = []
        for i, it in enumerate(decl.items):
            if "perfume" in it.description.lower():
                out.append(Finding("dg.perfume", "prohibited", "dangerous_goods",
                                   "Perfume is not accepted", "", item_index=i))  # fmt: skip
            if "phone" in it.description.lower():
                out.append(Finding("dg.battery", "restricted", "dangerous_goods",
                                   "Battery in equipment", "", item_index=i))  # fmt: skip
        return out

    def validate(decl: Declaration) -> _VResult:
        if not decl.recipient.country:
            return _VResult([{"level": "error", "field": "recipient.country",
                              "code": "required", "message": "required"}])  # fmt: skip
        return _VResult()

    def render(decl: Declaration) -> bytes:
        calls["render"] += 1
        if "crash" in decl.items[0].description:
            raise RuntimeError("renderer exploded")
        return b"%PDF-1.7 fake"

    checks = Checks(
        confirmed=lambda text: classification.confirmed(workspace, text),
        suggest=suggest,
        screen=screen,
        validate=validate,
        render=render,
    )
    return Fake(calls, checks)


def run_batch(source: Any, out: Path, checks: Checks, **kw: Any) -> BatchSummary:
    return batch.run_batch(source, out, checks=checks, **kw)


def _decl(order: str, desc: str, country: str = "US", hs: str = "") -> Declaration:
    d = Declaration(
        recipient=Party(name="R", country=country),
        sender=Party(name="S", country="DE"),
        items=[Item(description=desc, quantity="1", value="10.00", net_weight_kg="0.2",
                    hs_code=hs, origin_country="DE")],
    )  # fmt: skip
    d.extra["order_number"] = order
    return d


def test_outcomes_and_files(tmp_path: Path, fake_services: Fake) -> None:
    decls = [
        _decl("#1001", "Cotton T-shirt"),  # suggested code -> to check
        _decl("#1001", "Cotton T-shirt", hs="610910"),  # same name -> second file name
        _decl("1002", "Eau de parfum, perfume 50 ml", hs="330300"),  # prohibited -> blocked
        _decl("1003", "Mug", country="", hs="691200"),  # validation error -> blocked
        _decl("1004", "Mobile phone", hs="851713"),  # restricted -> to check
        _decl("1005", "crash test dummy", hs="950300"),  # renderer bug -> failed, batch goes on
        _decl("CON", "Mug", hs="691200"),  # reserved file name on Windows
    ]
    s = run_batch(decls, tmp_path / "out", fake_services.checks)
    st = {o.name + (f"/{i}" if o.name == "#1001" else ""): o.status
          for i, o in enumerate(s.outcomes)}  # fmt: skip
    assert st == {"#1001/0": "check", "#1001/1": "ok", "1002": "blocked", "1003": "blocked",
                  "1004": "check", "1005": "failed", "CON": "ok"}  # fmt: skip
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    assert names == [
        "1001-2.pdf", "1001-2.shipdesk.json", "1001.pdf", "1001.shipdesk.json",
        "1002.shipdesk.json", "1003.shipdesk.json", "1004.pdf", "1004.shipdesk.json",
        "1005.shipdesk.json", "declaration-CON.pdf", "declaration-CON.shipdesk.json",
    ]  # fmt: skip
    saved = json.loads((tmp_path / "out" / "1001.shipdesk.json").read_text("utf-8"))
    item = saved["items"][0]
    assert item["hs_code"] == "610910" and item["hs_suggested"] is True
    assert item["hs_suggestion"]["source"] == "hs2022"
    assert s.outcomes[0].suggested[0]["code"] == "610910"
    assert fake_services.calls["suggest"] == 1  # cached per description, items with codes skipped
    assert not s.all_clear
    text = "\n".join(summary_lines(s))
    assert "BLOCKED 1002: prohibited: Perfume is not accepted" in text
    assert "FAILED 1005: internal error (RuntimeError: renderer exploded)" in text
    assert "HS codes suggested (confirm before sending): 1" in text
    data = s.to_json()
    assert (data["declarations"], data["pdfs"], data["blocked"]) == (7, 4, 2)


def test_an_override_in_the_history_unblocks_a_prohibited_item(
    tmp_path: Path, fake_services: Fake
) -> None:
    perfume = _decl("1002", "Eau de parfum, perfume 50 ml", hs="330300")
    finding = fake_services.checks.screen(perfume, "post")[0]
    record_override(perfume, finding, "the carrier's dangerous-goods contract covers it")
    # the same rule overridden for item 0 does not cover the perfume at item 1
    mug_first = _decl("1003", "Mug", hs="691200")
    mug_first.items.append(Item(description="Perfume 50 ml", hs_code="330300"))
    record_override(mug_first, finding, "covered by the contract")
    s = run_batch([perfume, mug_first], tmp_path, fake_services.checks)
    assert [(o.name, o.status) for o in s.outcomes] == [("1002", "ok"), ("1003", "blocked")]
    assert (tmp_path / "1002.pdf").exists() and not (tmp_path / "1003.pdf").exists()
    assert "BLOCKED 1003: prohibited: Perfume is not accepted" in "\n".join(summary_lines(s))


def test_import_result_writes_rejected_rows(tmp_path: Path, fake_services: Fake) -> None:
    res = import_orders(DATA / "dirty_orders.xlsx", sender=Party(name="S", country="DE"))
    s = run_batch(res, tmp_path, fake_services.checks, render_pdf=False)
    assert s.rows_rejected == 3
    assert s.rejected_path == tmp_path / "rejected.csv" and s.rejected_path.exists()
    assert s.pdfs == 0 and s.made == 3
    assert "row 8, column 'Qty'" in "\n".join(summary_lines(s))
    german = summary_lines(s, lang="de")
    assert german[0].startswith("Erstellte Zollinhaltserklärungen: 3 in ")
    assert any(line.startswith("  Zeile 8, Spalte 'Qty': ") for line in german)
    # the rejected rows written by the batch stay English unless another language is asked for
    assert s.rejected_path.read_text("utf-8-sig").startswith("Row,")
    s = run_batch(res, tmp_path / "de", fake_services.checks, render_pdf=False, rejected_lang="de")
    assert s.rejected_path is not None
    assert s.rejected_path.read_text("utf-8-sig").startswith("Zeile,")


def test_cancel_stops_between_declarations(tmp_path: Path, fake_services: Fake) -> None:
    token = CancelToken()
    decls = [_decl(str(i), "Mug", hs="691200") for i in range(5)]

    def progress(done: int, total: int, msg: str) -> None:
        if done == 2:
            token.cancel()

    s = run_batch(decls, tmp_path, fake_services.checks, progress=progress, cancel=token)
    assert s.cancelled and len(s.outcomes) == 2 and not s.all_clear


def test_lookup_unavailable_is_a_note(tmp_path: Path, fake_services: Fake,
                                      monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    def broken(text: str, top: int = 5) -> list[Any]:
        raise ImportError("no tariff index")

    checks = dataclasses.replace(fake_services.checks, suggest=broken)
    s = run_batch([_decl("1", "Cotton T-shirt"), _decl("2", "Wool shirt")], tmp_path, checks)
    assert any("tariff lookup is unavailable" in n for n in s.notes)
    assert len(s.notes) == 1


def test_bad_output_folder(tmp_path: Path, fake_services: Fake) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(InputError, match="cannot create"):
        run_batch([_decl("1", "Mug")], blocker / "sub", fake_services.checks)


def test_safe_stem() -> None:
    assert safe_stem("#1001") == "1001"
    assert safe_stem("a/b\\c:d") == "a-b-c-d"
    assert safe_stem("Bestellung Nr. 5 (Müller)") == "Bestellung-Nr.-5-Muller"
    assert safe_stem("") == "declaration"
    assert safe_stem("../../etc/passwd") == "etc-passwd"


_DEVICES = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
            *(f"lpt{i}" for i in range(1, 10))}  # fmt: skip


@pytest.mark.parametrize(
    "name",
    ["CON", "con", "aux.1", "nul ", "NUL.", "com1.txt", "Lpt9.tar.gz", "prn ..", "a/b", "..", ".",
     " . ", "x" * 79 + ".y", "COM1" + " " * 90, "\u00b9com"],
)  # fmt: skip
def test_safe_stem_never_gives_a_windows_reserved_name(name: str) -> None:
    stem = safe_stem(name)
    for file in (stem, f"{stem}.json", f"{stem}.pdf"):
        assert file.split(".")[0].rstrip(" ").lower() not in _DEVICES, (name, stem)
    assert stem and stem not in (".", "..") and not stem.endswith((".", " ")), (name, stem)
    assert "/" not in stem and "\\" not in stem


def test_end_to_end_with_the_real_services(tmp_path: Path, workspace: Workspace) -> None:
    """The template sample through the real screening, validation and renderer."""
    res = import_orders(DATA / "shipdesk_template_filled.xlsx")
    s = imports.run_batch(workspace, res, imports.ImportOptions(tmp_path, operator="upu"))
    by = {o.name: o for o in s.outcomes}
    a = by["A-100"]
    assert a.status == "ok", a.reasons()
    assert a.pdf_path is not None and a.pdf_path.read_bytes().startswith(b"%PDF")
    assert a.form in ("cn22", "cn23")
    b = by["A-101"]  # no HS code in the sheet: suggested (or noted if the lookup is missing)
    assert b.status == "check"
    if b.suggested:
        saved = json.loads(b.json_path.read_text("utf-8"))  # type: ignore[union-attr]
        assert saved["items"][0]["hs_suggested"] is True
    else:
        assert any("tariff lookup" in n for n in s.notes)
    assert s.all_clear


def test_catalogue_code_used_first(
    tmp_path: Path, fake_services: Fake, workspace: Workspace
) -> None:
    classification.remember(workspace, "Ceramic coffee mug", "691200")
    decls = [_decl("1", "ceramic  coffee MUG"), _decl("2", "Cotton T-shirt")]
    s = run_batch(decls, tmp_path, fake_services.checks)
    first = s.outcomes[0].suggested[0]
    assert (first["code"], first["source"], first["score"]) == ("691200", "catalogue", 1.0)
    assert fake_services.calls["suggest"] == 1  # only the T-shirt went to the lookup
    saved = json.loads((tmp_path / "1.shipdesk.json").read_text("utf-8"))
    assert saved["items"][0]["hs_suggested"] is True  # still to be confirmed on this parcel


def test_empty_and_skipped_rows_are_reported(tmp_path: Path, fake_services: Fake) -> None:
    p = tmp_path / "x.csv"
    p.write_text("Order number,Item description,Line value\n", encoding="utf-8")
    s = run_batch(import_orders(p), tmp_path / "a", fake_services.checks)
    assert s.notes == [f"No order rows found below the header (row 1) of {p}"]
    res = import_orders(DATA / "ebay_orders.csv", sender=Party(name="S", country="DE"))
    summary = run_batch(res, tmp_path / "b", fake_services.checks, render_pdf=False)
    text = "\n".join(summary_lines(summary))
    assert "rows skipped (nothing in the mapped columns): 2" in text


def test_a_full_disk_behind_another_error_stops_the_batch(
    tmp_path: Path, fake_services: Fake
) -> None:
    """The renderer reports a full disk as its own error: still every order after it would fail."""

    def render(decl: Declaration) -> bytes:
        try:
            raise OSError(errno.ENOSPC, "No space left on device", "/tmp/font-cache")
        except OSError as exc:
            raise InputError("cannot cache the font") from exc

    checks = dataclasses.replace(fake_services.checks, render=render)
    decls = [_decl(str(i), "Mug", hs="691200") for i in range(4)]
    s = run_batch(decls, tmp_path, checks)
    assert [o.status for o in s.outcomes] == ["failed"]
    assert s.stopped == (
        "Stopped at order 0: No space left on device (/tmp/font-cache); "
        "orders not processed: 4 of 4"
    )
    assert not s.all_clear and s.to_json()["stopped"] == s.stopped
    lines = summary_lines(s)
    assert lines[1] == f"{s.stopped}. Fix the cause and run the same import again."
    assert summary_lines(s, lang="de")[1] == (
        "Angehalten bei Bestellung 0: No space left on device (/tmp/font-cache); nicht "
        "verarbeitete Bestellungen: 4 von 4. Beheben Sie die Ursache und starten Sie denselben "
        "Import erneut."
    )


def test_an_expected_error_fails_its_order_only(tmp_path: Path, fake_services: Fake) -> None:
    def render(decl: Declaration) -> bytes:
        if decl.extra["order_number"] == "1":
            raise InputError("a value cannot be printed", location="items[0].description")
        return b"%PDF-1.7 fake"

    checks = dataclasses.replace(fake_services.checks, render=render)
    s = run_batch([_decl(str(i), "Mug", hs="691200") for i in range(3)], tmp_path, checks)
    assert [o.status for o in s.outcomes] == ["ok", "failed", "ok"] and not s.stopped
    assert "FAILED 1: items[0].description: a value cannot be printed" in summary_lines(s)[1]


def test_a_rerun_removes_what_a_killed_batch_left(tmp_path: Path, fake_services: Fake) -> None:
    import os
    import time

    out = tmp_path / "out"
    out.mkdir()
    killed = out / ".1001.pdf.shipdesk-k1ll3d_b.tmp"  # a PDF write killed an hour ago
    running = out / ".1002.pdf.shipdesk-runn1ng.tmp"  # another batch writing right now
    theirs = out / ".report.pdf.abcdefgh.tmp"  # not ShipDesk's
    for p in (killed, running, theirs):
        p.write_bytes(b"%PDF half")
    hour_ago = time.time() - 3600
    for p in (killed, theirs):
        os.utime(p, (hour_ago, hour_ago))
    run_batch([], out, fake_services.checks, render_pdf=False)
    assert not killed.exists() and running.exists() and theirs.exists()


def test_a_rerun_removes_the_temporary_files_a_killed_run_left(
    tmp_path: Path, fake_services: Fake
) -> None:
    """kill -9 during a write leaves ``.<file>.shipdesk-<random>.tmp`` (a customer's PDF): the
    rerun writing that file removes it at once, however young; others are left alone."""
    out = tmp_path / "out"
    out.mkdir()
    killed = [out / ".1.pdf.shipdesk-k1ll3d.tmp", out / ".2.shipdesk.json.shipdesk-abc_12.tmp"]
    for path in killed:
        path.write_bytes(b"%PDF-1.7 half a PDF with an address")
    other = out / ".notes.txt.shipdesk-x1.tmp"  # a write of something else, maybe under way
    other.write_bytes(b"x")
    s = run_batch([_decl("1", "Mug", hs="691200"), _decl("2", "Mug", hs="691200")], out,
                  fake_services.checks)  # fmt: skip
    assert [o.status for o in s.outcomes] == ["ok", "ok"]
    assert sorted(p.name for p in out.iterdir()) == [
        ".notes.txt.shipdesk-x1.tmp", "1.pdf", "1.shipdesk.json", "2.pdf", "2.shipdesk.json",
    ]  # fmt: skip
