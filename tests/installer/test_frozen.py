"""The frozen folder dist/ShipDesk run as a person would: no checkout, no Python, a fresh home.

Each command of the CLI's table answers ``--help`` and does real work; the resources (tariff
index and model, rules, fonts, operators, rates, translations, samples) are found inside the
bundle; the window opens; portable mode writes nothing outside the folder."""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from shipdesk import __version__
from shipdesk.cli.commands import COMMANDS
from tests.installer.conftest import EXE_SUFFIX, ROOT, Run, clean_env, files_under, run

pytestmark = pytest.mark.installer

SAMPLES = ROOT / "resources" / "samples"


@pytest.fixture
def cli(bundle: Path) -> Path:
    return bundle / f"shipdesk-cli{EXE_SUFFIX}"


@pytest.fixture
def gui(bundle: Path) -> Path:
    return bundle / f"ShipDesk{EXE_SUFFIX}"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    return clean_env(home, SHIPDESK_HOME=str(tmp_path / "shipdesk-home"))


def test_version_names_the_app_and_its_data(cli: Path, env: dict[str, str], tmp_path: Path) -> None:
    r = run(cli, ["--version"], env, tmp_path)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0] == f"ShipDesk {__version__}"
    names = {line.split(":", 1)[0] for line in lines[1:]}
    assert {"tariff", "rules", "operators"} <= names


def test_classify_uses_the_bundled_tariff_model(
    cli: Path, env: dict[str, str], tmp_path: Path
) -> None:
    r = run(cli, ["classify", "wireless earbuds", "--top", "3", "--json"], env, tmp_path)
    assert r.returncode == 0, r.stderr
    suggestions = json.loads(r.stdout)["suggestions"]
    assert len(suggestions) == 3
    assert any(s["code"].startswith("8518") for s in suggestions), suggestions


def test_classify_batch_in_german(cli: Path, env: dict[str, str], tmp_path: Path) -> None:
    r = run(cli, ["classify", "--batch", "--top", "1"], env, tmp_path, stdin="Lippenstift\n")
    assert r.returncode == 0, r.stderr
    (line,) = r.stdout.splitlines()
    assert json.loads(line)["suggestions"][0]["code"].startswith("3304")


def test_check_batch_finds_a_loose_lithium_battery(
    cli: Path, env: dict[str, str], tmp_path: Path
) -> None:
    lines = [
        {"description": "power bank 20000 mAh", "destination": "US"},
        {"description": "cotton T-shirt", "destination": "FR", "hs_code": "610910"},
    ]
    stdin = "".join(json.dumps(x) + "\n" for x in lines)
    r = run(cli, ["check", "--batch", "--channel", "post"], env, tmp_path, stdin=stdin)
    assert r.returncode in (0, 1), r.stderr
    battery, shirt = (json.loads(x) for x in r.stdout.splitlines())
    assert battery["findings"][0]["level"] == "prohibited"
    assert battery["findings"][0]["category"] == "dangerous_goods"
    assert not [f for f in shirt["findings"] if f["level"] == "prohibited"]


def test_validate_the_sample_and_a_broken_file(
    cli: Path, env: dict[str, str], tmp_path: Path
) -> None:
    r = run(cli, ["validate", str(SAMPLES / "sample.shipdesk.json"), "--json"], env, tmp_path)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout) == {"form": "cn23", "problems": []}
    broken = tmp_path / "broken.shipdesk.json"
    broken.write_text("{ not json", encoding="utf-8")
    r = run(cli, ["validate", str(broken)], env, tmp_path)
    assert r.returncode == 2
    assert "broken.shipdesk.json" in r.stderr and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    ("recipient", "field", "code"),
    [
        ({"postcode": "ABCDE"}, "recipient.postcode", "postcode_invalid"),  # address data
        ({"country": "Vereinigte Staaten"}, "recipient.country", "country_alias"),  # CLDR names
        ({"phone": "+1 555 12"}, "recipient.phone", "phone_invalid"),  # phonenumbers' metadata
    ],
)
def test_validate_uses_the_bundled_address_and_country_data(
    recipient: dict[str, str],
    field: str,
    code: str,
    cli: Path,
    env: dict[str, str],
    tmp_path: Path,
) -> None:
    decl = json.loads((SAMPLES / "sample.shipdesk.json").read_text(encoding="utf-8"))
    decl["recipient"].update(recipient)
    path = tmp_path / "order.shipdesk.json"
    path.write_text(json.dumps(decl), encoding="utf-8")
    r = run(cli, ["validate", str(path), "--json"], env, tmp_path)
    assert r.returncode == 1, r.stderr
    problems = json.loads(r.stdout)["problems"]
    assert [(p["field"], p["code"]) for p in problems] == [(field, code)]


def test_render_writes_a_pdf_with_the_declaration_text(
    cli: Path, env: dict[str, str], tmp_path: Path
) -> None:
    out = tmp_path / "sample.pdf"
    args = ["render", str(SAMPLES / "sample.shipdesk.json"), "--out", str(out), "--form", "all"]
    r = run(cli, args, env, tmp_path)
    assert r.returncode == 0, r.stderr
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    for expected in ("CN 23", "CUSTOMS DECLARATION", "Anna Schmidt", "John Miller"):
        assert expected in text
    sample = json.loads((SAMPLES / "sample.shipdesk.json").read_text(encoding="utf-8"))
    assert sample["items"][0]["hs_code"] in text.replace(" ", "")


def test_import_of_the_sample_shop_export(cli: Path, env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "out"
    r = run(cli, ["import", str(SAMPLES / "shopify_orders.csv"), "--out", str(out)], env, tmp_path)
    # the sample export has no weights: every order is made and blocked on them (exit 1)
    assert r.returncode == 1, r.stderr
    assert "Shopify" in r.stdout and "Declarations made: 3" in r.stdout
    made = sorted(p.name for p in out.glob("*.shipdesk.json"))
    assert made == ["1001.shipdesk.json", "1002.shipdesk.json", "1003.shipdesk.json"]
    order = json.loads((out / "1001.shipdesk.json").read_text(encoding="utf-8"))
    assert order["recipient"]["country"] == "US"
    assert "HS codes suggested" in r.stdout


def test_shipdesk_cli_without_arguments_is_the_cli(
    cli: Path, gui: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """On Linux shipdesk-cli is a link to the one executable; under that name it is the CLI
    (usage, exit 2), never the window."""
    if sys.platform.startswith("linux"):
        assert cli.is_symlink() and cli.resolve() == gui.resolve()
    r = run(cli, [], env, tmp_path, timeout=60)
    assert r.returncode == 2, r.stdout + r.stderr
    assert r.stderr.startswith("usage: shipdesk ") and "window shown" not in r.stdout


@pytest.mark.parametrize("name", list(COMMANDS))
def test_every_command_of_the_table_answers_help(
    name: str, cli: Path, env: dict[str, str], tmp_path: Path
) -> None:
    r = run(cli, [name, "--help"], env, tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"usage: shipdesk {name} ")


# A real, quick run of each command of the table; a new command needs one here (checked below).
REAL_RUNS: dict[str, list[list[str]]] = {
    "classify": [["classify", "hoodie", "--top", "1"]],
    "check": [["check", "--batch"]],
    "validate": [["validate", "{sample}"]],
    "render": [["render", "{sample}", "--out", "{tmp}/r.pdf", "--form", "cn23"]],
    "estimate": [["estimate", "{sample}"], ["estimate", "{sample}", "--json"]],
    "import": [["import", "{orders}", "--out", "{tmp}/imported"]],
    "products": [["products", "list"]],
    "export": [["export", "template", "--out", "{tmp}/template.xlsx"]],
    "tariff": [["tariff", "info"], ["tariff", "browse", "8518"]],
    "rules": [["rules", "info"]],
    "duties": [["duties", "info"]],
    "rates": [["rates", "info"], ["rates", "convert", "10", "EUR", "USD"]],
    "backups": [["backups", "now"], ["backups", "list"]],
    "gui": [["gui", "--screenshots", "{tmp}/shots"]],
}
STDIN = {"check": '{"description": "hoodie", "destination": "DE"}\n'}


def test_every_command_of_the_table_has_a_real_run() -> None:
    assert list(REAL_RUNS) == list(COMMANDS)


@pytest.mark.parametrize("name", list(REAL_RUNS))
def test_every_command_of_the_table_runs(
    name: str, cli: Path, env: dict[str, str], tmp_path: Path
) -> None:
    values = {
        "sample": str(SAMPLES / "sample.shipdesk.json"),
        "orders": str(SAMPLES / "shopify_orders.csv"),
        "tmp": str(tmp_path),
    }
    for args in REAL_RUNS[name]:
        r = run(cli, [a.format(**values) for a in args], env, tmp_path, stdin=STDIN.get(name, ""))
        # import of the sample blocks on missing weights (1); everything else succeeds
        assert r.returncode == (1 if name == "import" else 0), (args, r.stderr)
        assert "Traceback" not in r.stderr and "internal error" not in r.stderr
    if name == "gui":
        shots = sorted(p.name for p in (tmp_path / "shots").glob("*.png"))
        assert "05-documents.png" in shots and "06-import.png" in shots


def assert_shown(r: Run, env: dict[str, str]) -> None:
    """The window was on screen before the app quit: said on stdout (a windowed executable on
    Windows has none) and in the log."""
    assert r.returncode == 0, r.stderr
    if os.name != "nt":
        assert r.stdout.startswith("window shown at "), r.stdout
    log = Path(env["SHIPDESK_HOME"]) / "logs" / "shipdesk.log"
    assert "exiting as asked" in log.read_text(encoding="utf-8")


def test_the_window_opens_and_the_app_exits_when_asked(
    gui: Path, env: dict[str, str], tmp_path: Path
) -> None:
    r = run(gui, ["gui", "--exit-when-shown"], env, tmp_path, timeout=120)
    assert_shown(r, env)


def test_the_window_opens_a_declaration_given_to_it(
    gui: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """What the file association runs: ShipDesk FILE.shipdesk.json."""
    sample = str(SAMPLES / "sample.shipdesk.json")
    r = run(gui, ["gui", "--exit-when-shown", sample], env, tmp_path, timeout=120)
    assert_shown(r, env)


@pytest.mark.parametrize("query", ["Bluetooth speaker", "wireles earbuds with chargng case"])
def test_frozen_and_source_classify_agree(
    query: str, cli: Path, env: dict[str, str], tmp_path: Path
) -> None:
    """The bundle carries the same tariff data and model as the checkout, and reads them the
    same way: the full-text index as the bundle slims it, and the typo correction on the one
    build of rapidfuzz's scorers the bundle keeps (the checkout picks the AVX2 build)."""
    import subprocess

    args = ["classify", query, "--top", "5", "--json"]
    frozen = run(cli, args, env, tmp_path)
    source = subprocess.run(
        [sys.executable, "-m", "shipdesk", *args],
        capture_output=True,
        text=True,
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=tmp_path,
        timeout=180,
    )
    assert frozen.returncode == source.returncode == 0, (frozen.stderr, source.stderr)
    codes = [
        [s["code"] for s in json.loads(out)["suggestions"]]
        for out in (frozen.stdout, source.stdout)
    ]
    assert codes[0] == codes[1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ELF libraries: Linux")
def test_every_library_finds_what_it_links(bundle: Path) -> None:
    """Nothing the spec leaves out or strips is missing: each library's dependencies are in the
    bundle or on the machine, as the executable sets the search path. The CUPS client library
    is the machine's: the print plugin finds it there."""
    import subprocess

    internal = bundle / "_internal"
    env = dict(os.environ, LD_LIBRARY_PATH=str(internal))
    missing: dict[str, list[str]] = {}
    for lib in sorted(internal.rglob("*.so*")):
        if lib.is_symlink() or not lib.is_file():
            continue
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, env=env).stdout
        gone = [line.split()[0] for line in out.splitlines() if "not found" in line]
        # the Wayland platform's client libraries come with a Wayland session, never bundled
        gone = [name for name in gone if not name.startswith("libwayland-")]
        if gone:
            missing[lib.relative_to(internal).as_posix()] = gone
    assert not missing
    (plugin,) = internal.rglob("libcupsprintersupport.so")
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env).stdout
    (cups,) = [line for line in out.splitlines() if "libcups.so" in line]
    assert "=> /" in cups and str(internal) not in cups, cups


@pytest.fixture
def portable_bundle(bundle: Path, tmp_path: Path) -> Path:
    """A copy of the bundle (hard links where the file system allows) with portable.txt."""
    copy = tmp_path / "usb-stick" / "ShipDesk"
    try:
        shutil.copytree(bundle, copy, symlinks=True, copy_function=os.link)
    except OSError:
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(bundle, copy, symlinks=True)
    (copy / "portable.txt").write_text("", encoding="utf-8")
    return copy


def test_portable_mode_keeps_every_user_file_beside_the_executable(
    portable_bundle: Path, tmp_path: Path
) -> None:
    home = tmp_path / "empty-home"
    home.mkdir()
    env = clean_env(home, TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    cli = portable_bundle / f"shipdesk-cli{EXE_SUFFIX}"
    gui = portable_bundle / f"ShipDesk{EXE_SUFFIX}"
    out = tmp_path / "out"
    for exe, args in [
        (cli, ["--version"]),
        (cli, ["classify", "hoodie"]),
        (cli, ["render", str(SAMPLES / "sample.shipdesk.json"), "--out", str(out / "s.pdf")]),
        (cli, ["backups", "now"]),
        (gui, ["gui", "--exit-when-shown"]),
    ]:
        r = run(exe, args, env, tmp_path)
        assert r.returncode == 0, (args, r.stderr)
    assert files_under(home) == []
    data = portable_bundle / "ShipDeskData"
    written = {p.relative_to(data).parts[0] for p in files_under(data)}
    assert {"data", "logs"} <= written
    assert any(p.suffix in (".db", ".sqlite", ".sqlite3") for p in files_under(data / "data"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux cuts: Linux")
def test_the_unpacked_bundle_stays_within_250_mb(bundle: Path) -> None:
    """The installers' size target, in 10^6 bytes of files as benchmarks/installer_bench.py
    counts them: tariff data or a library that grows the bundle past it fails here."""
    total = sum(p.lstat().st_size for p in bundle.rglob("*") if not p.is_dir())
    largest = sorted(
        ((p.lstat().st_size, p.relative_to(bundle).as_posix()) for p in bundle.rglob("*")
         if p.is_file()), reverse=True,
    )[:5]  # fmt: skip
    assert total <= 250e6, f"{total / 1e6:.1f} MB; largest: {largest}"


def test_the_bundle_carries_no_duplicate_or_unread_copies(bundle: Path) -> None:
    """What the spec cuts stays cut: rapidfuzz's AVX2 duplicates of its scorers, numpy's test
    module, the translators' catalogue sources, the tariff index's tables no code reads (its
    manifest names the slimmed file), and the Wayland graphics and unused shell plugins."""
    import hashlib
    import sqlite3
    from contextlib import closing

    internal = bundle / "_internal"
    files = [p.relative_to(internal).as_posix() for p in internal.rglob("*") if p.is_file()]
    assert not [f for f in files if "_avx2" in f]
    assert [f for f in files if f.startswith("rapidfuzz/fuzz_cpp.")]  # the SSE2 build stays
    assert not [f for f in files if "_multiarray_tests" in f]
    assert not [
        f for f in files if f.startswith("resources/locale/") and f.endswith((".po", ".pot"))
    ]
    assert [f for f in files if f.startswith("resources/locale/") and f.endswith(".mo")]
    assert not [f for f in files if "wayland-graphics-integration" in f or "libQt6OpenGL" in f]
    assert not [f for f in files if "ivi-shell" in f or "wl-shell" in f]
    assert [f for f in files if f.endswith("libxdg-shell.so")]
    tariff = internal / "resources" / "tariff"
    index = tariff / "hs2022.sqlite"
    with closing(sqlite3.connect(f"file:{index.as_posix()}?mode=ro&immutable=1", uri=True)) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    # the two full-text tables read their text from the nodes and the vocabulary's terms
    # (external content), so those stay; the list of sections only the tools read goes
    assert {"hs_fts", "vocab_fts", "nodes", "vocab"} <= tables and "sections" not in tables
    manifest = json.loads((tariff / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["index"]["sha256"] == hashlib.sha256(index.read_bytes()).hexdigest()
