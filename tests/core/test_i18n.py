"""The message catalogue: translations load, fall back to English, and cover every text."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from shipdesk.core import i18n
from shipdesk.core.countries import country_name, is_country

ROOT = Path(__file__).resolve().parents[2]


def test_switching_language() -> None:
    try:
        assert i18n.set_language("de_DE") == "de"
        assert i18n._("Items") == "Waren"
        assert i18n._("a text nobody translated") == "a text nobody translated"
        assert i18n.set_language("fr") == "fr"
        assert i18n._("Gift") == "Cadeau"
        assert i18n.set_language("xx") == "en"
        assert i18n._("Items") == "Items"
    finally:
        i18n.set_language("en")


def test_country_names_follow_language() -> None:
    assert country_name("de", "en") == "Germany"
    assert country_name("DE", "de") == "Deutschland"
    assert country_name("XK") == "Kosovo"
    assert is_country("us") and not is_country("ZZ")


def test_every_text_is_translated() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
