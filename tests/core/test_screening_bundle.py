"""Rule bundles (sha256 manifest, import, rollback, fallback) and overrides."""

from __future__ import annotations

import json
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.exchange.declaration_json import dumps, loads
from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.paths import resource
from shipdesk.core.screening import active_rules, bundle, screen
from shipdesk.core.screening.overrides import blocking, record_override


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("SHIPDESK_HOME", str(tmp_path / "home"))
    yield tmp_path


def make_bundle(tmp_path: Path, version: str, name: str = "bundle") -> Path:
    dest = tmp_path / name
    shutil.copytree(resource("rules"), dest)
    groups = dest / "groups.toml"
    text = groups.read_text(encoding="utf-8")
    groups.write_text(
        text.replace('dataset_version = "2026.11.0"', f'dataset_version = "{version}"'),
        encoding="utf-8",
    )
    bundle.write_manifest(dest)
    return dest


def test_import_newer_bundle_then_rollback(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    shipped = active_rules.active_ruleset(root).dataset_version
    src = make_bundle(home, "2099.1.0")
    rs = bundle.import_bundle(src, root, current_version=shipped)
    assert rs.dataset_version == "2099.1.0"
    active = active_rules.reload(root)
    assert active.origin == "imported" and active.dataset_version == "2099.1.0"
    assert "2099.1.0" in active_rules.rules_version(root)

    newer = make_bundle(home, "2099.2.0", "bundle2")
    bundle.import_bundle(newer, root, current_version=active.dataset_version)
    assert active_rules.reload(root).dataset_version == "2099.2.0"
    assert bundle.rollback(root) == "previous imported rule set"
    assert active_rules.reload(root).dataset_version == "2099.1.0"


def test_rollback_to_shipped_and_nothing_to_roll_back(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    bundle.import_bundle(make_bundle(home, "2099.1.0"), root)
    assert bundle.rollback(root) == "shipped rule set"
    assert active_rules.reload(root).origin == "shipped"
    with pytest.raises(InputError, match="no imported rule set"):
        bundle.rollback(root)


def test_zip_bundle(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.3.0")
    archive = home / "rules.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for p in src.rglob("*"):
            if p.is_file():
                zf.write(p, "rules/" + p.relative_to(src).as_posix())
    assert bundle.import_bundle(archive, root).dataset_version == "2099.3.0"


@pytest.mark.parametrize(
    "entry",
    ["..\\..\\x.toml", "rules\\..\\..\\x.toml", "C:/x.toml", "C:x.toml", "/abs.toml",
     "//server/share/x.toml", "../x.toml", "a/../../x.toml", "CON.toml", "sub/aux.1.toml",
     "nul .toml", "x.toml.", "x.toml ", "com1"],
)  # fmt: skip
def test_zip_entry_names_unsafe_on_any_system_are_refused(home: Path, entry: str) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.3.0")
    archive = home / "rules.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr(entry, b"hostile = true\n")  # first, so it would be written first
        for p in src.rglob("*"):
            if p.is_file():
                zf.write(p, p.relative_to(src).as_posix())
    with pytest.raises(InputError, match="unsafe path"):
        bundle.import_bundle(archive, root)
    assert not bundle.active_dir(root).exists()
    assert not [p for p in home.rglob("x.toml*")] and not (home / "abs.toml").exists()
    staged = [p for p in root.rglob("*") if p.is_file()] if root.exists() else []
    assert staged == []  # nothing extracted, not even the safe entries


def test_manifest_listing_a_windows_path_is_rejected(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.3.0")
    manifest = json.loads((src / bundle.MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["..\\x.toml"] = "0" * 64
    (src / bundle.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(InputError, match="unsafe path"):
        bundle.import_bundle(src, root)


def test_tampered_file_is_rejected(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.1.0")
    with (src / "dg.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n# changed\n")
    with pytest.raises(InputError, match=r"dg\.toml: sha256 does not match"):
        bundle.import_bundle(src, root)
    assert not bundle.active_dir(root).exists()


def test_unlisted_file_and_invalid_rules_are_rejected(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.1.0")
    (src / "extra.toml").write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="not listed"):
        bundle.import_bundle(src, root)
    src2 = make_bundle(home, "2099.1.1", "b2")
    dg = src2 / "dg.toml"
    dg.write_text(dg.read_text(encoding="utf-8").replace('level = "restricted"', 'level = "x"', 1))
    manifest = json.loads((src2 / bundle.MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["dg.toml"] = bundle.sha256_file(dg)
    (src2 / bundle.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    with pytest.raises(InputError, match=r"bundle rejected: .*dg\.toml: rule DG-LI-ION-IN-EQUIP"):
        bundle.import_bundle(src2, root)


def test_older_bundle_refused_unless_forced(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2020.1.0")
    with pytest.raises(InputError, match="not newer"):
        bundle.import_bundle(src, root, current_version="2026.11.0")
    assert bundle.import_bundle(src, root, current_version="2026.11.0", force=True)
    active = active_rules.reload(root)
    assert active.origin == "imported" and active.dataset_version == "2020.1.0"
    assert "2020.1.0" in active_rules.rules_version(root)


def test_broken_active_set_falls_back_and_reports(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    bundle.import_bundle(make_bundle(home, "2099.1.0"), root)
    with (bundle.active_dir(root) / "dg.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n# damaged\n")
    rs = active_rules.reload(root)
    assert rs.origin == "shipped"
    assert "sha256 does not match" in (active_rules.load_error(root) or "")
    found = screen.screen_item("perfume", destination="FR", ruleset=rs)
    assert found[0].rule == "DG-PERFUME"


# -- overrides ----------------------------------------------------------------------------
def _decl() -> Declaration:
    return Declaration(
        sender=Party(name="S", country="DE"),
        recipient=Party(name="R", country="AU"),
        items=[Item(description="Power bank 10000mAh"), Item(description="Beef jerky")],
    )


def test_override_unblocks_only_its_finding_and_round_trips() -> None:
    decl = _decl()
    findings = screen.screen_declaration(decl)
    blocked = blocking(decl, findings)
    assert [(f.rule, f.item_index) for f in blocked] == [
        ("DG-LI-LOOSE", 0),
        ("AU-BIOSEC-ANIMAL", 1),
    ]
    record_override(decl, blocked[1], "Commercially canned, import permit 1234", user="clerk")
    assert [f.rule for f in blocking(decl, findings)] == ["DG-LI-LOOSE"]
    entry = decl.extra["history"][-1]
    assert entry["event"] == "override" and entry["rule"] == "AU-BIOSEC-ANIMAL"
    assert entry["item_index"] == 1 and entry["user"] == "clerk" and entry["at"]

    again = loads(dumps(decl))
    saved = again.extra["history"][-1]
    assert saved["rule"] == "AU-BIOSEC-ANIMAL" and saved["reason"] == entry["reason"]
    assert str(saved["item_index"]) == "1"
    assert [f.rule for f in blocking(again, screen.screen_declaration(again))] == ["DG-LI-LOOSE"]


def test_override_needs_a_reason() -> None:
    decl = _decl()
    finding = screen.screen_declaration(decl)[0]
    with pytest.raises(InputError, match="reason"):
        record_override(decl, finding, "  ")
    assert "history" not in decl.extra or decl.extra["history"] == []


def test_the_workspace_screens_with_its_own_imported_rules(tmp_path: Path, workspace) -> None:
    from shipdesk.core.services import data, data_versions, declarations

    imported, active = data.import_rules(workspace, make_bundle(tmp_path, "2099.1.0"))
    assert imported.dataset_version == active.dataset_version == "2099.1.0"
    assert data.rules(workspace) == (active, None)
    assert "2099.1.0" in data_versions(workspace.folders)["rules"]
    assert active_rules.active_ruleset().dataset_version != "2099.1.0"  # no ambient rules folder
    assert declarations.screen(workspace, _decl(), lang="en")
    what, now = data.rollback_rules(workspace)
    assert what == "shipped rule set" and now.origin == "shipped"
