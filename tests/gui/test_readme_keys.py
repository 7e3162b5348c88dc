"""The README's keyboard list is the menus' list: every action of the window is there with the
key its menu shows, and so are the keys of the import's mapping table and of the settings
pages. The list had fallen behind (Ctrl+Z and the mapping table's Enter/F2/F4/Alt+Down were
missing)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu

from shipdesk.gui.dialogs.import_mapping import OPEN_KEYS
from shipdesk.gui.dialogs.settings import PAGE_TURN_KEYS

README = Path(__file__).resolve().parents[2] / "README.md"


def _rows() -> list[tuple[str, str]]:
    """(keys, action) of the table under "## Keyboard"."""
    text = README.read_text(encoding="utf-8").split("\n## Keyboard\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 2 and not set(cells[0]) <= set("- "):
            rows.append((cells[0], cells[1]))
    return rows[1:]  # the header row


def _keys(cell: str) -> set[str]:
    """The key names of a README cell: "Ctrl+1 … Ctrl+5" is Ctrl+1 to Ctrl+5."""
    found = set()
    for a, b in re.findall(r"Ctrl\+(\d) … Ctrl\+(\d)", cell):
        found |= {f"Ctrl+{n}" for n in range(int(a), int(b) + 1)}
    for part in re.split(r",\s|\s/\s|\s…\s", cell):
        part = part.strip()
        found.add(part.split(" ")[0] if part.startswith(("Ctrl", "Alt", "F", "Shift")) else part)
    return found


def _portable(seq: QKeySequence) -> str:
    return seq.toString(QKeySequence.SequenceFormat.PortableText)


def test_every_menu_action_is_listed_with_the_key_its_menu_shows(window):
    listed = set().union(*(_keys(keys) for keys, _what in _rows()))
    missing = []
    for menu in window.menuBar().findChildren(QMenu):
        for action in menu.actions():
            key = _portable(action.shortcut())
            if not action.isSeparator() and key and key not in listed:
                missing.append(f"{menu.title()} → {action.text()}: {key}")
    assert not missing, missing


def test_the_mapping_table_and_settings_keys_are_listed():
    rows = _rows()
    mapping = [keys for keys, _what in rows if "mapping table" in keys]
    assert len(mapping) == 1
    names = {"Key_F2": "F2", "Key_F4": "F4", "Key_Return": "Enter", "Key_Enter": "Enter"}
    for key in OPEN_KEYS:
        assert names[key.name] in _keys(mapping[0]), key
    assert "Alt+Down" in _keys(mapping[0])
    settings = [keys for keys, _what in rows if "settings" in keys]
    assert len(settings) == 1
    assert {k for k, _step in PAGE_TURN_KEYS} <= _keys(settings[0])


def test_no_listed_key_is_a_key_the_window_does_not_have(window):
    """A key of the list that looks like a window shortcut (Ctrl+...) belongs to an action."""
    have = {
        _portable(a.shortcut())
        for m in window.menuBar().findChildren(QMenu)
        for a in m.actions()
        if not a.isSeparator()
    }
    extra = []
    for keys, _what in _rows():
        if " in " in keys or keys.startswith("Enter"):
            continue  # keys of a dialog, a table or a step, not of the window's menus
        for k in _keys(keys):
            if k.startswith(("Ctrl+", "F1")) and k not in have:
                extra.append(k)
    assert not extra, extra
