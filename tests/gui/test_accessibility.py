"""Every focusable control has a name a screen reader can say, on every step of the window
and in every dialog; problems and marks are never told by colour alone."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QWidget,
)

from shipdesk.core.model import Declaration, Item, Party


def unnamed(root: QWidget) -> list[str]:
    """Focusable widgets of ``root``'s window (shown or not) with no accessible name: neither
    accessibleName, nor a label whose buddy it is, nor (buttons) a text of their own."""
    buddies = {id(lbl.buddy()) for lbl in root.findChildren(QLabel) if lbl.buddy() is not None}
    out = []
    for w in root.findChildren(QWidget):
        if not w.focusPolicy() & Qt.FocusPolicy.TabFocus or w.window() is not root:
            continue
        if isinstance(w.parentWidget(), QComboBox | QAbstractSpinBox):
            continue  # the line edit inside a combo or spin box: the box carries the name
        if w.accessibleName().strip() or id(w) in buddies:
            continue
        if isinstance(w, QAbstractButton) and w.text().replace("&", "").strip():
            continue
        out.append(f"{type(w).__name__} {w.objectName() or '(no object name)'}")
    return out


def test_the_main_window_on_every_step(qtbot, window) -> None:
    w = window
    w.session.load(
        Declaration(
            sender=Party(name="Anna", country="DE"),
            recipient=Party(name="John", country="US"),
            items=[Item(description="Smartphone", quantity="1", value="300")],
        )
    )
    for step in range(len(w.pages)):
        w.go_to_step(step)
        assert unnamed(w) == [], f"step {step + 1}"


def test_every_dialog(qtbot, workspace, tmp_path) -> None:
    from PySide6.QtWidgets import QDialog

    from shipdesk.core.screening.screen import screen_declaration
    from shipdesk.gui.dialogs.address_book import AddressBookDialog
    from shipdesk.gui.dialogs.history import HistoryDialog
    from shipdesk.gui.dialogs.import_dialog import ImportDialog
    from shipdesk.gui.dialogs.settings import SettingsDialog
    from shipdesk.gui.widgets.findings import OverrideDialog
    from shipdesk.gui.widgets.hs_browse import BrowseDialog

    decl = Declaration(
        sender=Party(name="S", country="DE"),
        recipient=Party(name="R", country="AU"),
        items=[Item(description="Beef jerky")],
    )
    found = screen_declaration(decl)
    assert found
    dialogs: list[QDialog] = [
        SettingsDialog(workspace),
        OverrideDialog(found[0], lang="en"),
        BrowseDialog(workspace=workspace),
        HistoryDialog(workspace),
        AddressBookDialog(workspace),
    ]
    imp = ImportDialog(workspace, out_dir=tmp_path / "out", operator="upu")
    dialogs.append(imp)
    for d in dialogs:
        qtbot.addWidget(d)
        d.show()
        assert unnamed(d) == [], type(d).__name__
    for page in range(imp.pages.count()):
        imp.pages.setCurrentIndex(page)
        assert unnamed(imp) == [], f"import page {page + 1}"


def test_the_walk_finds_an_unnamed_control(qtbot) -> None:
    from PySide6.QtWidgets import QLineEdit, QVBoxLayout

    root = QWidget()
    qtbot.addWidget(root)
    lay = QVBoxLayout(root)
    named, bare = QLineEdit(root), QLineEdit(root)
    named.setAccessibleName("Name")
    lay.addWidget(named)
    lay.addWidget(bare)
    assert len(unnamed(root)) == 1
    lbl = QLabel("&City", root)
    lbl.setBuddy(bare)
    assert unnamed(root) == []


def test_problems_are_not_told_by_colour_alone(qtbot, window) -> None:
    from shipdesk.gui.models.items_model import COLUMN_KEYS

    w = window
    w.session.load(Declaration(recipient=Party(country="Atlantis"), items=[Item(description="x")]))
    w.go_to_step(3)  # everything shown
    w.session.check_now()
    # a field: a symbol and the level word in its message, and said to screen readers
    box = w.recipient_page.form.editors["country"]
    msg = w.recipient_page.form.messages["country"]
    assert msg.text().startswith("✖") and "Error" in msg.text()
    assert "Atlantis" in box.accessibleDescription()
    # an item cell: a symbol in its text, not only a background
    m = w.items_page.model
    idx = m.index(0, COLUMN_KEYS.index("hs_code"))
    assert m.data(idx, Qt.ItemDataRole.BackgroundRole) is not None
    shown = str(m.data(idx, Qt.ItemDataRole.DisplayRole) or "")
    assert any(s in shown for s in ("✖", "!")), shown
    assert m.data(idx, Qt.ItemDataRole.AccessibleDescriptionRole)
