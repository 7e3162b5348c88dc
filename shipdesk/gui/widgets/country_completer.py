"""The countries a typed text may mean, offered under a line edit, and Enter taking one.

The list comes from the core's one country parser (``declarations.country_choices``): the
country the text names exactly first (an ISO code before a name), then names starting with the
text, then names containing it. Enter while the list is offered takes the highlighted country,
or the first one when none is highlighted: "ger" + Enter is Germany, not the text "ger". With
nothing offered the text stays as typed (and validation names the problem).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QCompleter, QLineEdit

from shipdesk.core.services import declarations

CODE_ROLE = Qt.ItemDataRole.UserRole + 1  # the ISO code of a row
ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class CountryCompleter(QCompleter):
    """Offers the countries ``line`` may mean as it is typed. ``insert_code``: Enter puts the
    ISO code in the line ("DE"), else the row as shown ("DE – Germany")."""

    def __init__(
        self, line: QLineEdit, parent: QObject | None = None, *, insert_code: bool
    ) -> None:
        self._rows = QStandardItemModel(parent or line)
        super().__init__(self._rows, parent or line)
        self.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setMaxVisibleItems(12)
        if insert_code:
            self.setCompletionRole(CODE_ROLE)
        self._line = line
        popup = self.popup()
        assert popup is not None  # a completer always has its list
        self._list = popup
        line.textEdited.connect(self.refill)
        # Installed after the completer's own filters, these see a key first.
        line.installEventFilter(self)
        popup.installEventFilter(self)

    def refill(self, text: str) -> None:
        self._rows.clear()
        for code, name in declarations.country_choices(text, 40):
            row = QStandardItem(f"{code} – {name}")
            row.setData(code, CODE_ROLE)
            self._rows.appendRow(row)

    def offered(self) -> bool:
        """Whether the list is open with at least one country in it."""
        return self._list.isVisible() and self.completionModel().rowCount() > 0

    def take_offered(self) -> bool:
        """Put the highlighted country (else the first) in the line; False when none offered."""
        if not self.offered():
            return False
        index = self._list.currentIndex()
        if not index.isValid():
            index = self.completionModel().index(0, 0)
            self._list.setCurrentIndex(index)  # the completer's own Enter then takes it too
        text = index.data(self.completionRole())
        if isinstance(text, str) and text and self._line.text() != text:
            self._line.setText(text)
        return True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in ENTER_KEYS
        ):
            if obj is self._list and self.take_offered():
                # Enter goes on to the box or the cell as if the list had not been open, its
                # filters included (the completer's own hand-over skips them, so an items
                # cell kept its editor open and stored nothing).
                self._list.hide()
                target = self.widget() or self._line
                QApplication.sendEvent(
                    target, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
                )
                return True
            if obj is self._line:
                self.take_offered()
        return super().eventFilter(obj, event)
