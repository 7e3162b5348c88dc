"""Over-long text fields are refused before any work, in one line naming the field and limit.

Before, a 100 kB name took 22 s to render, three 1 MB fields more than 120 s, and classifying a
1 MB word more than 100 s. The refusals here happen before validation, drawing or the tariff
engine start, which the tests check by making those steps fail if they are reached.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from shipdesk.cli.main import main
from shipdesk.core.exchange.declaration_json import load_file, to_plain_dict

MB = 1_000_000


def _file(tmp_path: Path, sample_path: Path, **fields: str) -> Path:
    data = to_plain_dict(load_file(sample_path))
    for path, text in fields.items():
        role, _, key = path.partition("__")
        if role == "item":
            data["items"][0][key] = text
        else:
            data[role][key] = text
    p = tmp_path / "d.shipdesk.json"
    p.write_text(json.dumps(data), encoding="utf-8")
    return p


@pytest.fixture
def no_drawing(monkeypatch: pytest.MonkeyPatch) -> None:
    import shipdesk.core.documents as documents

    def refuse(*_a: object, **_k: object) -> bytes:
        raise AssertionError("the documents were drawn")

    monkeypatch.setattr(documents, "render", refuse)


@pytest.mark.parametrize("force", [[], ["--force"]])
def test_render_refuses_a_100kb_name_in_one_line(
    tmp_path: Path,
    sample_path: Path,
    capsys: pytest.CaptureFixture[str],
    no_drawing: None,
    force: list[str],
) -> None:
    p = _file(tmp_path, sample_path, recipient__name="N" * 100_000)
    code = main(["render", str(p), "--out", str(tmp_path / "o.pdf"), *force])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2
    assert len(err) == 1, err
    assert "recipient.name" in err[0] and "100,000 characters; the limit is 150" in err[0]
    assert not (tmp_path / "o.pdf").exists()


def test_render_refuses_three_1mb_fields_naming_the_first(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str], no_drawing: None
) -> None:
    p = _file(
        tmp_path,
        sample_path,
        sender__name="a" * MB,
        recipient__street="b" * MB,
        item__description="c" * MB,
    )
    assert main(["render", str(p), "--out", str(tmp_path / "o.pdf"), "--force"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "sender.name: 1,000,000 characters; the limit is 150 (and 2 more field(s))" in line


def test_validate_reports_the_field_and_the_limit(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = _file(tmp_path, sample_path, item__description="d" * MB)
    assert main(["validate", str(p), "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    (long,) = [pr for pr in problems if pr["code"] == "text_too_long"]
    assert long["level"] == "error" and long["field"] == "items[0].description"
    assert "1000000 characters; the limit is 500" in long["message"]


def test_classify_refuses_a_1mb_word_before_the_engine_starts(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from shipdesk.core.tariff import lookup

    monkeypatch.setattr(lookup, "engine", lambda: pytest.fail("the tariff engine was started"))
    assert main(["classify", "w" * MB]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "1,000,000 characters; the limit is 500" in line


def test_classify_batch_answers_an_over_long_line_and_goes_on(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("laptop\n" + "w" * MB + "\nhoodie\n"))
    assert main(["classify", "--batch", "--top", "1"]) == 2
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert len(lines) == 3
    assert lines[0]["suggestions"] and lines[2]["suggestions"]
    refusal = "line 2: the description has 1,000,000 characters; the limit is 500"
    assert lines[1] == {"error": refusal}


def test_check_batch_answers_an_over_long_description_and_goes_on(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    long = json.dumps({"description": "x" * MB, "destination": "US"})
    ok = json.dumps({"description": "power bank", "destination": "US"})
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{long}\n{ok}\n"))
    assert main(["check", "--batch"]) == 2
    first, second = (json.loads(x) for x in capsys.readouterr().out.splitlines())
    assert first == {"error": "line 1: the description has 1,000,000 characters; the limit is 500"}
    assert second["highest"] == "prohibited"


def test_check_refuses_an_over_long_description(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "x" * 600, "--to", "US"]) == 2
    (line,) = capsys.readouterr().err.strip().splitlines()
    assert "600 characters; the limit is 500" in line


def test_check_declaration_with_an_over_long_description_is_not_nothing_found(
    tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = _file(tmp_path, sample_path, item__description="lorem ipsum " * 100_000)
    main(["check", "--declaration", str(p), "--json"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert any(f["rule"] == "TEXT-NOT-CHECKED" and f["item_index"] == 0 for f in findings)
