"""Attacks on the rule bundles through the ``rules`` command: none may switch screening off.

Each test reproduces one way a bundle used to silence screening (issue 11, item 5): a bundle with
a high version and no rules, a veto of "power bank*", an old bundle installed with ``--force``,
a manifest or signature made by anyone. Every refusal is one line on stderr, exit 2, and the
shipped rules keep screening.
"""

from __future__ import annotations

import base64
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from shipdesk.cli.main import main
from shipdesk.core.paths import resource
from shipdesk.core.screening import active_rules

SHIPPED_VERSION = re.compile(r'dataset_version = "[^"]*"')
POWER_BANK = json.dumps({"description": "Power bank 20000mAh", "destination": "AU"})


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("SHIPDESK_HOME", str(tmp_path / "home"))
    active_rules.reload()
    yield tmp_path
    monkeypatch.undo()
    active_rules.reload()


def power_bank_rules(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> set:
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO(POWER_BANK + "\n"))
    assert main(["check", "--batch"]) == 0
    out = capsys.readouterr().out
    return {f["rule"] for f in json.loads(out.splitlines()[0])["findings"]}


def copy_shipped(tmp_path: Path, version: str, name: str = "bundle") -> Path:
    src = tmp_path / name
    shutil.copytree(resource("rules"), src)
    groups = src / "groups.toml"
    groups.write_text(
        SHIPPED_VERSION.sub(
            f'dataset_version = "{version}"', groups.read_text(encoding="utf-8"), 1
        ),
        encoding="utf-8",
    )
    return src


def refused(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["rules", "import", *args]) == 2
    err = capsys.readouterr().err.strip()
    assert err and "\n" not in err and "Traceback" not in err
    return err


def assert_shipped_active(capsys: pytest.CaptureFixture[str]) -> dict:
    capsys.readouterr()
    assert main(["rules", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["origin"] == "shipped" and info["rules"] > 150
    return info


def test_zero_rule_bundle_with_a_high_version_is_refused(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = home / "empty"
    src.mkdir()
    header = 'schema = "restricted-rules/1"\nfile_version = "1"\ndate = "2026-12-01"\n'
    (src / "groups.toml").write_text(header + 'dataset_version = "9999.1.0"\n', encoding="utf-8")
    (src / "none.toml").write_text(header + "rules = []\n", encoding="utf-8")
    assert main(["rules", "manifest", str(src)]) == 0  # anyone can write a manifest
    err = refused(capsys, str(src))
    assert str(src) in err
    assert_shipped_active(capsys)
    assert "DG-LI-LOOSE" in power_bank_rules(monkeypatch, capsys)


def test_veto_of_power_bank_in_a_bundle_is_refused(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = copy_shipped(home, "2099.1.0")
    dg = src / "dg.toml"
    text = dg.read_text(encoding="utf-8")
    start = text.index('id = "DG-LI-LOOSE"')
    at = text.index("veto = [", start) + len("veto = [")
    dg.write_text(text[:at] + '"power bank*", ' + text[at:], encoding="utf-8")
    assert main(["rules", "manifest", str(src)]) == 0
    err = refused(capsys, str(src))
    assert "sign" in err
    assert_shipped_active(capsys)
    assert "DG-LI-LOOSE" in power_bank_rules(monkeypatch, capsys)


def test_forced_old_bundle_never_overrides_the_shipped_set(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = copy_shipped(home, "2020.1.0")
    dg = src / "dg.toml"
    text = dg.read_text(encoding="utf-8")
    dg.write_text(
        text.replace(
            'id = "DG-LI-LOOSE"\nlevel = "prohibited"', 'id = "DG-LI-LOOSE"\nlevel = "warning"'
        ),
        encoding="utf-8",
    )
    assert main(["rules", "manifest", str(src)]) == 0
    refused(capsys, str(src), "--force")
    assert_shipped_active(capsys)
    assert "DG-LI-LOOSE" in power_bank_rules(monkeypatch, capsys)


def test_forged_manifest_and_signature_are_refused(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    src = copy_shipped(home, "2099.1.0")
    dg = src / "dg.toml"
    dg.write_text(
        dg.read_text(encoding="utf-8").replace('"power bank*", ', "", 1), encoding="utf-8"
    )
    assert main(["rules", "manifest", str(src)]) == 0
    # signed with a key of the attacker's own, in the signature file's format
    key = Ed25519PrivateKey.generate()
    signature = key.sign((src / "MANIFEST.json").read_bytes())
    (src / "MANIFEST.sig").write_text(
        json.dumps(
            {
                "format": "shipdesk.rules-signature/1",
                "algorithm": "ed25519",
                "key_id": "0123456789abcdef",
                "signature": base64.b64encode(signature).decode("ascii"),
            }
        ),
        encoding="utf-8",
    )
    err = refused(capsys, str(src))
    assert "key" in err
    assert_shipped_active(capsys)
    assert "DG-LI-LOOSE" in power_bank_rules(monkeypatch, capsys)


# -- local rules: they can only add findings ---------------------------------------------------
LOCAL_HEADER = 'schema = "restricted-rules/1"\nfile_version = "1"\ndate = "2026-12-01"\n'
LOCAL_RULE = """
[[rules]]
id = "{rid}"
level = "{level}"
category = "other"
title = "House rule: no snow globes to {dest}"
scope = {{ destinations = ["{dest}"] }}
legal_basis = "Our own shipping policy"
confidence = "knowledge"
review_by = "2027-12-31"
{extra}
[rules.message]
en = "We do not ship snow globes."
fr = "Nous n'expédions pas de boules à neige."
de = "Wir versenden keine Schneekugeln."
[rules.advice]
en = "Remove the item."
fr = "Retirez l'article."
de = "Artikel entfernen."
[[rules.match]]
keywords = ["{keyword}"]
exclude = []
"""


def local_file(folder: Path, name: str, **fields: str) -> Path:
    values = {
        "rid": "HOUSE-SNOW-GLOBE",
        "level": "prohibited",
        "dest": "AU",
        "keyword": "snow globe*",
        "extra": "",
    } | fields
    path = folder / name
    path.write_text(LOCAL_HEADER + LOCAL_RULE.format(**values), encoding="utf-8")
    return path


def batch_findings(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], description: str
) -> list[dict]:
    capsys.readouterr()
    line = json.dumps({"description": description, "destination": "AU"})
    monkeypatch.setattr("sys.stdin", io.StringIO(line + "\n"))
    main(["check", "--batch"])
    return json.loads(capsys.readouterr().out.splitlines()[0])["findings"]


def test_local_rules_add_findings_marked_local(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    path = local_file(home, "house.toml")
    assert main(["rules", "import", "--local", str(path)]) == 0
    assert "local rules now: 1" in capsys.readouterr().out
    found = batch_findings(monkeypatch, capsys, "Snow globe with glitter")
    assert [(f["rule"], f["level"], f["local"]) for f in found] == [
        ("HOUSE-SNOW-GLOBE", "prohibited", True)
    ]
    assert "Local rule" in found[0]["message"]
    assert all(not f["local"] for f in batch_findings(monkeypatch, capsys, "Power bank 10000mAh"))

    assert main(["rules", "info"]) == 0
    out = capsys.readouterr().out
    assert (
        "local house.toml" in out and "local rules (yours, not ShipDesk's): HOUSE-SNOW-GLOBE" in out
    )
    assert "1 local rules added" in out
    assert main(["rules", "info", "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert info["origin"] == "shipped" and info["local_rules"] == ["HOUSE-SNOW-GLOBE"]

    assert main(["rules", "rollback", "--local"]) == 0
    assert "removed the local rules (1 files)" in capsys.readouterr().out
    assert batch_findings(monkeypatch, capsys, "Snow globe with glitter") == []


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"extra": 'veto = ["power bank*"]'},
         "HOUSE-SNOW-GLOBE: a local rule cannot have a 'veto'"),
        ({"extra": 'veto_sets = ["merch"]'},
         "HOUSE-SNOW-GLOBE: a local rule cannot have 'veto_sets'"),
        ({"extra": 'supersedes = ["DG-LI-LOOSE"]'},
         "HOUSE-SNOW-GLOBE: a local rule cannot supersede another rule"),
        ({"rid": "DG-LI-LOOSE", "level": "warning", "dest": "ALL", "keyword": "power bank*"},
         "DG-LI-LOOSE: a local rule cannot replace or change a shipped rule"),
    ],
)  # fmt: skip
def test_local_rule_that_would_remove_or_weaken_a_finding_is_refused(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fields: dict,
    expected: str,
) -> None:
    path = local_file(home, "mine.toml", **fields)
    err = refused(capsys, "--local", str(path))
    assert f"local rules rejected: invalid rule data: mine.toml: rule {expected}" in err
    assert str(path) in err
    assert "DG-LI-LOOSE" in power_bank_rules(monkeypatch, capsys)
    assert not (home / "home" / "data" / "rules" / "local").exists()


def test_local_import_of_a_whole_rule_folder_is_refused(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = copy_shipped(home, "2099.1.0")
    err = refused(capsys, "--local", str(src))
    assert "local rules rejected: invalid rule data: dest/AE.toml: rule AE-" in err
    mine = home / "mine"
    mine.mkdir()
    local_file(mine, "house.toml")
    shutil.copy(resource("rules") / "groups.toml", mine / "groups.toml")
    err = refused(capsys, "--local", str(mine))
    assert "groups.toml: local rules cannot change the country groups" in err


def test_local_rules_stay_when_a_signed_bundle_is_refused(
    home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    local_file(home, "house.toml")
    assert main(["rules", "import", "--local", str(home / "house.toml")]) == 0
    src = copy_shipped(home, "2099.1.0")
    assert main(["rules", "manifest", str(src)]) == 0
    refused(capsys, str(src))
    rules = {f["rule"] for f in batch_findings(monkeypatch, capsys, "Snow globe, power bank")}
    assert {"HOUSE-SNOW-GLOBE", "DG-LI-LOOSE"} <= rules


def test_rollback_options(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules", "rollback", "--shipped"]) == 2
    assert "already in use" in capsys.readouterr().err
    assert main(["rules", "rollback", "--local"]) == 2
    assert "no local rules" in capsys.readouterr().err
    assert main(["rules", "rollback", "--local", "--shipped"]) == 2
    assert main(["rules", "import", "--local", "--force", "x.toml"]) == 2
