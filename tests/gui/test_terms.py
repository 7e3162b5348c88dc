"""One word for one thing in each language: the German review heading said "beschränkte
Waren" where the items table and the findings say "Eingeschränkt"; French labels outside the
screening lost the space French puts before a colon ("Non estimé:"), because the window
joined a translated label and ": " itself."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.pofile import read_po

from shipdesk.core import i18n
from shipdesk.core.services import declarations
from tests.gui.test_flow import _fill

LOCALE = Path(__file__).resolve().parents[2] / "resources" / "locale"
# What may stand before a colon in French: a space, a no-break space, a narrow no-break space.
FRENCH_SPACES = (" ", "\u00a0", "\u202f")


def _catalogue(lang: str):
    with (LOCALE / lang / "LC_MESSAGES" / "shipdesk.po").open("rb") as fh:
        return read_po(fh, locale=lang)


def _strings(message) -> list[str]:
    value = message.string
    return [s for s in (value if isinstance(value, (list, tuple)) else [value]) if s]


def _bare_colons(text: str) -> list[str]:
    """The colons of ``text`` with no space before them, placeholders ({x:.2f}), addresses
    (https://) and times (10:30) left out."""
    text = re.sub(r"\{[^{}]*\}", "{}", text)
    text = re.sub(r"[a-z]+://\S+", "", text)
    text = re.sub(r"\d:\d", "", text)
    return [text[max(i - 12, 0) : i + 1] for i, ch in enumerate(text) if ch == ":" and i > 0
            and text[i - 1] not in FRENCH_SPACES]  # fmt: skip


def test_no_french_translation_has_a_colon_without_the_space_before_it():
    bad = [
        (m.id, found)
        for m in _catalogue("fr")
        if m.id
        for s in _strings(m)
        if (found := _bare_colons(s))
    ]
    assert not bad, bad


def test_the_window_lets_the_catalogue_write_a_label_and_its_colon(qtbot, window):
    """The review's "not estimated" line in French: "Non estimé : ...", not "Non estimé: ..."."""
    w = window
    _fill(qtbot, w)
    w.session.decl.date = "2025-10-01"  # a postal duty whose rates are not in the data
    try:
        i18n.set_language("fr")
        w.session.touch()
        w.session.check_now()
        w.go_to_step(3)
        qtbot.waitUntil(lambda: not w.review_page.rebuild_pending())  # a turn after
        lst = w.review_page.duties
        texts = [lst.item(i).text() for i in range(lst.count())]
        unknown = [t for t in texts if t.startswith("Non estimé")]
        head = len("Non estimé")
        assert unknown and all(t[head] in FRENCH_SPACES and t[head + 1] == ":" for t in unknown)
        assert all(not _bare_colons(t.split(" — ")[0]) for t in texts[1:]), texts
        summary = w.review_page.summary.text()  # "Formulaire : CN23 · ..."
        assert summary.startswith("Formulaire") and not _bare_colons(summary), summary
    finally:
        i18n.set_language("en")


def test_german_says_eingeschraenkt_for_restricted_everywhere_in_the_window():
    level = declarations.level_word("restricted", "de")
    assert level == "Eingeschränkt"
    stem = "ingeschränkt"
    others = [
        (m.id, s)
        for m in _catalogue("de")
        if m.id and m.context != "screening"
        for s in _strings(m)
        if re.search(r"(?<![Ee]in)[Bb]eschränk", s)
    ]
    assert not others, others
    heading = next(m for m in _catalogue("de") if m.id == "Restricted and prohibited goods")
    assert stem in heading.string
