"""The maintainer tool ``tools/build_examples.py``: how each source becomes rows of the example
index, what is held out and what is carried over from an earlier table."""

from __future__ import annotations

import csv
import gzip
import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from shipdesk.core.tariff.examples import COLUMNS

ROOT = Path(__file__).resolve().parents[2]
HS = {"392410", "401699", "030781", "610910", "010121", "010190", "851713", "620463"}


@pytest.fixture(scope="module")
def tool():
    spec = importlib.util.spec_from_file_location(
        "build_examples", ROOT / "tools" / "build_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HTS_CSV = """\ufeffHTS Number,Indent,Description,Unit of Quantity,General Rate of Duty
"0101","0","Live horses, asses, mules and hinnies:","",""
"","1","Horses:","",""
"0101.21.00","2","Purebred breeding animals","","Free"
"0101.21.00.10","3","Males","[""No.""]",""
"0101.90","1","Other:","",""
"0101.90.40.00","2","Other","[""No.""]","4.5%"
"6109","0","T-shirts, singlets, tank tops and similar garments, knitted or crocheted:","",""
"6109.10.00","1","Of cotton","","16.5%"
"","2","Men's or boys':","",""
"6109.10.00.12","3","Other T-shirts: Men's (352)","[""doz."",""kg""]",""
"8517","0","Telephone sets, including smartphones:","",""
"8517.13.00.00","1","Smartphones","[""No.""]","Free"
"9903.01.01","0","Articles the product of ...","",""
"9903.01.01.10","1","Special line","",""
"""


def test_a_statistical_line_reads_with_its_heading_and_the_levels_above_it(tool, tmp_path):
    path = tmp_path / "hts.csv"
    path.write_text(HTS_CSV, encoding="utf-8")
    counts: Counter[str] = Counter()
    rows = list(tool.read_hts(path, "US HTS 2026", "HTS 2026 Revision 4", "2026-04-20", HS, counts))
    got = {r["ruling"]: r["text"] for r in rows}
    assert got == {
        "0101.21.00.10": "Live horses: Horses: Purebred breeding animals: Males",
        "0101.90.40.00": "Live horses: other",  # the "Other" levels say nothing
        "6109.10.00.12": "T-shirts: Of cotton: Men's or boys': Other T-shirts: Men's",
        "8517.13.00.00": "Telephone sets: Smartphones",
    }
    assert {r["kind"] for r in rows} == {"tariff_line"}
    assert {r["code"] for r in rows} == {"010121", "010190", "610910", "851713"}
    assert rows[0]["original_code"] == "0101210010" and rows[0]["edition"] == "HTS 2026 Revision 4"
    assert counts["US HTS 2026 dropped: chapter 98/99 (not HS)"] == 1


def test_hmrc_references_and_parcel_lines_keep_codes_of_hs2022_with_goods_words(tool, tmp_path):
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps({"abalone": "0307810000", "£5": "4907003000"}), encoding="utf-8")
    parcels = tmp_path / "parcels.csv"
    parcels.write_text(
        "Goods Description,Commodity Code\n"
        "mug,62120021\n"  # a code that is no HS 2022 subheading here: dropped
        "zw collection balloon trousers,62046318\n"
        "sanex_roll_on,sensitive2\n",
        encoding="utf-8",
    )
    counts: Counter[str] = Counter()
    got = list(tool.read_hmrc_references(refs, "2026-03-10", HS, counts))
    got += tool.read_hmrc_parcels(parcels, "2026-05-06", HS, counts)
    assert [(r["text"], r["code"], r["ruling"]) for r in got] == [
        ("abalone", "030781", "search reference"),
        ("zw collection balloon trousers", "620463", "parcel line"),
    ]
    assert all(r["kind"] == "reference" and r["authority"] == "HMRC" for r in got)
    assert counts["HMRC parcel lines dropped: not an 8- or 10-digit HS 2022 code"] == 2


def test_an_advance_tariff_ruling_reads_as_the_first_sentence_of_its_goods(tool, tmp_path):
    path = tmp_path / "atar.json"
    ruling = {
        "ref": "600014923",
        "commodity_code": "3924100090",
        "description": "A plastic mug made from ABS plastic, which is pink and red in colour. "
        "It has inscriptions on it.",
        "start_date": "24 Apr 2026",
    }
    path.write_text(json.dumps({"drafts": [{"ruling": ruling}]}), encoding="utf-8")
    (r,) = tool.read_atar(path, HS, Counter())
    assert (r["authority"], r["ruling"], r["date"], r["code"], r["kind"]) == (
        "HMRC", "600014923", "2026-04-24", "392410", "ruling",
    )  # fmt: skip
    assert r["text"] == "plastic mug made from ABS plastic, which is pink and red in colour"
    assert tool.goods_of_atar("The product is a rubber bellow, a component for a seal.") == (
        "rubber bellow, a component for a seal"
    )
    assert (
        tool.goods_of_atar(
            "A table sauce packaged in a plastic squeeze bottle of 300g per unit", max_words=9
        )
        == "table sauce packaged in a plastic squeeze bottle"
    )  # no dangling "of"


def test_rulings_after_the_holdout_date_go_to_their_authoritys_split_only(
    tool, tmp_path, monkeypatch
):
    """The index keeps the earlier table's CBP rulings (their source is not read again), HMRC's
    2026 rulings go to the HMRC held-out split and never into the index, references are never
    held out, and the CBP split is left as it is."""
    out = tmp_path / "tariff"
    out.mkdir()
    (out / "model").symlink_to(ROOT / "resources" / "tariff" / "model")
    cbp_split = tmp_path / "hs_rulings_heldout.csv"
    cbp_split.write_text("untouched\n", encoding="utf-8")
    hmrc_split = tmp_path / "hs_rulings_heldout_hmrc.csv"
    monkeypatch.setattr(tool, "OUT", out)
    monkeypatch.setattr(tool, "HELDOUT_BY_AUTHORITY", {"CBP": cbp_split, "HMRC": hmrc_split})
    previous = tmp_path / "v1.csv"
    with previous.open("w", encoding="utf-8", newline="") as f:
        f.write("# date: 2026-12-05\n# version: 1\n")
        w = csv.writer(f)
        w.writerow(COLUMNS[:-1])  # version 1 had no kind column
        w.writerow(
            ["CBP", "NY 857043", "1990-11-07", "610910", "knit T-shirt", "6109100000", "HS 1992"]
        )
    atar = tmp_path / "atar.json"
    ruling = {
        "ref": "600014923",
        "commodity_code": "3924100090",
        "description": "A plastic mug made from ABS plastic.",
        "start_date": "24 Apr 2026",
    }
    atar.write_text(json.dumps({"drafts": [{"ruling": ruling}]}), encoding="utf-8")
    refs = tmp_path / "refs.json"
    refs.write_text(json.dumps({"abalone": "0307810000"}), encoding="utf-8")
    args = ["--previous", str(previous), "--atar", str(atar), "--hmrc-references", str(refs)]
    args += ["--hmrc-references-date", "2026-03-10", "--version", "2"]
    assert tool.main(args) == 0
    with gzip.open(out / "examples.csv.gz", "rt", encoding="utf-8") as f:
        lines = f.readlines()
    header = [line for line in lines if line.startswith("#")]
    rows = list(csv.DictReader(line for line in lines if line[0] != "#"))
    assert [(r["ruling"], r["kind"]) for r in rows] == [
        ("NY 857043", "ruling"),
        ("search reference", "reference"),
    ]
    assert "# version: 2\n" in header
    assert any("public domain" in line for line in header)  # every source's licence named
    assert any("MIT licence" in line for line in header)
    assert cbp_split.read_text(encoding="utf-8") == "untouched\n"
    held = list(csv.DictReader(hmrc_split.open(encoding="utf-8")))
    assert [(h["hs6"], h["split"]) for h in held] == [("392410", "rulings_heldout")]
    assert held[0]["source"].startswith("HMRC ruling 600014923 (2026-04-24): 3924100090")
    import numpy as np

    assert np.load(out / "examples_i8.npy").shape == (2, 384)
    assert np.load(out / "examples_i8.npy").dtype == np.int8
    assert np.load(out / "examples_scale.npy").shape == (2,)


def test_a_source_without_its_date_is_refused(tool, tmp_path, capsys):
    with pytest.raises(SystemExit):
        tool.main(["--hts", str(tmp_path / "hts.csv")])
    assert "--hts needs --hts-date" in capsys.readouterr().err
