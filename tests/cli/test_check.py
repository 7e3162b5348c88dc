"""``check`` and ``rules`` subcommands."""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from shipdesk.cli.main import main
from shipdesk.core.exchange.declaration_json import save_file
from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.paths import resource
from shipdesk.core.screening import active_rules, bundle, screen


def run_batch(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    lines: list[str],
    *args: str,
) -> tuple[int, list[dict], str]:
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(lines) + "\n"))
    code = main(["check", "--batch", *args])
    out, err = capsys.readouterr()
    return code, [json.loads(line) for line in out.splitlines()], err


def test_batch_contract(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"description": "Power bank 20000mAh", "destination": "AU"}),
        json.dumps({"description": "Cotton T-shirt", "destination": "DE", "hs_code": "610910"}),
        json.dumps(
            {"description": "Leather handbag", "destination": "RU", "origin": "FR",
             "value": "450", "currency": "EUR", "hs_code": "420221"}
        ),
    ]  # fmt: skip
    code, out, _ = run_batch(monkeypatch, capsys, lines)
    assert code == 0
    assert len(out) == 3
    first = out[0]["findings"][0]
    assert {"rule", "level", "category", "message", "advice"} <= set(first)
    assert (first["rule"], first["level"]) == ("DG-LI-LOOSE", "prohibited")
    assert out[1] == {"findings": [], "highest": None}
    assert out[2]["findings"][0]["rule"] == "SAN-EU-RU-LUX"


def test_batch_channel(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    line = json.dumps({"description": "Perfume 50ml", "destination": "US"})
    _, post, _ = run_batch(monkeypatch, capsys, [line])
    _, courier, _ = run_batch(monkeypatch, capsys, [line], "--channel", "courier")
    assert post[0]["findings"][0]["level"] == "prohibited"
    assert courier[0]["findings"][0]["level"] == "restricted"


def test_batch_bad_lines_do_not_stop_the_rest(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        "{not json",
        json.dumps({"description": "iPhone", "destination": "AU"}),
        json.dumps({"destination": "AU"}),
        "",
        json.dumps({"description": "Gin", "destination": "Australia"}),
        json.dumps({"description": "Gin", "destination": "AU", "value": "abc"}),
        json.dumps(["a list"]),
        json.dumps({"description": "Gin", "destination": "AU"}),
    ]
    code, out, err = run_batch(monkeypatch, capsys, lines)
    assert code == 2
    assert "5 input line(s) rejected" in err
    assert len(out) == 7  # the blank line is skipped
    assert out[0]["error"].startswith("line 1: not valid JSON")
    assert out[1]["highest"] == "restricted"
    assert "line 3: 'description' is required" in out[2]["error"]
    assert "line 5: 'destination' must be an ISO" in out[3]["error"]
    assert "line 6: 'value' is not a valid amount" in out[4]["error"]
    assert "line 7: expected a JSON object" in out[5]["error"]
    assert out[6]["highest"] == "prohibited"


@pytest.mark.parametrize(
    "middle",
    [
        "[" * 1000 + "]" * 1000,
        '{"description": "x", "destination": "AU", "nested": ' + "[" * 1000 + "]" * 1000 + "}",
        '{"description": "Gin", "destination": "AU", "value": ' + "9" * 5000 + "}",
        "9" * 5000,
        '{"description": "Gin", "destination": "AU", "hs_code": ' + "9" * 5000 + "}",
    ],
    ids=["deep-list", "deep-field", "huge-value", "huge-int", "huge-hs-code"],
)
def test_batch_pathological_line_is_answered_and_the_rest_still_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], middle: str
) -> None:
    good = json.dumps({"description": "Gin", "destination": "AU"})
    code, out, err = run_batch(monkeypatch, capsys, [good, middle, good])
    assert code == 2
    assert "1 input line(s) rejected" in err
    assert len(out) == 3
    assert out[0]["highest"] == out[2]["highest"] == "prohibited"
    assert set(out[1]) == {"error"}
    assert out[1]["error"].startswith("line 2: ")


def test_batch_null_hs_code_is_accepted_like_the_other_optional_fields(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    line = json.dumps(
        {"description": "Cotton T-shirt", "destination": "DE", "hs_code": None,
         "origin": None, "value": None, "currency": None}
    )  # fmt: skip
    code, out, _ = run_batch(monkeypatch, capsys, [line])
    assert code == 0
    assert out == [{"findings": [], "highest": None}]


def test_single_item_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "Beef", "jerky", "--to", "AU"]) == 1
    out = capsys.readouterr().out
    assert "PROHIBITED" in out and "AU-BIOSEC-ANIMAL" in out and "What to do:" in out
    assert main(["check", "Cotton T-shirt", "--to", "DE"]) == 0
    assert "Nothing restricted" in capsys.readouterr().out
    assert main(["check", "iPhone 15", "--to", "FR", "--lang", "fr"]) == 0
    assert "SOUMIS À CONDITIONS" in capsys.readouterr().out
    assert main(["check", "Whisky", "--to", "JP", "--json", "--channel", "courier"]) == 0
    assert json.loads(capsys.readouterr().out)["highest"] == "restricted"


def test_findings_carry_the_customer_sentence_and_the_clerks_detail(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["check", "Smartphone con batería de litio", "--to", "ES", "--json"]) == 0
    finding = json.loads(capsys.readouterr().out)["findings"][0]
    # the contract's keys stay; the two texts are added
    assert {"rule", "level", "category", "message", "advice", "item_index"} <= set(finding)
    assert "battery must stay inside" in finding["customer_text"]
    assert finding["detail"].startswith("Rule DG-LI-ION-IN-EQUIP · Source:")
    assert main(["check", "Smartphone con batería de litio", "--to", "ES", "--lang", "es"]) == 0
    out = capsys.readouterr().out
    assert "Para el cliente: Este aparato se puede enviar" in out
    assert "Para el mostrador: Regla DG-LI-ION-IN-EQUIP" in out


def test_single_item_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "perfume"]) == 2
    assert "--to is required" in capsys.readouterr().err
    assert main(["check", "perfume", "--to", "FRA"]) == 2
    assert "ISO 3166" in capsys.readouterr().err


def test_declaration_file_and_overrides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    decl = Declaration(
        sender=Party(name="S", country="DE"),
        recipient=Party(name="R", country="AU"),
        items=[Item(description="Cotton T-shirt"), Item(description="Beef jerky")],
    )
    path = tmp_path / "d.shipdesk.json"
    save_file(path, decl)
    assert main(["check", "--declaration", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Item 2: Beef jerky" in out and "AU-BIOSEC-ANIMAL" in out

    from shipdesk.core.screening.overrides import record_override

    finding = screen.screen_declaration(decl)[0]
    record_override(decl, finding, "Import permit 12345 held by the recipient")
    save_file(path, decl)
    assert main(["check", "--declaration", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["blocking"] == [] and data["findings"][0]["rule"] == "AU-BIOSEC-ANIMAL"


# -- rules ---------------------------------------------------------------------------------
@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("SHIPDESK_HOME", str(tmp_path / "home"))
    active_rules.reload()
    yield tmp_path
    monkeypatch.undo()
    active_rules.reload()


def test_rules_info_check_import_rollback(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["origin"] == "shipped" and info["rules"] > 150 and info["load_error"] is None

    assert main(["rules", "check", str(resource("rules"))]) == 0
    assert "OK" in capsys.readouterr().out

    src = home / "bundle"
    shutil.copytree(resource("rules"), src)
    groups = src / "groups.toml"
    groups.write_text(
        re.sub(
            r'dataset_version = "[^"]*"',
            'dataset_version = "2099.1.0"',
            groups.read_text(encoding="utf-8"),
            count=1,
        ),
        encoding="utf-8",
    )
    assert main(["rules", "import", str(src)]) == 2
    assert "sha256 does not match" in capsys.readouterr().err
    assert main(["rules", "manifest", str(src)]) == 0
    assert "not signed" in capsys.readouterr().out
    assert main(["rules", "check", str(src)]) == 0
    assert "not signed" in capsys.readouterr().out
    assert main(["rules", "import", str(src)]) == 2  # a manifest anyone can write is not enough
    assert "not signed" in capsys.readouterr().err
    assert main(["rules", "rollback"]) == 2
    assert "no imported rule set" in capsys.readouterr().err
    assert main(["rules", "info"]) == 0
    out = capsys.readouterr().out
    shipped = active_rules.active_ruleset().dataset_version
    assert f"why: shipped rules {shipped} (no imported rule set)" in out
    root = home / "home" / "data" / "rules"
    assert active_rules.active_ruleset(root).origin == "shipped"
    assert bundle.active_dir(root).exists() is False


def test_rules_check_reports_file_and_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "rules"
    shutil.copytree(resource("rules"), src)
    (src / "MANIFEST.json").unlink()
    dg = src / "dg.toml"
    dg.write_text(dg.read_text(encoding="utf-8").replace("title =", "titel =", 2), encoding="utf-8")
    assert main(["rules", "check", str(src)]) == 2
    err = capsys.readouterr().err
    assert "dg.toml: rule DG-LI-ION-IN-EQUIP: unknown field 'titel'" in err
    assert "Traceback" not in err


def test_batch_internal_error_on_one_line_is_answered_and_logged(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], shipdesk_home: Path
) -> None:
    from shipdesk.core.services import declarations

    real = declarations.screen_item

    def screen_item(ws: object, description: str, **kw: object) -> object:
        if description == "boom":
            raise RuntimeError("screening exploded")
        return real(ws, description, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(declarations, "screen_item", screen_item)
    lines = [json.dumps({"description": d, "destination": "DE"}) for d in ("Mug", "boom", "Scarf")]
    code, out, err = run_batch(monkeypatch, capsys, lines)
    log = shipdesk_home / "logs" / "shipdesk.log"
    assert code == 3 and "Traceback" not in err
    assert len(out) == 3 and "findings" in out[0] and "findings" in out[2]
    assert out[1] == {
        "error": f"line 2: internal error (RuntimeError: screening exploded); details in {log}"
    }
    text = log.read_text("utf-8")
    assert "line 2" in text and "RuntimeError: screening exploded" in text and "Traceback" in text


@pytest.mark.parametrize(
    ("lang", "category", "labels"),
    [
        ("fr", "(biosécurité, EU-POAO-PERSONAL)", ("Que faire : ", "Pour le client : ")),
        ("de", "(Biosicherheit, EU-POAO-PERSONAL)", ("Was tun: ", "Für die Kundschaft: ")),
        ("es", "(bioseguridad, EU-POAO-PERSONAL)", ("Qué hacer: ", "Para el cliente: ")),
    ],
)
def test_human_output_names_the_category_in_words_and_puts_the_languages_colon(
    capsys: pytest.CaptureFixture[str], lang: str, category: str, labels: tuple[str, str]
) -> None:
    assert main(["check", "Salami 200g", "--to", "DE", "--from", "GB", "--lang", lang]) == 1
    out = capsys.readouterr().out
    assert category in out and "biosecurity" not in out, out
    for label in labels:
        assert label in out, out
    if lang == "fr":
        assert "Que faire:" not in out and "guichet:" not in out, out
