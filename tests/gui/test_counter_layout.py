"""The counter layout: large type, one column, the answer on restricted goods in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QBoxLayout, QListView

from shipdesk.core.model import Item, Party
from shipdesk.core.services import records
from shipdesk.gui.dialogs.settings import SettingsDialog


def test_the_setting_is_stored(qtbot, workspace) -> None:
    dlg = SettingsDialog(workspace)
    qtbot.addWidget(dlg)
    assert not dlg.counter.isChecked()
    dlg.counter.setChecked(True)
    dlg.accept()
    assert workspace.settings.counter_layout is True


def test_counter_layout_large_type_one_column_plain_answer(qtbot, window) -> None:
    w = window
    decl = w.session.decl
    decl.recipient = Party(name="R", city="Boston", country="US")
    decl.items = [Item(description="Power bank 20000 mAh", quantity="1", value="20")]
    w.session.load(decl)
    base = QApplication.font().pointSizeF()
    assert not w.review_page.answer.isVisibleTo(w.review_page)

    records.update_settings(w.ws, counter_layout=True)
    w.apply_layout()

    assert w.font().pointSizeF() >= base * 1.3
    assert w._outer.direction() == QBoxLayout.Direction.TopToBottom
    assert w.steps.flow() == QListView.Flow.LeftToRight
    items = w.items_page
    assert items.assist_layout.direction() == QBoxLayout.Direction.TopToBottom
    grid = items._shipment_grid
    positions = [grid.getItemPosition(i)[:2] for i in range(grid.count())]
    assert sorted(positions) == [(0, 0), (1, 0)]  # the shipment fields in one column
    assert items.findings_view.counter()  # the customer's sentence first in the findings
    w.go_to_step(3)
    answer = w.review_page.answer
    assert answer.isVisibleTo(w.review_page)
    assert answer.text().startswith("No: “Power bank 20000 mAh” may not be sent to United States.")

    for step in range(5):  # large type still fits a 1280 x 720 laptop: the pages scroll
        w.go_to_step(step)
        w.resize(1280, 720)
        QApplication.processEvents()
        assert (w.width(), w.height()) == (1280, 720), step

    records.update_settings(w.ws, counter_layout=False)
    w.apply_layout()
    assert w.stack.parentWidget() is w.centralWidget()
    assert w.font().pointSizeF() == base
    assert w._outer.direction() == QBoxLayout.Direction.LeftToRight
    assert sorted(grid.getItemPosition(i)[:2] for i in range(grid.count())) == [(0, 0), (0, 1)]
    assert not answer.isVisibleTo(w.review_page)
    assert not items.findings_view.counter()
