"""The message catalogue: translations load, fall back to English, and cover every text."""

from __future__ import annotations

import gettext
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from shipdesk.core import i18n
from shipdesk.core.countries import country_name, is_country

ROOT = Path(__file__).resolve().parents[2]
# every language besides the English source; each must translate every text
LANGUAGES = ("de", "fr", "es")


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


def test_names_the_iso_catalogue_left_in_english_come_from_cldr() -> None:
    assert country_name("DZ", "es") == "Argelia"
    assert country_name("NE", "es") == "Níger"
    assert country_name("UM", "de") == "Amerikanische Überseeinseln"
    # a long official form does not replace a short name that reads the same everywhere
    assert country_name("HK", "es") == "Hong Kong"
    assert country_name("MO", "de") == "Macao"
    assert country_name("DZ", "xx") == "Algeria"


def test_every_text_is_translated() -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "i18n.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def _tools() -> Any:
    """tools/i18n.py as a module (it is a script, not part of the package)."""
    spec = importlib.util.spec_from_file_location("i18n_tools", ROOT / "tools" / "i18n.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_compiled_catalogues_match_their_sources() -> None:
    """Every committed .mo holds exactly what its .po says (parsed, so Babel versions agree)."""
    tools = _tools()
    pos = tools.po_files()
    assert {tools.lang_of(p) for p in pos} >= {"de", "fr", "es"}
    for po in pos:
        assert tools.stale(po) == [], f"{po}: run python tools/i18n.py compile"


def test_a_stale_catalogue_is_noticed(tmp_path: Path) -> None:
    tools = _tools()
    src = tools.LOCALE / "de" / "LC_MESSAGES"
    po = tmp_path / "de" / "LC_MESSAGES" / "shipdesk.po"
    po.parent.mkdir(parents=True)
    shutil.copy(src / "shipdesk.mo", po.with_suffix(".mo"))
    text = (src / "shipdesk.po").read_text(encoding="utf-8")
    po.write_text(text, encoding="utf-8")
    assert tools.stale(po) == []
    po.write_text(text.replace('msgstr "Waren"', 'msgstr "Artikel"', 1), encoding="utf-8")
    assert any("Artikel" in line for line in tools.stale(po))
    po.with_suffix(".mo").unlink()
    assert tools.stale(po)


def test_plural_forms_come_from_the_catalogue() -> None:
    """ngettext follows the language's Plural-Forms rule (French counts 0 as singular)."""
    fr = i18n.translator("fr")
    assert isinstance(fr, gettext.GNUTranslations)
    assert fr.plural(0) == 0 and fr.plural(1) == 0 and fr.plural(2) == 1
    assert i18n.translator("de").plural(0) == 1
    en = i18n.translator("en")
    assert en.ngettext("{n} item", "{n} items", 1) == "{n} item"
    assert en.ngettext("{n} item", "{n} items", 0) == "{n} items"


def test_translator_for_an_explicit_language_leaves_the_interface_alone() -> None:
    try:
        i18n.set_language("de")
        assert i18n.translator("fr").pgettext("invoice", "Gift") == "Cadeau"
        assert i18n.translator("es-ES").pgettext("invoice", "Gift") == "Regalo"
        assert i18n.translator("xx").gettext("Items") == "Items"
        assert i18n._("Items") == "Waren" and i18n.language() == "de"
    finally:
        i18n.set_language("en")


def test_every_catalogue_language_is_an_interface_language() -> None:
    ui = i18n.available_languages()
    assert ui[0] == "en" and {"de", "fr", "es"} <= set(ui)
    assert ui == i18n.catalogue_languages()
    try:
        assert i18n.set_language("es_ES") == "es"
        assert i18n._("Items") == "Artículos"
    finally:
        i18n.set_language("en")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_text_has_a_translation_in_every_language(lang: str) -> None:
    """Every text of the code (every context, every plural form) has a translation that is not
    empty and not fuzzy, with the English {fields}, and the committed .mo says the same."""
    tools = _tools()
    po = tools.LOCALE / lang / "LC_MESSAGES" / "shipdesk.po"
    template = tools.extract()
    cat = tools.read(po)
    gaps = [
        f"{m.context + ': ' if m.context else ''}{m.id!r}"
        for m in template
        if m.id and not tools._translated(cat.get(m.id, context=m.context))
    ]
    assert gaps == [], f"{len(gaps)} texts without a {lang} translation:\n" + "\n".join(gaps)
    assert tools.placeholder_mismatches(po) == []
    assert tools.stale(po) == [], f"{po}: run python tools/i18n.py compile"


def test_a_fuzzy_or_empty_translation_counts_as_missing() -> None:
    tools = _tools()
    from babel.messages.catalog import Catalog

    cat = Catalog(locale="es")
    cat.add("Items", "Artículos")
    cat.add("Gift", "Regalo", flags=["fuzzy"])
    cat.add(("{n} item", "{n} items"), ("", "{n} artículos"))
    assert tools._translated(cat.get("Items"))
    assert not tools._translated(cat.get("Gift"))
    assert not tools._translated(cat.get("{n} item"))
    assert not tools._translated(cat.get("Never added"))


def test_a_damaged_catalogue_falls_back_to_english(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A broken translation must not stop the app: the texts show in English."""
    mo = tmp_path / "de" / "LC_MESSAGES" / "shipdesk.mo"
    mo.parent.mkdir(parents=True)
    mo.write_bytes(b"not a catalogue")
    monkeypatch.setattr(i18n, "locale_dir", lambda: tmp_path)
    i18n._translator.cache_clear()
    try:
        assert i18n.translator("de").gettext("Items") == "Items"
        assert not i18n.has_catalogue("de")
    finally:
        monkeypatch.undo()
        i18n._translator.cache_clear()
    assert i18n.translator("de").gettext("Items") == "Waren"


def test_a_phrase_is_its_english_text_and_can_be_told_again() -> None:
    import copy
    import pickle

    p = i18n.Phrase(i18n.N_("{code} is not a country code"), code="QQ")
    assert p == "QQ is not a country code" and isinstance(p, str)
    assert p.in_language("de") == "QQ ist kein Ländercode"
    for again in (pickle.loads(pickle.dumps(p)), copy.deepcopy(p)):
        assert again == p and again.in_language("fr") == "QQ n'est pas un code pays"
    try:
        i18n.set_language("de")
        assert p.in_language() == "QQ ist kein Ländercode"
    finally:
        i18n.set_language("en")
    # a text the catalogue does not know stays English; a missing field stays visible
    assert i18n.Phrase("no such text {x}").in_language("de") == "no such text {x}"
