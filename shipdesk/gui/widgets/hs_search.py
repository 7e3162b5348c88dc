"""HS code search-as-you-type for the items step.

A line edit; results grouped by heading (chapter > heading > subheading text) with a confidence
cue in words (:mod:`hs_results`); the deciding question (knitted or woven, material, ...) as
buttons that narrow the list (:mod:`hs_questions`); a "Browse…" dialog with the whole
nomenclature as a tree (:mod:`hs_browse`). Keyboard: type, Down/Up to move through the codes,
Enter to choose, Escape to close the list (again to clear the text).

Choosing a code emits ``codeChosen(code, description)`` and records the choice in the user's
catalogue, so the same or a similar description ranks it first next time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.i18n import _
from shipdesk.core.services import classification
from shipdesk.gui import workers
from shipdesk.gui.widgets.hs_browse import BrowseDialog
from shipdesk.gui.widgets.hs_questions import QuestionPanel
from shipdesk.gui.widgets.hs_results import SuggestionTree

if TYPE_CHECKING:
    from shipdesk.core.services import Workspace
    from shipdesk.core.services.classification import Node, Question, SearchResult, Suggestion


def _forget_choice(description: str, code: str) -> None:
    """Without a workspace a choice is not remembered."""


class HsSearchWidget(QWidget):
    """Search box with grouped HS suggestions, narrowing questions and a browse dialog."""

    codeChosen = Signal(str, str)
    resultsShown = Signal(int)

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        workspace: Workspace | None = None,
        search_fn: Callable[[str, int], SearchResult] | None = None,
        remember_fn: Callable[[str, str], None] | None = None,
        children_fn: Callable[[str | None], list[Node]] | None = None,
        top: int = 8,
        debounce_ms: int = 150,
    ) -> None:
        """With a ``workspace`` the search ranks the user's confirmed codes first, lists
        national lines and remembers each choice (through ``services.classification``);
        ``search_fn``, ``remember_fn`` and ``children_fn`` replace those calls."""
        super().__init__(parent)
        if workspace is not None:
            ws = workspace

            def search(text: str, top: int) -> SearchResult:
                return classification.search(ws, text, top)

            def remember(description: str, code: str) -> None:
                classification.remember(ws, description, code)

            search_fn = search_fn or search
            remember_fn = remember_fn or remember
        if search_fn is None:
            raise ValueError("the HS search needs a workspace or a search function")
        self._search = search_fn
        self._remember = remember_fn or _forget_choice
        self._children_fn = children_fn
        self._workspace = workspace
        self._top = top
        self._request = 0
        self._all: list[Suggestion] = []  # suggestions before narrowing
        self._all_questions: list[Question] | None = None  # their questions, if known
        self._shown: list[Suggestion] = []
        self._shown_for = ""  # the text the suggestions shown were found for
        self._searching = ""  # the text of the latest search started
        self._narrowed = False

        self.edit = QLineEdit(self)
        self.edit.setMaxLength(classification.query_limit())
        self.edit.setPlaceholderText(
            _("Describe the item, e.g. “cotton hoodie” — then pick a code")
        )
        self.edit.setAccessibleName(_("HS code search"))
        self.browse_button = QPushButton(_("Browse…"), self)
        self.browse_button.clicked.connect(self.open_browser)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.question_box = QuestionPanel(self)
        self.question_box.answered.connect(self.answer)
        self.question_box.showAll.connect(self.show_all)

        self.results = SuggestionTree(self)
        self.results.itemActivated.connect(lambda item, _col: self._choose_item(item))
        self.results.hide()

        top_row = QHBoxLayout()
        top_row.addWidget(self.edit, 1)
        top_row.addWidget(self.browse_button)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(top_row)
        lay.addWidget(self.status)
        lay.addWidget(self.question_box)
        lay.addWidget(self.results, 1)

        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(debounce_ms)
        self.timer.timeout.connect(self.run_search_now)
        # set_text searches in the next turn of the event loop, after what changed the box
        # (opening the items step, choosing a row) is laid out and painted: started at once,
        # the search kept the interpreter lock from the window's thread in that turn.
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(0)
        self._soon.timeout.connect(self.run_search_now)
        # A search's suggestions are shown in two turns: the codes first, the deciding
        # question in the next turn (``_show``).
        self._questions_soon = QTimer(self)
        self._questions_soon.setSingleShot(True)
        self._questions_soon.setInterval(0)
        self._questions_soon.timeout.connect(self._show_questions)
        self._questions_due: list[Question] | None = None
        self.edit.textEdited.connect(lambda _t: self.timer.start())
        self.edit.installEventFilter(self)
        self.results.installEventFilter(self)

    # -- public ------------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        """Put a description in the box (e.g. the item's description) and search in the next
        turn of the event loop; ``search_pending`` until the search has started."""
        self.edit.setText(text)
        self._soon.start()

    def search_pending(self) -> bool:
        """Whether a search is due that has not been started yet."""
        return self.timer.isActive() or self._soon.isActive()

    def showing_pending(self) -> bool:
        """Whether a search's codes are shown but not yet its deciding question (it comes in
        the next turn of the event loop)."""
        return self._questions_soon.isActive()

    def shows_current_text(self) -> bool:
        """Whether the suggestions shown were found for the text now in the box (not for the
        item before, while its own search is still running)."""
        return self._shown_for == self.edit.text().strip()

    def codes_shown(self) -> list[str]:
        return [s.code for s in self._shown]

    def run_search_now(self) -> None:
        self.timer.stop()
        self._soon.stop()
        text = self.edit.text().strip()
        self._request += 1
        req = self._request
        self._searching = text
        if not text:
            self._show([], None)
            return
        self.status.setText(_("Searching…"))
        search, top = self._search, self._top

        def find() -> tuple[SearchResult, list[Question]]:
            # The deciding questions are worked out here too, off the GUI thread.
            res = search(text, max(top * 2, 12))
            shown = list(res.suggestions[:top])
            return res, classification.questions(shown) if len(shown) > 1 else []

        workers.run_async(
            find,
            lambda found: self._on_result(req, *found),
            lambda exc: self._on_error(req, exc),
        )

    # -- results -----------------------------------------------------------------------------
    def _on_error(self, req: int, exc: BaseException) -> None:
        if req == self._request:
            self.status.setText(_("The code search is unavailable: {error}").format(error=exc))

    def _on_result(
        self, req: int, res: SearchResult, questions: list[Question] | None = None
    ) -> None:
        if req != self._request:
            return  # an older search finished after a newer one started
        self._all = list(res.suggestions)
        self._all_questions = questions
        self._shown_for = self._searching
        self._narrowed = False
        self._show(self._all, res, questions, in_parts=True)

    def _show(
        self,
        suggestions: list[Suggestion],
        res: SearchResult | None,
        questions: list[Question] | None = None,
        *,
        in_parts: bool = False,
    ) -> None:
        """Show ``suggestions`` and their deciding question; ``in_parts``: the question in
        the next turn of the event loop (a search's result: the codes, the question and its
        answer buttons laid out and painted in one turn took 5-16 ms of the window's thread
        with 40 items, docs/benchmarks.md, "Typing latency")."""
        self._questions_soon.stop()
        self._shown = list(suggestions[: self._top])
        self.results.show_suggestions(self._shown)
        self.results.setVisible(bool(self._shown))
        if res is not None and res.corrections:
            self.status.setText(_("Read as: {text}").format(text=res.interpreted))
        elif res is not None and not self._shown:
            self.status.setText(_("No code found. Try other words or use Browse…"))
        elif self._shown:
            self.status.setText(
                _("Confirm the code that fits; suggestions are not a customs decision.")
            )
        else:
            self.status.setText("")
        self._questions_due = questions
        if in_parts and self._shown:
            self.question_box.hide()  # another search's question: its answers do not apply
            self._questions_soon.start()
            return
        self._show_questions()

    def _show_questions(self) -> None:
        self._questions_soon.stop()
        questions, self._questions_due = self._questions_due, None
        self.question_box.update_for(self._shown, narrowed=self._narrowed, questions=questions)
        # The answers are made anew: in the Tab order they come after Browse, before the codes.
        previous: QWidget = self.browse_button
        for button in self.question_box.answer_buttons:
            QWidget.setTabOrder(previous, button)
            previous = button
        QWidget.setTabOrder(previous, self.results)
        self.resultsShown.emit(len(self._shown))

    # -- narrowing ---------------------------------------------------------------------------
    def answer(self, question_id: str, answer_id: str) -> None:
        """Narrow the list by an answer to a deciding question."""
        self._narrowed = True
        self._show(classification.narrow(self._all, question_id, answer_id), None)

    def show_all(self) -> None:
        """Undo the narrowing."""
        self._narrowed = False
        self._show(self._all, None, self._all_questions)

    # -- choosing ----------------------------------------------------------------------------
    def _choose_item(self, item: QTreeWidgetItem | None) -> None:
        chosen = self.results.code_of(item)
        if chosen is not None:
            self.choose(*chosen)

    def choose(self, code: str, description: str) -> None:
        text = self.edit.text().strip()
        if text:
            try:
                self._remember(text, code)
            except Exception as exc:  # remembering must never block the choice
                self.status.setText(_("Could not remember this choice: {error}").format(error=exc))
        self._questions_soon.stop()
        self.results.hide()
        self.question_box.hide()
        self.codeChosen.emit(code, description)

    def open_browser(self) -> BrowseDialog:
        dlg = BrowseDialog(self, self._children_fn, workspace=self._workspace)
        if self._shown:
            dlg.expand_to(self._shown[0].code[:6])

        def take(_result: int) -> None:
            if dlg.chosen:
                self.choose(*dlg.chosen)

        dlg.finished.connect(take)
        dlg.open()
        return dlg

    # -- keyboard ----------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(obj, event)
        key = cast(QKeyEvent, event).key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            if not self.results.isVisible():
                return False
            self.results.step_selection(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.search_pending():
                self.run_search_now()
            if self.results.isVisible() and not self.shows_current_text():
                return True  # the codes shown are another description's: Enter waits for these
            if self.results.isVisible():
                self._choose_item(self.results.currentItem())
                return True
            return False
        if key == Qt.Key.Key_Escape:
            # Closed for good: the search still due or running does not open the list again.
            self.timer.stop()
            self._soon.stop()
            self._questions_soon.stop()
            self._request += 1
            self.status.setText("")  # "Searching…" or about the list closed
            if self.results.isVisible():
                self.results.hide()
                self.question_box.hide()
            else:
                self.edit.clear()
                self._show([], None)
            self.edit.setFocus()
            return True
        return super().eventFilter(obj, event)
