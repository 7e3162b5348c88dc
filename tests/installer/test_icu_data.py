"""Qt's ICU data in the Linux bundle: cut to what Qt reads for ShipDesk's languages
(installers/pyinstaller/icu_data.py). The rule runs in the ordinary suite; the bundle's
library is checked against the real Qt with ``-m installer``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.installer.conftest import ROOT

sys.path.insert(0, str(ROOT / "installers" / "pyinstaller"))
import icu_data

LANGUAGES = ["de", "en", "es", "fr"]


@pytest.mark.parametrize(
    "item",
    [
        "coll/ucadata.icu",  # the root collation every locale starts from
        "coll/root.res",
        "coll/res_index.res",
        "coll/de.res",
        "coll/es.res",
        "zone/fr.res",
        "zone/pool.res",
        "de_AT.res",
        "en_GB.res",
        "root.res",
        "pool.res",
        "zoneinfo64.res",
        "metaZones.res",
        "likelySubtags.res",
        "supplementalData.res",
        "cnvalias.icu",
        "uts46.nrm",
        "nfkc.nrm",
    ],
)
def test_what_qt_reads_for_our_languages_stays(item: str) -> None:
    assert icu_data.kept(item, LANGUAGES)


@pytest.mark.parametrize(
    "item",
    [
        "coll/ja.res",
        "zone/zh.res",
        "ja.res",
        "sv_SE.res",
        "ibm-943_P15A-2003.cnv",
        "brkitr/cjdict.dict",
        "brkitr/root.res",
        "curr/de.res",
        "lang/fr.res",
        "region/es.res",
        "unit/en.res",
        "translit/root.res",
        "rbnf/de.res",
    ],
)
def test_other_languages_and_unread_trees_go(item: str) -> None:
    assert not icu_data.kept(item, LANGUAGES)


PROBE = """
from PySide6.QtCore import QCollator, QDateTime, QLocale, QTimeZone
words = ["Zebra", "Äpfel", "apfel", "Ähre", "Oz", "Ørsted"]
print(sorted(words, key=QCollator(QLocale("de_DE")).sortKey))
now = QDateTime(2026, 1, 15, 12, 0, 0)
for lang in ("de_DE", "fr_FR", "es_ES", "en_GB"):
    name = QTimeZone(b"Europe/Berlin").displayName(now, QTimeZone.NameType.LongName, QLocale(lang))
    print(lang, name)
"""


@pytest.mark.installer
def test_the_bundles_icu_data_is_cut_and_qt_still_collates_and_names_zones(
    bundle: Path,
) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("Qt bundles ICU on Linux only")
    (lib,) = [p for p in (bundle / "_internal").rglob("libicudata.so.*") if not p.is_symlink()]
    assert lib.stat().st_size < 8_000_000, "ICU data not cut: install icu-devtools and binutils"
    from PySide6 import QtCore

    # the test's own Qt must use the same ICU for the bundle's library to stand in for it
    own = Path(QtCore.__file__).parent / "Qt" / "lib" / lib.name
    assert own.is_file(), f"{own}: the test environment's Qt uses another ICU"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    runs = {}
    for name, preload in (("bundle", str(lib)), ("whole", "")):
        proc = subprocess.run(
            [sys.executable, "-c", PROBE],
            capture_output=True,
            text=True,
            env={**env, "LD_PRELOAD": preload},
            timeout=60,
        )
        assert proc.returncode == 0 and "Could not" not in proc.stderr, proc.stderr
        runs[name] = proc.stdout
    assert runs["bundle"] == runs["whole"]
    assert "Mitteleuropäische Normalzeit" in runs["bundle"]
    assert "heure normale d’Europe centrale" in runs["bundle"]
