"""Rule bundles (signed sha256 manifest, import, rollback, fallback) and overrides.

The bundles are signed with a key made for the test and trusted through the ``keys`` parameter.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.exchange.declaration_json import dumps, loads
from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.paths import resource
from shipdesk.core.screening import active_rules, bundle, screen, signing
from shipdesk.core.screening.overrides import blocking, record_override

TEST_KEY = signing.generate_private_key()
KEYS = {signing.key_id(TEST_KEY.public_key()): TEST_KEY.public_key()}


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
        re.sub(r'dataset_version = "[^"]*"', f'dataset_version = "{version}"', text, count=1),
        encoding="utf-8",
    )
    bundle.write_manifest(dest)
    signing.sign_folder(dest, TEST_KEY)
    return dest


def resign(folder: Path) -> None:
    """Rewrite the manifest and sign it again (as a maintainer would after a change)."""
    bundle.write_manifest(folder)
    signing.sign_folder(folder, TEST_KEY)


def test_import_newer_bundle_then_rollback(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    assert active_rules.active_ruleset(root, KEYS).origin == "shipped"
    src = make_bundle(home, "2099.1.0")
    rs = bundle.import_bundle(src, root, keys=KEYS)
    assert rs.dataset_version == "2099.1.0"
    active = active_rules.reload(root, KEYS)
    assert active.origin == "imported" and active.dataset_version == "2099.1.0"
    assert "2099.1.0" in active_rules.rules_version(root, KEYS)
    assert "newer than the shipped" in active_rules.reason(root, KEYS)

    newer = make_bundle(home, "2099.2.0", "bundle2")
    bundle.import_bundle(newer, root, current_version=active.dataset_version, keys=KEYS)
    assert active_rules.reload(root, KEYS).dataset_version == "2099.2.0"
    assert bundle.rollback(root) == "previous imported rule set"
    assert active_rules.reload(root, KEYS).dataset_version == "2099.1.0"


def test_rollback_to_shipped_and_nothing_to_roll_back(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    bundle.import_bundle(make_bundle(home, "2099.1.0"), root, keys=KEYS)
    assert bundle.rollback(root) == "shipped rule set"
    assert active_rules.reload(root, KEYS).origin == "shipped"
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
    assert bundle.import_bundle(archive, root, keys=KEYS).dataset_version == "2099.3.0"


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
        bundle.import_bundle(archive, root, keys=KEYS)
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
    signing.sign_folder(src, TEST_KEY)
    with pytest.raises(InputError, match="unsafe path"):
        bundle.import_bundle(src, root, keys=KEYS)


def test_tampered_file_is_rejected(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.1.0")
    with (src / "dg.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n# changed\n")
    with pytest.raises(InputError, match=r"dg\.toml: sha256 does not match"):
        bundle.import_bundle(src, root, keys=KEYS)
    assert not bundle.active_dir(root).exists()


def test_unlisted_file_and_invalid_rules_are_rejected(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.1.0")
    (src / "extra.toml").write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(InputError, match="not listed"):
        bundle.import_bundle(src, root, keys=KEYS)
    src2 = make_bundle(home, "2099.1.1", "b2")
    dg = src2 / "dg.toml"
    dg.write_text(dg.read_text(encoding="utf-8").replace('level = "restricted"', 'level = "x"', 1))
    manifest = json.loads((src2 / bundle.MANIFEST).read_text(encoding="utf-8"))
    manifest["files"]["dg.toml"] = bundle.sha256_file(dg)
    (src2 / bundle.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
    signing.sign_folder(src2, TEST_KEY)
    with pytest.raises(InputError, match=r"bundle rejected: .*dg\.toml: rule DG-LI-ION-IN-EQUIP"):
        bundle.import_bundle(src2, root, keys=KEYS)


def test_bundle_not_newer_than_the_shipped_set_is_refused_even_forced(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    shipped = active_rules.shipped_ruleset().dataset_version
    for version in ("2020.1.0", shipped):
        src = make_bundle(home, version, f"b-{version}")
        for force in (False, True):
            with pytest.raises(InputError, match="not newer than the shipped rules"):
                bundle.import_bundle(src, root, force=force, keys=KEYS)
    assert not bundle.active_dir(root).exists()
    assert active_rules.reload(root, KEYS).origin == "shipped"


def test_force_goes_back_to_an_older_signed_set_still_newer_than_shipped(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    bundle.import_bundle(make_bundle(home, "2099.2.0"), root, keys=KEYS)
    older = make_bundle(home, "2099.1.0", "older")
    with pytest.raises(InputError, match=r"not newer than the active 2099\.2\.0"):
        bundle.import_bundle(older, root, current_version="2099.2.0", keys=KEYS)
    bundle.import_bundle(older, root, current_version="2099.2.0", force=True, keys=KEYS)
    assert active_rules.reload(root, KEYS).dataset_version == "2099.1.0"


def test_a_newer_shipped_set_wins_over_the_imported_one(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = home / "home" / "data" / "rules"
    bundle.import_bundle(make_bundle(home, "2099.1.0"), root, keys=KEYS)
    assert active_rules.reload(root, KEYS).dataset_version == "2099.1.0"
    # the application is updated with a newer shipped set
    update = make_bundle(home, "2100.1.0", "app-update")
    monkeypatch.setattr(bundle, "shipped_dir", lambda: update)
    active_rules.reload()
    try:
        rs = active_rules.reload(root, KEYS)
        assert rs.origin == "shipped" and rs.dataset_version == "2100.1.0"
        why = active_rules.reason(root, KEYS)
        assert "not older than the imported 2099.1.0" in why
        assert "shipped" in active_rules.rules_version(root, KEYS)
    finally:
        monkeypatch.undo()
        active_rules.reload()


def test_legacy_forced_or_unsigned_set_in_the_data_folder_is_not_used(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.1.0")
    (src / signing.SIGNATURE).unlink()
    shutil.copytree(src, bundle.active_dir(root))
    (bundle.active_dir(root) / "FORCED").write_text("installed with --force\n", encoding="utf-8")
    rs = active_rules.reload(root, KEYS)
    assert rs.origin == "shipped"
    assert "not signed" in (active_rules.load_error(root, KEYS) or "")
    assert "(" in active_rules.rules_version(root, KEYS) and "imported" not in (
        active_rules.rules_version(root, KEYS)
    )


def test_signed_bundle_altered_after_signing_is_refused(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.1.0")
    dg = src / "dg.toml"
    dg.write_text(dg.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    bundle.write_manifest(src)  # manifest made again without the key
    with pytest.raises(InputError, match="signature does not match"):
        bundle.import_bundle(src, root, keys=KEYS)


def test_bundle_signed_with_an_unknown_key_is_refused(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.1.0")
    signing.sign_folder(src, signing.generate_private_key())
    with pytest.raises(InputError, match="not a ShipDesk maintainer key"):
        bundle.import_bundle(src, root, keys=KEYS)
    # and the test key is not trusted by the application itself
    signing.sign_folder(src, TEST_KEY)
    with pytest.raises(InputError, match="not a ShipDesk maintainer key"):
        bundle.import_bundle(src, root)


@pytest.mark.parametrize("content", ["", "{", "[]", '{"format": "x"}', "x" * 5000])
def test_unreadable_signature_file_is_refused(home: Path, content: str) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.1.0")
    (src / signing.SIGNATURE).write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=r"MANIFEST\.sig"):
        bundle.import_bundle(src, root, keys=KEYS)


def test_signed_bundle_with_no_rules_is_refused(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = home / "empty"
    src.mkdir()
    header = 'schema = "restricted-rules/1"\nfile_version = "1"\ndate = "2026-12-01"\n'
    (src / "groups.toml").write_text(header + 'dataset_version = "9999.1.0"\n', encoding="utf-8")
    (src / "none.toml").write_text(header + "rules = []\n", encoding="utf-8")
    resign(src)
    with pytest.raises(InputError, match="holds no rules"):
        bundle.import_bundle(src, root, keys=KEYS)


def test_signed_bundle_missing_a_shipped_destination_is_refused(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    src = make_bundle(home, "2099.1.0")
    (src / "dest" / "NZ.toml").unlink()
    resign(src)
    with pytest.raises(InputError, match="has no rules for NZ, which the shipped rules cover"):
        bundle.import_bundle(src, root, keys=KEYS)


def test_rollback_to_shipped_keeps_the_imported_set(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    bundle.import_bundle(make_bundle(home, "2099.1.0"), root, keys=KEYS)
    assert bundle.rollback(root, to_shipped=True) == "shipped rule set"
    assert active_rules.reload(root, KEYS).origin == "shipped"
    assert "rolled back" in active_rules.reason(root, KEYS)
    with pytest.raises(InputError, match="already in use"):
        bundle.rollback(root, to_shipped=True)
    assert bundle.rollback(root) == "previous imported rule set"
    assert active_rules.reload(root, KEYS).dataset_version == "2099.1.0"


def test_broken_active_set_falls_back_and_reports(home: Path) -> None:
    root = home / "home" / "data" / "rules"
    bundle.import_bundle(make_bundle(home, "2099.1.0"), root, keys=KEYS)
    with (bundle.active_dir(root) / "dg.toml").open("a", encoding="utf-8") as fh:
        fh.write("\n# damaged\n")
    rs = active_rules.reload(root, KEYS)
    assert rs.origin == "shipped"
    assert "sha256 does not match" in (active_rules.load_error(root, KEYS) or "")
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

    workspace.rule_keys = KEYS
    imported, active = data.import_rules(workspace, make_bundle(tmp_path, "2099.1.0"))
    assert imported.dataset_version == active.dataset_version == "2099.1.0"
    assert data.rules(workspace) == (active, None)
    # the version shown at start trusts only the maintainers' keys, not the test's
    assert "2099.1.0" not in data_versions(workspace.folders)["rules"]
    assert active_rules.active_ruleset().dataset_version != "2099.1.0"  # no ambient rules folder
    assert declarations.screen(workspace, _decl(), lang="en")
    what, now = data.rollback_rules(workspace)
    assert what == "shipped rule set" and now.origin == "shipped"


# -- local rules ----------------------------------------------------------------------------
LOCAL = """schema = "restricted-rules/1"
file_version = "1"
date = "2026-12-01"

[[rules]]
id = "{rid}"
level = "restricted"
category = "other"
title = "Our own rule"
scope = {{ destinations = ["ALL"] }}
legal_basis = "House policy"
confidence = "knowledge"
review_by = "2027-12-31"
message = {{ en = "Check with the desk.", fr = "Voir le service.", de = "Versand fragen." }}
advice = {{ en = "Ask first.", fr = "Demandez.", de = "Fragen." }}
[[rules.match]]
keywords = ["garden gnome*"]
exclude = []
"""


def test_local_rules_through_the_services_are_added_and_marked(tmp_path: Path, workspace) -> None:
    from shipdesk.core.services import data, declarations

    workspace.rule_keys = KEYS
    path = tmp_path / "house.toml"
    path.write_text(LOCAL.format(rid="HOUSE-GNOME"), encoding="utf-8")
    count, active = data.import_local_rules(workspace, path)
    assert count == 1 and [r.id for r in active.local_rules] == ["HOUSE-GNOME"]
    assert "1 local rules" in active.version_text()
    decl = _decl()
    decl.items.append(Item(description="Garden gnome"))
    found = declarations.screen(workspace, decl, lang="de")
    local = [f for f in found if f.local]
    assert [(f.rule, f.item_index) for f in local] == [("HOUSE-GNOME", 2)]
    assert "Lokale Regel" in local[0].message
    assert not any(f.local for f in found if f.rule != "HOUSE-GNOME")

    # a signed update on top keeps the local rules
    data.import_rules(workspace, make_bundle(tmp_path, "2099.1.0"))
    rs, error = data.rules(workspace)
    assert rs.origin == "imported" and error is None
    assert [r.id for r in rs.local_rules] == ["HOUSE-GNOME"]
    assert "1 local rules added" in data.rules_reason(workspace)
    assert data.remove_local_rules(workspace)[0] == 1
    assert data.rules(workspace)[0].local_rules == []


def test_local_rule_clashing_with_a_newer_signed_set_is_reported_not_used(
    tmp_path: Path, home: Path
) -> None:
    root = home / "home" / "data" / "rules"
    path = tmp_path / "house.toml"
    path.write_text(LOCAL.format(rid="HOUSE-GNOME"), encoding="utf-8")
    shipped = active_rules.shipped_ruleset()
    bundle.import_local(path, root, shipped, set(shipped.by_id))
    # the maintainers later publish a rule with the same id
    src = make_bundle(tmp_path, "2099.1.0")
    (src / "house.toml").write_text(LOCAL.format(rid="HOUSE-GNOME"), encoding="utf-8")
    resign(src)
    bundle.import_bundle(src, root, keys=KEYS)
    rs = active_rules.reload(root, KEYS)
    assert rs.origin == "imported" and rs.local_rules == []
    assert "local rules in" in (active_rules.load_error(root, KEYS) or "")
    assert "HOUSE-GNOME: a local rule cannot replace" in (active_rules.load_error(root, KEYS) or "")
