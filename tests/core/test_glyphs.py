"""Glyph coverage of the bundled fonts and the fallback search, and drawing with them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shipdesk.core import glyphs
from shipdesk.core.documents import fonts
from shipdesk.core.errors import InputError
from shipdesk.core.paths import resource

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")


@pytest.fixture
def font_folder(tmp_path, monkeypatch):
    """The only fallback folder: an empty SHIPDESK_FONTS folder, system fonts switched off."""
    monkeypatch.setenv(glyphs.ENV_FONTS, str(tmp_path))
    monkeypatch.setenv(glyphs.ENV_SYSTEM_FONTS, "0")
    glyphs.reset_fallbacks()
    yield tmp_path
    glyphs.reset_fallbacks()


@pytest.fixture
def only_bundled(font_folder):
    """No fallback fonts at all."""
    return font_folder


def test_fallback_files_come_from_the_configured_folders(tmp_path, monkeypatch):
    first, second = tmp_path / "one", tmp_path / "two"
    (first / "sub").mkdir(parents=True)
    second.mkdir()
    for path in (first / "sub" / "b.ttf", first / "a.TTC", first / "notes.txt", second / "c.ttf"):
        path.write_bytes(b"")
    monkeypatch.setenv(glyphs.ENV_FONTS, f"{first}{os.pathsep} {os.pathsep}{second}")
    monkeypatch.setenv(glyphs.ENV_SYSTEM_FONTS, "off")
    glyphs.reset_fallbacks()
    try:
        assert glyphs.fallback_font_files() == [first / "a.TTC", first / "sub" / "b.ttf",
                                               second / "c.ttf"]  # fmt: skip
    finally:
        glyphs.reset_fallbacks()


@pytest.mark.parametrize(
    "text",
    [
        "Jürgen Müller-Łukasiewicz, Straße 5, Ærøskøbing, Ŝanĝo, Dvořák",
        "Иван Петрович Сидоров, ул. Ленина 1, Москва",
        "Γιώργος Παπαδόπουλος, Οδός Ερμού 12, Αθήνα",
        "Ἀθῆναι ǅ ǈ Ǆ ẞ ő ű ş ţ ğ ı",
        "Tab\there\nnew line\u200b zero width \u00ad soft hyphen",
    ],
)
def test_bundled_fonts_cover_latin_cyrillic_greek(text, only_bundled):
    assert glyphs.missing_glyphs(text) == ""


def test_cjk_missing_without_fallback(only_bundled):
    assert glyphs.missing_glyphs("Tokyo 東京 東") == "東京"
    assert glyphs.missing_glyphs("") == ""


def test_decomposed_text_is_composed_before_checking(only_bundled):
    assert glyphs.missing_glyphs("Cafe\u0301") == ""
    assert fonts.clean_text("Cafe\u0301\n") == "Café "


def test_check_printable_names_the_field(only_bundled):
    with pytest.raises(InputError) as exc:
        fonts.check_printable("Ok 東京", "recipient.city")
    assert "recipient.city" in str(exc.value)
    assert "U+6771" in str(exc.value)
    fonts.check_printable("Ωμέγα", "recipient.city")


@pytest.mark.skipif(not SYSTEM_MONO.exists(), reason="needs DejaVu Sans Mono from the system")
def test_fallback_folder_adds_coverage(font_folder):
    arc = "\u2312"  # in DejaVu Sans Mono, not in the bundled condensed face
    assert glyphs.missing_glyphs(f"a{arc}") == arc
    shutil.copy(SYSTEM_MONO, font_folder / "extra.ttf")
    glyphs.reset_fallbacks()
    assert glyphs.missing_glyphs(f"a{arc}") == ""
    runs = fonts.runs(f"ab{arc}c")
    assert [t for _f, t in runs] == ["ab", arc, "c"]
    assert runs[0][0] == fonts.REGULAR and runs[1][0] != fonts.REGULAR
    assert fonts.string_width(f"ab{arc}c", 10) > fonts.string_width("abc", 10)


def test_broken_font_file_is_skipped(font_folder):
    (font_folder / "broken.ttf").write_bytes(b"not a font at all")
    glyphs.reset_fallbacks()
    assert glyphs.fallback_font_files() == [font_folder / "broken.ttf"]
    assert glyphs.missing_glyphs("東") == "東"


def test_bundled_coverage_is_what_reportlab_reads():
    """Validation reads the bundled coverage without reportlab; the documents draw with it."""
    from reportlab.pdfbase.ttfonts import TTFont

    for bold, name in ((False, glyphs.BUNDLED_REGULAR), (True, glyphs.BUNDLED_BOLD)):
        font = TTFont("Probe", str(resource("fonts", name)))
        assert glyphs.bundled_coverage(bold) == frozenset(font.face.charToGlyph)


def test_validate_loads_no_reportlab(tmp_path):
    code = (
        "import json, sys\n"
        "from shipdesk.cli.main import main\n"
        "try:\n"
        "    main(['validate', sys.argv[1]])\n"
        "except SystemExit as exc:\n"
        "    pass\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.startswith('reportlab'))))\n"
    )
    sample = ROOT / "resources" / "samples" / "sample.shipdesk.json"
    env = dict(os.environ, SHIPDESK_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", code, str(sample)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert json.loads(proc.stdout.strip().splitlines()[-1]) == [], proc.stderr


def test_bold_face_registered():
    assert fonts.font_name(bold=True) == fonts.BOLD
    assert fonts.string_width("Hello", 10, bold=True) > fonts.string_width("Hello", 10)
