"""The deciding question under the HS suggestions: one button per answer, and *Show all*.

The questions (knitted or woven, material, for whom...) and the narrowing come from
``services.classification``; this panel only shows the first question for the codes on screen
and reports the answer the user clicked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from shipdesk.core.i18n import _
from shipdesk.core.services import classification
from shipdesk.gui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:
    from shipdesk.core.services.classification import Question, Suggestion


class QuestionPanel(QWidget):
    """The question text and its answers as buttons (with the number of codes each keeps)."""

    answered = Signal(str, str)  # question id, answer id
    showAll = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel("", self)
        self.label.setWordWrap(True)
        self.row = FlowLayout()  # answers wrap: a row would widen the window past the screen
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.label)
        lay.addLayout(self.row)
        self.answer_buttons: list[QPushButton] = []
        self.hide()

    def update_for(
        self,
        shown: Sequence[Suggestion],
        *,
        narrowed: bool,
        questions: Sequence[Question] | None = None,
    ) -> None:
        """Ask the first deciding question for the codes ``shown``; once narrowed, offer
        *Show all* as well (alone when no question is left). ``questions`` are those of
        ``shown`` when already worked out (off the GUI thread, with the search)."""
        for b in self.answer_buttons:
            self.row.removeWidget(b)
            b.hide()
            b.deleteLater()
        self.answer_buttons = []
        if len(shown) <= 1:
            qs: Sequence[Question] = []
        else:
            qs = questions if questions is not None else classification.questions(shown)
        if not qs:
            self.setVisible(narrowed and bool(shown))
            self.label.setText(_("Narrowed by your answer."))
            if self.isVisible():
                self._add_button(_("Show all"), lambda _c=False: self.showAll.emit())
            return
        q = qs[0]
        self.label.setText(q.text)
        for a in q.answers:
            self._add_button(
                f"{a.label} ({a.count})",
                lambda _c=False, qid=q.id, aid=a.id: self.answered.emit(qid, aid),
            )
        if narrowed:
            self._add_button(_("Show all"), lambda _c=False: self.showAll.emit())
        self.show()
        self._keep_answers_visible()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._keep_answers_visible()

    def _keep_answers_visible(self) -> None:
        # The answers wrap onto more lines on a narrow pane: ask for that height, so the
        # layout around never squeezes them under the list below.
        lay = self.layout()
        if lay is not None and self.width() > 0:
            self.setMinimumHeight(lay.heightForWidth(self.width()))

    def _add_button(self, label: str, slot: Callable[..., None]) -> None:
        b = QPushButton(label, self)
        b.clicked.connect(slot)
        self.row.addWidget(b)
        self.answer_buttons.append(b)
