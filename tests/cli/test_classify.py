import io
import json

import pytest

from shipdesk.cli.main import main


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
