import io
import json

import pytest

from shipdesk.cli.main import main
from shipdesk.core.errors import InputError


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("SHIPDESK_HOME", str(tmp_path / "home"))


def test_classify_json_contract(capsys):
    assert main(["classify", "cotton", "t-shirt", "--json", "--top", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["query"] == "cotton t-shirt"
    assert len(out["suggestions"]) == 3
    first = out["suggestions"][0]
    assert first["code"] == "610910"
    assert {"code", "description", "score", "source"} <= set(first)


def test_classify_plain_text_shows_path_and_correction(capsys):
    assert main(["classify", "leathr", "walet"]) == 0
    out = capsys.readouterr().out
    assert "Read as: leather wallet" in out
    assert "4202.31" in out and "42 " in out


def test_classify_batch_one_json_line_per_input_line(capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("hoodie\n\nSmartphone 128GB\n"))
    assert main(["classify", "--batch", "--top", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3
    objs = [json.loads(x) for x in lines]
    assert objs[0]["query"] == "hoodie" and len(objs[0]["suggestions"]) == 2
    assert objs[1] == {"query": "", "suggestions": []}
    assert objs[2]["suggestions"][0]["code"] == "851713"


@pytest.mark.parametrize(
    "argv",
    [["classify"], ["classify", "--top", "0", "mug"], ["classify", "--batch", "mug"]],
)
def test_classify_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_tariff_info_import_browse(tmp_path, capsys):
    assert main(["tariff", "info"]) == 0
    assert "HS 2022" in capsys.readouterr().out
    p = tmp_path / "hts_2026.csv"
    p.write_text(
        '"HTS Number","Indent","Description"\n"6109.10.00","1","Of cotton"\n'
        '"6109.10.00.12","2","Men\'s T-shirts"\n',
        encoding="utf-8",
    )
    assert main(["tariff", "import", str(p)]) == 0
    assert "imported 2 us-hts lines as us-hts-2026" in capsys.readouterr().out
    assert main(["tariff", "browse", "610910"]) == 0
    assert "6109100012" in capsys.readouterr().out
    assert main(["tariff", "rebuild"]) == 0
    assert main(["tariff", "browse", "XI"]) == 0
    assert "61 " in capsys.readouterr().out


def test_tariff_errors_exit_2(tmp_path, capsys):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n")
    assert main(["tariff", "import", str(bad)]) == 2
    assert "x.csv" in capsys.readouterr().err
    assert main(["tariff", "browse", "12345"]) == 2
    assert main(["tariff", "remove", "nope-2020"]) == 2


def _shop_lines(n: int) -> list[str]:
    """Shop-style lines with repeats: descriptions of the benchmark set, some with a SKU or a
    variant, drawn with a bias to the first ones; respelt, blank and code lines among them."""
    import csv
    import random
    from pathlib import Path

    dev_set = Path(__file__).resolve().parents[2] / "benchmarks" / "data" / "hs_dev_set.csv"
    with dev_set.open(encoding="utf-8") as f:
        bases = [row["description"] for row in csv.DictReader(f)]
    rng = random.Random(2026)
    products = ["Handmade soap bar", *(rng.choice(bases) for _ in range(120))]
    products += [f"{p} SKU{rng.randrange(10_000, 99_999)}" for p in products[:20]]
    products += [f"{p} - black" for p in products[:20]]
    products += ["6109.10", "6109", "---", "x", "cotton " * 70, " " * 600 + "hoodie"]
    weights = [1.0 / (r + 1) for r in range(len(products))]
    lines = []
    for p in rng.choices(products, weights=weights, k=n):
        r = rng.random()
        lines.append("" if r < 0.03 else p.upper() if r < 0.06 else f"  {p} " if r < 0.09 else p)
    return lines


@pytest.mark.slow
def test_classify_batch_gives_what_each_line_gets_alone(capsys, monkeypatch, workspace):
    """The batch (chunks, repeats answered from the cache, sentences encoded together) writes
    exactly what classifying each line on its own gives, in input order; a line over the
    length limit is refused even when its trimmed text was answered before."""
    from shipdesk.cli import cmd_classify
    from shipdesk.core.services import classification
    from shipdesk.core.tariff import lookup

    classification.remember(workspace, "Handmade soap bar", "340111")
    lines = [*_shop_lines(300), "hoodie", " " * 600 + "hoodie"]
    assert len(set(lines)) < len(lines) / 2  # repeats
    monkeypatch.setattr(cmd_classify, "CHUNK", 64)
    monkeypatch.setattr("sys.stdin", io.StringIO("".join(x + "\n" for x in lines)))
    assert main(["classify", "--batch", "--top", "4"]) == 2  # some lines are over the limit
    got = capsys.readouterr().out.splitlines()

    monkeypatch.setattr(lookup, "VECTOR_CACHE_SIZE", 0)  # every line encoded on its own
    lookup._vec_cache.clear()
    alone = []
    for number, line in enumerate(lines, start=1):
        out: dict[str, object]
        try:
            items = classification.suggest(workspace, line, 4) if line.strip() else []
            out = {"query": line, "suggestions": [s.to_json() for s in items]}
        except InputError as exc:
            out = {"error": f"line {number}: {exc}"}
        alone.append(json.dumps(out, ensure_ascii=False))
    assert got == alone
    assert '"error": "line 302: the description has 606 characters' in got[-1]
    assert any('"source": "catalogue"' in x for x in got)


def test_classify_batch_answers_each_line_as_it_arrives(tmp_path):
    """A caller may write one line and wait for its answer: the batch does not wait for more
    lines (or the end of the input) before answering."""
    import os
    import threading

    from shipdesk.cli.cmd_classify import _chunks

    r, w = os.pipe()
    reader = os.fdopen(r, encoding="utf-8")
    writer = os.fdopen(w, "w", encoding="utf-8")
    got: list[list[str]] = []
    chunks = _chunks(reader, 256)

    def first() -> None:
        got.append(next(chunks))

    writer.write("hoodie\n")
    writer.flush()
    t = threading.Thread(target=first, daemon=True)
    t.start()
    t.join(timeout=20)
    assert got == [["hoodie\n"]]
    writer.write("".join(f"line {i}\n" for i in range(600)))
    writer.close()
    rest = list(chunks)
    assert [x for c in rest for x in c] == [f"line {i}\n" for i in range(600)]
    assert max(len(c) for c in rest) <= 256
    reader.close()


def test_classify_json_and_text_show_the_supporting_rulings(capsys):
    assert main(["classify", "women's", "knit", "cotton", "sweater", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    ev = [e for s in out["suggestions"] if s["code"] == "611020" for e in s["evidence"]]
    assert ev, out
    # the contract's keys, and the kind: a decision, a reference or a tariff line
    assert set(ev[0]) == {"authority", "ruling", "date", "code", "text", "kind"}
    assert ev[0]["authority"] == "CBP" and ev[0]["code"] == "611020"
    assert ev[0]["kind"] == "ruling"  # decisions come before the other kinds
    assert main(["classify", "women's", "knit", "cotton", "sweater"]) == 0
    assert "like CBP ruling NY " in capsys.readouterr().out


def test_classify_says_which_legal_note_decided_a_suggestion(capsys):
    assert main(["classify", "Weihnachtskugeln", "aus", "Glas", "--json", "--top", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    first, *rest = out["suggestions"]
    assert first["code"] == "950510"
    assert first["reason"].startswith("Chapter 95 note 1 and heading 95.05: festive articles")
    assert "evidence" in first  # the keys the contract names are kept
    assert all(s["reason"] == "" for s in rest if not s["code"].startswith(("9405", "9505")))
    assert main(["classify", "Weihnachtskugeln", "aus", "Glas"]) == 0
    assert "    by Chapter 95 note 1 and heading 95.05: festive articles" in capsys.readouterr().out


def test_classify_json_reason_is_empty_when_no_note_applies(capsys):
    assert main(["classify", "USB-C", "cable", "2", "m", "--json", "--top", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [s["reason"] for s in out["suggestions"]] == ["", "", ""]
