"""Updating the duty data with a signed bundle: the same integrity and rollback rules as the
restricted-goods rules (manifest, maintainer signature, schema of every file, completeness,
newer than the shipped data), and the estimate using the data in use.

The bundles are signed with a key made for the test and trusted through the ``keys`` parameter.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from shipdesk.core import bundles, signing
from shipdesk.core.duties import bundle
from shipdesk.core.duties.data import shipped_folder
from shipdesk.core.duties.estimate import estimate
from shipdesk.core.errors import InputError
from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.rates import RateBook

TEST_KEY = signing.generate_private_key()
KEYS = {signing.key_id(TEST_KEY.public_key()): TEST_KEY.public_key()}
OTHER_KEY = signing.generate_private_key()


def make_bundle(tmp_path: Path, version: str, name: str = "bundle", fee: str = "7") -> Path:
    dest = tmp_path / name
    shutil.copytree(shipped_folder(), dest)
    eu = dest / "EU.toml"
    eu.write_text(eu.read_text("utf-8").replace('amount = "6"', f'amount = "{fee}"'), "utf-8")
    bundle.write_manifest(dest, version)
    signing.sign_folder(dest, TEST_KEY)
    return dest


def resign(folder: Path, key=TEST_KEY) -> None:
    """Manifest made again and signed (without the schema check a maintainer's tool runs, so a
    broken file can reach the import)."""
    version = bundle.dataset_version(folder)
    bundles.write_manifest_data(
        folder, bundles.build_manifest(folder, bundle.MANIFEST_FORMAT, version)
    )
    signing.sign_folder(folder, key)


def de_fee(root: Path) -> str:
    data, _why = bundle.data_in_use(root)
    d = Declaration(
        currency="EUR",
        sender=Party(name="S", country="US"),
        recipient=Party(name="R", country="DE"),
        items=[Item(description="x", value="100", hs_code="610910", origin_country="US")],
        date="2026-12-01",
    )
    e = estimate(d, data, rates=RateBook())
    return next(str(ln.amount) for ln in e.lines if ln.kind == "fee")


def test_the_shipped_manifest_matches_the_shipped_files():
    shipped = json.loads((shipped_folder() / "MANIFEST.json").read_text("utf-8"))
    assert bundle.build_manifest(shipped_folder(), shipped["dataset_version"]) == shipped


def test_import_a_newer_signed_bundle_then_roll_back(tmp_path: Path):
    root = tmp_path / "duties"
    assert de_fee(root) == "6.00"
    bundle.import_bundle(make_bundle(tmp_path, "2099.1.0"), root, keys=KEYS)
    assert bundle.data_in_use(root)[1] == "imported duty data 2099.1.0"
    assert de_fee(root) == "7.00"
    bundle.import_bundle(make_bundle(tmp_path, "2099.2.0", "b2", fee="8"), root, keys=KEYS)
    assert de_fee(root) == "8.00"
    assert bundle.rollback(root) == "previous imported duty data set"
    assert de_fee(root) == "7.00"
    assert bundle.rollback(root, to_shipped=True) == "shipped duty data set"
    assert de_fee(root) == "6.00"


def test_a_zip_bundle_is_accepted(tmp_path: Path):
    src = make_bundle(tmp_path, "2099.1.0")
    zpath = tmp_path / "duties.zip"
    with zipfile.ZipFile(zpath, "w") as zf:
        for p in src.iterdir():
            zf.write(p, f"duties-2099/{p.name}")
    bundle.import_bundle(zpath, tmp_path / "duties", keys=KEYS)
    assert de_fee(tmp_path / "duties") == "7.00"


def _refused(src: Path, root: Path, match: str, **kw) -> None:
    with pytest.raises(InputError, match=match) as exc:
        bundle.import_bundle(src, root, keys=KEYS, **kw)
    assert "\n" not in str(exc.value)
    assert bundle.data_in_use(root)[0].folder == str(shipped_folder()) or kw


def test_unsigned_altered_foreign_key_bundles_are_refused(tmp_path: Path):
    root = tmp_path / "duties"
    unsigned = make_bundle(tmp_path, "2099.1.0", "unsigned")
    (unsigned / "MANIFEST.sig").unlink()
    _refused(unsigned, root, "not signed")
    altered = make_bundle(tmp_path, "2099.1.0", "altered")
    (altered / "GB.toml").write_text((altered / "GB.toml").read_text("utf-8") + "\n# x\n", "utf-8")
    _refused(altered, root, "GB.toml: sha256 does not match")
    foreign = make_bundle(tmp_path, "2099.1.0", "foreign")
    resign(foreign, OTHER_KEY)
    _refused(foreign, root, "not a ShipDesk maintainer key")


def test_broken_incomplete_or_older_bundles_are_refused(tmp_path: Path):
    root = tmp_path / "duties"
    broken = make_bundle(tmp_path, "2099.1.0", "broken")
    uk = broken / "GB.toml"
    uk.write_text(uk.read_text("utf-8").replace('rate = "20"', 'rate = "twenty"', 1), "utf-8")
    resign(broken)
    _refused(broken, root, r"GB.toml: rules\[\d\].rate: 'twenty' is not a number")
    short = make_bundle(tmp_path, "2099.1.0", "short")
    (short / "JP.toml").unlink()
    resign(short)
    _refused(short, root, "no data for JP, which the shipped data covers")
    old = make_bundle(tmp_path, "2026.1.0", "old")
    _refused(old, root, "not newer than the shipped duty data")


def test_same_version_again_needs_force(tmp_path: Path):
    root = tmp_path / "duties"
    bundle.import_bundle(make_bundle(tmp_path, "2099.1.0"), root, keys=KEYS)
    again = make_bundle(tmp_path, "2099.1.0", "again", fee="9")
    with pytest.raises(InputError, match=r"not newer than the active 2099\.1\.0"):
        bundle.import_bundle(again, root, keys=KEYS)
    bundle.import_bundle(again, root, keys=KEYS, force=True)
    assert de_fee(root) == "9.00"


def test_an_imported_set_altered_afterwards_is_not_used(tmp_path: Path):
    root = tmp_path / "duties"
    bundle.import_bundle(make_bundle(tmp_path, "2099.1.0"), root, keys=KEYS)
    eu = root / "active" / "EU.toml"
    eu.write_text(eu.read_text("utf-8").replace('amount = "7"', 'amount = "70"'), "utf-8")
    data, why = bundle.data_in_use(root)
    assert data.folder == str(shipped_folder())
    assert "EU.toml: sha256 does not match" in why
    assert de_fee(root) == "6.00"
