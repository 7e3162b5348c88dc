"""The maintainers' keys file, signing and the maintainer tool ``tools/sign_rules.py``."""

from __future__ import annotations

import importlib.util
import shutil
from datetime import date
from pathlib import Path

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.paths import resource
from shipdesk.core.screening import bundle, signing

ROOT = Path(__file__).resolve().parents[2]


def _tool():
    spec = importlib.util.spec_from_file_location("sign_rules", ROOT / "tools" / "sign_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_shipped_keys_file_is_valid_and_dated() -> None:
    keys = signing.shipped_keys()
    assert keys and all(len(kid) == 16 for kid in keys)
    text = signing.keys_file().read_text(encoding="utf-8")
    assert "\ndate = " in text and "BEGIN" not in text
    assert not [p for p in _project_files() if p.suffix == ".pem"], "a private key file"


def _project_files() -> list[Path]:
    """The files of the project, without virtual environments, caches and build output."""
    skip = {"build", "dist", "node_modules", "__pycache__"}
    out: list[Path] = []
    for folder in (ROOT / "shipdesk", ROOT / "resources", ROOT / "tools", ROOT / "tests"):
        out += [p for p in folder.rglob("*") if not skip & set(p.parts)]
    out += [p for p in ROOT.iterdir() if p.is_file()]
    return out


def _keys_file(tmp_path: Path, entry: str) -> Path:
    path = tmp_path / "keys.toml"
    path.write_text(f'schema = "{signing.KEYS_SCHEMA}"\n[[keys]]\n{entry}\n', encoding="utf-8")
    return path


def test_keys_file_checks_the_id_and_leaves_out_expired_keys(tmp_path: Path) -> None:
    key = signing.generate_private_key().public_key()
    kid, text = signing.key_id(key), signing.public_text(key)
    good = f'id = "{kid}"\nalgorithm = "ed25519"\npublic_key = "{text}"'
    assert list(signing.read_keys(_keys_file(tmp_path, good))) == [kid]
    expired = good + "\nvalid_until = 2026-01-01"
    assert signing.read_keys(_keys_file(tmp_path, expired), today=date(2026, 6, 1)) == {}
    wrong = good.replace(kid, "0" * 16)
    with pytest.raises(DataError, match=f"'id' must be {kid}"):
        signing.read_keys(_keys_file(tmp_path, wrong))
    with pytest.raises(DataError, match="not a base64 Ed25519 key"):
        signing.read_keys(_keys_file(tmp_path, good.replace(text, "abc")))


def test_maintainer_tool_makes_a_key_and_signs_a_bundle(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    tool = _tool()
    pem = tmp_path / "keys" / "maintainer.pem"
    pem.parent.mkdir()
    monkeypatch.setenv("TEST_SIGNING_PASSWORD", "correct horse")
    assert tool.main(["keygen", "--out", str(pem), "--password-env", "TEST_SIGNING_PASSWORD"]) == 0
    out = capsys.readouterr().out
    assert "[[keys]]" in out and "public_key = " in out
    assert pem.stat().st_mode & 0o077 == 0  # readable by its owner only
    assert b"ENCRYPTED" in pem.read_bytes()
    assert tool.main(["keygen", "--out", str(pem), "--no-password"]) == 2  # never overwritten
    assert tool.main(["keygen", "--out", str(ROOT / "x.pem"), "--no-password"]) == 2
    assert not (ROOT / "x.pem").exists()

    src = tmp_path / "bundle"
    shutil.copytree(resource("rules"), src)
    args = ["sign", str(src), "--key", str(pem), "--password-env", "TEST_SIGNING_PASSWORD"]
    assert tool.main(args) == 0
    key = signing.load_private_key(pem, b"correct horse")
    trusted = {signing.key_id(key.public_key()): key.public_key()}
    assert bundle.signer(src, trusted) == signing.key_id(key.public_key())
    with pytest.raises(DataError, match="not a ShipDesk maintainer key"):
        bundle.signer(src)  # a fresh key is not trusted until it ships in the keys file
    monkeypatch.setenv("TEST_SIGNING_PASSWORD", "wrong")
    assert tool.main(args) == 2
    assert "not a readable private key" in capsys.readouterr().err


def test_a_key_file_written_by_the_earlier_tool_still_signs_the_same(tmp_path: Path) -> None:
    """Private key files are PKCS#8 PEM as before: a maintainer's existing key loads, has the
    same id and makes the same (deterministic) Ed25519 signatures."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    old = Ed25519PrivateKey.generate()
    pem = old.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(b"pass"),
    )
    path = tmp_path / "maintainer.pem"
    path.write_bytes(pem)
    key = signing.load_private_key(path, b"pass")
    raw = old.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    assert signing.raw_public(key.public_key()) == raw
    assert key.sign(b"MANIFEST") == old.sign(b"MANIFEST")
    again = tmp_path / "again.pem"
    again.write_bytes(signing.private_key_pem(key, b"other"))
    assert signing.load_private_key(again, b"other").sign(b"x") == old.sign(b"x")
    with pytest.raises(DataError, match="not a readable private key"):
        signing.load_private_key(path, b"wrong")


def test_a_signature_of_the_wrong_length_is_a_mismatch_not_a_crash(tmp_path: Path) -> None:
    import base64
    import json

    key = signing.generate_private_key()
    trusted = {signing.key_id(key.public_key()): key.public_key()}
    folder = tmp_path / "b"
    shutil.copytree(resource("rules"), folder)
    bundle.write_manifest(folder)
    signing.sign_folder(folder, key)
    sig = json.loads((folder / "MANIFEST.sig").read_text(encoding="utf-8"))
    sig["signature"] = base64.b64encode(b"short").decode("ascii")
    (folder / "MANIFEST.sig").write_text(json.dumps(sig), encoding="utf-8")
    with pytest.raises(DataError, match="does not match"):
        signing.verify_folder(folder, trusted)
