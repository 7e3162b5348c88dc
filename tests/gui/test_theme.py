"""Every colour from the palette: light and dark themes, problem marks readable in both
(WCAG contrast of at least 4.5:1), nothing told by colour alone, no hard-coded colour left."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit

from shipdesk.core.model import Declaration, Item
from shipdesk.gui.models.items_model import ItemsTableModel
from shipdesk.gui.theme import (
    MIN_CONTRAST,
    apply_theme,
    contrast,
    is_dark,
    palette_for,
    role_colors,
)
from shipdesk.gui.widgets.marks import mark_widget, switch_theme

GUI = Path(__file__).resolve().parents[2] / "shipdesk" / "gui"


def test_contrast_ratio_is_the_wcag_one() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("level", ["error", "warning"])
def test_marks_are_readable_in_light_and_dark(theme: str, level: str) -> None:
    pal = palette_for(theme)
    c = role_colors(level, pal)
    assert contrast(c.text, c.background) >= MIN_CONTRAST
    assert contrast(c.message, pal.color(QPalette.ColorRole.Window)) >= MIN_CONTRAST
    assert contrast(c.border, pal.color(QPalette.ColorRole.Window)) >= 3.0
    # the two levels are told apart by more than their colours (see the marks test below),
    # and still look different
    other = role_colors("warning" if level == "error" else "error", pal)
    assert c.background != other.background


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_the_items_table_cells_follow_the_theme(qtbot, theme: str) -> None:
    app = QApplication.instance()
    apply_theme(app, theme)
    try:
        assert is_dark() == (theme == "dark")
        d = Declaration(items=[Item(description="Power bank", value="x", quantity="1.5")])
        m = ItemsTableModel(d)
        problems = [
            SimpleNamespace(level="error", field="items[0].value", message="not a number"),
            SimpleNamespace(level="warning", field="items[0].quantity", message="odd"),
        ]
        m.set_checks(problems, {})
        for col in (3, 1):  # value (error), quantity (warning)
            idx = m.index(0, col)
            fg = m.data(idx, Qt.ItemDataRole.ForegroundRole).color()
            bg = m.data(idx, Qt.ItemDataRole.BackgroundRole).color()
            assert contrast(fg, bg) >= MIN_CONTRAST
        placeholder = m.data(m.index(1, 0), Qt.ItemDataRole.ForegroundRole).color()
        assert placeholder == app.palette().color(QPalette.ColorRole.PlaceholderText)
    finally:
        apply_theme(app, "system")


def test_marks_are_redrawn_when_the_theme_changes(qtbot) -> None:
    app = QApplication.instance()
    edit, msg = QLineEdit(), QLabel()
    qtbot.addWidget(edit)
    qtbot.addWidget(msg)
    mark_widget(edit, msg, [SimpleNamespace(level="error", message="Required")])
    light = edit.styleSheet()
    assert msg.text().startswith("✖")  # a sign and a word, not colour alone
    assert "solid" in light  # a warning's border is dashed: told apart without colour
    switch_theme(app, "dark")
    try:
        # a widget outside any window is its own top-level widget: redrawn too
        assert edit.styleSheet() != light
        assert role_colors("error").border.name() in edit.styleSheet()
    finally:
        switch_theme(app, "system")
    assert edit.styleSheet() == light


HARD_CODED = [
    re.compile(r"""["']#[0-9a-fA-F]{3,8}\b"""),  # "#b00020"
    re.compile(r"QColor\(\s*[\"'\d]"),  # QColor("red"), QColor(255, 0, 0)
    re.compile(r"Qt\.(GlobalColor\.)?(red|green|blue|yellow|gray|darkRed|white|black)\b"),
    re.compile(r"color:\s*(?!palette\(|\{)[a-z#]", re.IGNORECASE),  # color: red in a style sheet
    re.compile(r"<font\s+color", re.IGNORECASE),
]


def test_no_colour_is_hard_coded_outside_the_theme() -> None:
    found = []
    for path in GUI.rglob("*.py"):
        if path.name == "theme.py":  # the light and dark palettes themselves
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if any(p.search(line) for p in HARD_CODED):
                found.append(f"{path.relative_to(GUI)}:{n}: {line.strip()}")
    assert found == []


def test_the_colour_search_finds_a_hard_coded_colour() -> None:
    for line in ('QBrush(QColor("#fde2e4"))', 'msg.setStyleSheet("color: #b00020;")', "Qt.red"):
        assert any(p.search(line) for p in HARD_CODED), line
