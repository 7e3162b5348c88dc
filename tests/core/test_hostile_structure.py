"""Hostile structure in JSON and TOML input files: deep nesting, lone surrogates, non-UTF-8 rule
files. Each is refused with one line naming the file (and the limit), never an internal error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shipdesk.cli.main import main
from shipdesk.core.errors import DataError, InputError
from shipdesk.core.exchange import declaration_json, platform_maps
from shipdesk.core.nesting import MAX_NESTING, check_tree
from shipdesk.core.paths import resource
from shipdesk.core.screening.rule_loader import compile_folder
from shipdesk.core.services import Workspace
from shipdesk.core.storage.national_tariff import SqliteNationalTariffs
from shipdesk.core.tariff import national

DEEP = 5000  # far past the interpreter's recursion limit


def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def _one_line(exc: BaseException, name: str) -> str:
    msg = str(exc)
    assert name in msg
    assert "\n" not in msg
    return msg


def _sample() -> dict:
    return json.loads(resource("samples", "sample.shipdesk.json").read_text(encoding="utf-8"))


def test_lone_surrogate_in_a_mapping_file_is_refused(tmp_path: Path, workspace: Workspace) -> None:
    p = tmp_path / "map.json"
    p.write_text('{"name": "x", "columns": {"item.description": "De\\ud800sc"}}')
    with pytest.raises(InputError) as info:
        platform_maps.resolve_mapping_arg(str(p), workspace.mappings)
    msg = _one_line(info.value, "map.json")
    assert "columns.item.description" in msg and "surrogate" in msg


def test_nesting_limit_is_exact() -> None:
    check_tree(json.loads(_nested(MAX_NESTING)))
    with pytest.raises(InputError, match=f"deeper than {MAX_NESTING} levels"):
        check_tree(json.loads(_nested(MAX_NESTING + 1)))


@pytest.mark.parametrize("levels", [MAX_NESTING + 1, DEEP])
def test_deep_declaration_is_refused(tmp_path: Path, levels: int) -> None:
    p = tmp_path / "deep.json"
    p.write_text('{"sender": ' + _nested(levels) + "}", encoding="utf-8")
    with pytest.raises(InputError) as info:
        declaration_json.load_file(p)
    assert f"{MAX_NESTING} levels" in _one_line(info.value, "deep.json")


@pytest.mark.parametrize("as_json", [True, False])
def test_validate_with_a_lone_surrogate_writes_its_whole_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workspace: Workspace, as_json: bool
) -> None:
    # a "\udc80" escape in a text field: validate --json wrote half its JSON, then crashed
    data = _sample()
    data["items"][0]["description"] = "Mug \udc80"
    p = tmp_path / "surrogate.json"
    p.write_text(json.dumps(data), encoding="ascii")  # json spells it "\udc80"
    assert main(["validate", str(p), *(["--json"] if as_json else [])]) in (0, 1)
    out, err = capsys.readouterr()
    out.encode("utf-8")
    if as_json:
        result = json.loads(out)
        assert any(pr["field"].startswith("items[0]") for pr in result["problems"])
    else:
        assert "items[0]" in out and "error(s)" in err


def test_cli_deep_declaration_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    p = tmp_path / "deep.json"
    p.write_text('{"sender": ' + _nested(DEEP) + "}", encoding="utf-8")
    assert main(["check", "--declaration", str(p)]) == 2
    err = capsys.readouterr().err
    assert "deep.json" in err and f"{MAX_NESTING} levels" in err and err.count("\n") == 1


def test_deep_tariff_json_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "hts_2026.json"
    p.write_text(_nested(DEEP), encoding="utf-8")
    store = SqliteNationalTariffs(tmp_path / "national.sqlite3")
    with pytest.raises(InputError) as info:
        national.import_file(p, store)
    assert f"{MAX_NESTING} levels" in _one_line(info.value, "hts_2026.json")


@pytest.mark.parametrize("suffix", [".json", ".toml"])
def test_deep_mapping_file_is_refused(tmp_path: Path, suffix: str, workspace: Workspace) -> None:
    p = tmp_path / f"map{suffix}"
    if suffix == ".json":
        p.write_text('{"name": "x", "columns": ' + _nested(DEEP) + "}", encoding="utf-8")
    else:
        p.write_text('name = "x"\ncolumns = ' + _nested(DEEP) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        platform_maps.resolve_mapping_arg(str(p), workspace.mappings)
    assert f"{MAX_NESTING} levels" in _one_line(info.value, p.name)


def _rules_copy(tmp_path: Path) -> Path:
    import shutil

    target = tmp_path / "rules"
    shutil.copytree(resource("rules"), target)
    (target / "MANIFEST.json").unlink()
    return target


def test_deep_rule_file_is_refused(tmp_path: Path) -> None:
    rules = _rules_copy(tmp_path)
    with (rules / "general.toml").open("a", encoding="utf-8") as fh:
        fh.write("\nx = " + _nested(DEEP) + "\n")
    with pytest.raises(DataError) as info:
        compile_folder(rules)
    assert f"nested deeper than {MAX_NESTING} levels" in _one_line(info.value, "general.toml")


def test_non_utf8_rule_file_names_file_and_line(tmp_path: Path) -> None:
    rules = _rules_copy(tmp_path)
    with (rules / "upu.toml").open("ab") as fh:
        fh.write(b"\n# Gr\xfc\xdfe\n")
    lines = (rules / "upu.toml").read_bytes().count(b"\n")
    with pytest.raises(DataError) as info:
        compile_folder(rules)
    msg = _one_line(info.value, "upu.toml")
    assert f"line {lines}" in msg and "UTF-8" in msg


def test_cli_rules_manifest_of_a_non_utf8_folder_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    rules = _rules_copy(tmp_path)
    with (rules / "upu.toml").open("ab") as fh:
        fh.write(b"\n# Gr\xfc\xdfe\n")
    assert main(["rules", "manifest", str(rules)]) == 2
    err = capsys.readouterr().err
    assert "upu.toml" in err and err.count("\n") == 1


def test_rules_import_of_a_folder_with_a_symlink_loop_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    rules = _rules_copy(tmp_path)
    (rules / "dest" / "loop").symlink_to("..")  # copying it followed the link forever
    assert main(["rules", "import", str(rules)]) == 2
    err = capsys.readouterr().err
    assert "symbolic link (dest/loop)" in err and str(rules) in err and err.count("\n") == 1
