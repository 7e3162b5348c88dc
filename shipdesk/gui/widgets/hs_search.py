"""HS code search-as-you-type for the items step.

A line edit; results grouped by heading (chapter > heading > subheading text) with a confidence
cue in words; the deciding question (knitted or woven, material, ...) as buttons that narrow the
list; a "Browse…" dialog with the whole nomenclature as a tree. Keyboard: type, Down/Up to move
through the codes, Enter to choose, Escape to close the list (again to clear the text).

Choosing a code emits ``codeChosen(code, description)`` and records the choice in the user's
catalogue, so the same or a similar description ranks it first next time.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.i18n import N_, _
from shipdesk.gui import workers

if TYPE_CHECKING:
    from shipdesk.core.services import Workspace
    from shipdesk.core.tariff.api import Node, SearchResult, Suggestion

CODE_ROLE = Qt.ItemDataRole.UserRole
DESC_ROLE = Qt.ItemDataRole.UserRole + 1
CONFIDENCE_TEXT = {
    "high": ("●●●", N_("strong match")),
    "medium": ("●●○", N_("possible")),
    "low": ("●○○", N_("weak")),
}


def dotted(code: str) -> str:
    if len(code) == 6:
        return f"{code[:4]}.{code[4:]}"
    if len(code) > 6:
        return f"{code[:4]}.{code[4:6]}.{code[6:]}"
    return code


def _confidence_label(level: str) -> str:
    dots, word = CONFIDENCE_TEXT.get(level, CONFIDENCE_TEXT["low"])
    return f"{dots} {_(word)}"


def _bare_search(text: str, top: int) -> SearchResult:
    """Search without a workspace: the nomenclature only (no catalogue, no national lines)."""
    from shipdesk.core.tariff import api

    return api.search(text, top=top)


def _forget_choice(description: str, code: str) -> None:
    """Without a workspace a choice is not remembered."""


def _bare_children(code: str | None) -> list[Node]:
    from shipdesk.core.tariff.api import children

    return list(children(code))


class BrowseDialog(QDialog):
    """The nomenclature as a lazily filled tree: sections > chapters > headings > subheadings
    (> national lines when a national tariff was imported)."""

    def __init__(
        self,
        parent: QWidget | None = None,
        children_fn: Callable[[str | None], list[Node]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._children = children_fn or _bare_children
        self.setWindowTitle(_("Browse the HS 2022 nomenclature"))
        self.resize(760, 520)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([_("Code"), _("Description")])
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.itemExpanded.connect(self._fill)
        self.tree.itemActivated.connect(self._activated)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(_("Open a chapter and a heading, then choose a subheading."), self))
        lay.addWidget(self.tree)
        lay.addWidget(buttons)
        self.chosen: tuple[str, str] | None = None
        self._add(None, None)

    def _add(self, parent: QTreeWidgetItem | None, code: str | None) -> None:
        for node in self._children(code):
            label = node.code if node.level == "section" else dotted(node.code)
            item = QTreeWidgetItem([label, node.description])
            item.setData(0, CODE_ROLE, node.code)
            item.setData(0, DESC_ROLE, node.description)
            item.setData(1, CODE_ROLE, node.level)
            item.setToolTip(1, node.description)
            if node.has_children:
                item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)

    def _fill(self, item: QTreeWidgetItem) -> None:
        if item.childCount() == 0:
            self._add(item, item.data(0, CODE_ROLE))

    def _selectable(self, item: QTreeWidgetItem | None) -> bool:
        return item is not None and item.data(1, CODE_ROLE) in ("subheading", "national")

    def _activated(self, item: QTreeWidgetItem) -> None:
        if self._selectable(item):
            self.tree.setCurrentItem(item)
            self._accept_current()
        else:
            item.setExpanded(not item.isExpanded())

    def _accept_current(self) -> None:
        item = self.tree.currentItem()
        if item is None or not self._selectable(item):
            return
        self.chosen = (item.data(0, CODE_ROLE), item.data(0, DESC_ROLE))
        self.accept()

    def expand_to(self, code: str) -> QTreeWidgetItem | None:
        """Open the tree down to ``code`` (a 2-, 4- or 6-digit code) and select it."""
        from shipdesk.core.tariff.nomenclature import entry

        e = entry(code[:2])
        if e is None:
            return None
        wanted = [e.section, code[:2], code[:4], code[:6]][: 1 + len(code) // 2]
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        found: QTreeWidgetItem | None = None
        for w in wanted:
            found = next((it for it in items if it and it.data(0, CODE_ROLE) == w), None)
            if found is None:
                return None
            found.setExpanded(True)
            items = [found.child(i) for i in range(found.childCount())]
        assert found is not None  # ``wanted`` holds at least the section
        self.tree.setCurrentItem(found)
        return found


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
        national lines and remembers each choice (through ``services.classification``)."""
        super().__init__(parent)
        if workspace is not None:
            from shipdesk.core.services import classification

            ws = workspace

            def remember(description: str, code: str) -> None:
                classification.remember(ws, description, code)

            search_fn = search_fn or (lambda text, top: classification.search(ws, text, top))
            remember_fn = remember_fn or remember
            children_fn = children_fn or (lambda code: list(classification.children(ws, code)))
        self._search = search_fn or _bare_search
        self._remember = remember_fn or _forget_choice
        self._children_fn = children_fn
        self._top = top
        self._request = 0
        self._all: list[Suggestion] = []  # suggestions before narrowing
        self._shown: list[Suggestion] = []
        self._narrowed = False

        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(
            _("Describe the item, e.g. “cotton hoodie” — then pick a code")
        )
        self.edit.setAccessibleName(_("HS code search"))
        self.browse_button = QPushButton(_("Browse…"), self)
        self.browse_button.clicked.connect(self.open_browser)
        self.status = QLabel("", self)
        self.status.setWordWrap(True)
        self.question_label = QLabel("", self)
        self.question_label.setWordWrap(True)
        self.question_row = QHBoxLayout()
        self.question_box = QWidget(self)
        qlay = QVBoxLayout(self.question_box)
        qlay.setContentsMargins(0, 0, 0, 0)
        qlay.addWidget(self.question_label)
        qlay.addLayout(self.question_row)
        self.question_box.hide()
        self.answer_buttons: list[QPushButton] = []

        self.results = QTreeWidget(self)
        self.results.setHeaderLabels([_("Code"), _("Description"), _("Match")])
        self.results.setRootIsDecorated(False)
        header = self.results.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.results.setAccessibleName(_("Suggested HS codes"))
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
        self.edit.textEdited.connect(lambda _t: self.timer.start())
        self.edit.installEventFilter(self)
        self.results.installEventFilter(self)

    # -- public ------------------------------------------------------------------------------
    @staticmethod
    def warm_up() -> None:
        """Load the search index and encoder (call from a background thread at app start)."""
        from shipdesk.core.tariff import api

        api.warm_up()

    def set_text(self, text: str) -> None:
        """Put a description in the box and search at once (e.g. from the item's description)."""
        self.edit.setText(text)
        self.run_search_now()

    def codes_shown(self) -> list[str]:
        return [s.code for s in self._shown]

    def run_search_now(self) -> None:
        self.timer.stop()
        text = self.edit.text().strip()
        self._request += 1
        req = self._request
        if not text:
            self._show([], None)
            return
        self.status.setText(_("Searching…"))
        workers.run_async(
            lambda: self._search(text, max(self._top * 2, 12)),
            lambda res: self._on_result(req, res),
            lambda exc: self._on_error(req, exc),
        )

    # -- results -----------------------------------------------------------------------------
    def _on_error(self, req: int, exc: BaseException) -> None:
        if req == self._request:
            self.status.setText(_("The code search is unavailable: {error}").format(error=exc))

    def _on_result(self, req: int, res: SearchResult) -> None:
        if req != self._request:
            return  # an older search finished after a newer one started
        self._all = list(res.suggestions)
        self._narrowed = False
        self._show(self._all, res)

    def _show(self, suggestions: list[Suggestion], res: SearchResult | None) -> None:
        self._shown = list(suggestions[: self._top])
        self.results.clear()
        chapters: dict[str, QTreeWidgetItem] = {}
        groups: dict[str, QTreeWidgetItem] = {}
        for s in self._shown:
            chapter = chapters.get(s.chapter)
            if chapter is None:
                chapter = QTreeWidgetItem([s.chapter, s.chapter_description, ""])
                chapter.setFlags(Qt.ItemFlag.ItemIsEnabled)
                chapter.setToolTip(1, s.chapter_description)
                chapters[s.chapter] = chapter
                self.results.addTopLevelItem(chapter)
                chapter.setExpanded(True)
            key = s.heading or s.code[:4]
            head = groups.get(key)
            if head is None:
                head = QTreeWidgetItem([dotted(key), s.heading_description, ""])
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)
                head.setToolTip(1, s.heading_description)
                font = head.font(1)
                font.setBold(True)
                head.setFont(1, font)
                groups[key] = head
                chapter.addChild(head)
            source = "" if s.source in ("hs2022", "vocabulary") else f" [{s.source}]"
            item = QTreeWidgetItem([dotted(s.code), s.description + source, ""])
            item.setText(2, _confidence_label(s.confidence))
            item.setToolTip(1, s.description)
            item.setData(0, CODE_ROLE, s.code)
            item.setData(0, DESC_ROLE, s.description)
            head.addChild(item)
            head.setExpanded(True)
        self.results.setRootIsDecorated(True)
        self.results.setVisible(bool(self._shown))
        leaves = self._leaves()
        if leaves:
            self.results.setCurrentItem(leaves[0])
        if res is not None and getattr(res, "corrections", None):
            self.status.setText(_("Read as: {text}").format(text=res.interpreted))
        elif res is not None and not self._shown:
            self.status.setText(_("No code found. Try other words or use Browse…"))
        elif self._shown:
            self.status.setText(
                _("Confirm the code that fits; suggestions are not a customs decision.")
            )
        else:
            self.status.setText("")
        self._update_question()
        self.resultsShown.emit(len(self._shown))

    def _leaves(self) -> list[QTreeWidgetItem]:
        out: list[QTreeWidgetItem] = []

        def walk(it: QTreeWidgetItem | None) -> None:
            if it is None:
                return
            if it.data(0, CODE_ROLE):
                out.append(it)
            for i in range(it.childCount()):
                walk(it.child(i))

        for i in range(self.results.topLevelItemCount()):
            walk(self.results.topLevelItem(i))
        return out

    # -- narrowing ---------------------------------------------------------------------------
    def _update_question(self) -> None:
        from shipdesk.core.tariff import api

        for b in self.answer_buttons:
            self.question_row.removeWidget(b)
            b.hide()
            b.deleteLater()
        self.answer_buttons = []
        qs = api.questions(self._shown) if len(self._shown) > 1 else []
        if not qs:
            self.question_box.setVisible(self._narrowed and bool(self._shown))
            self.question_label.setText(_("Narrowed by your answer."))
            if self.question_box.isVisible():
                self._add_button(_("Show all"), self.show_all)
            return
        q = qs[0]
        self.question_label.setText(q.text)
        for a in q.answers:
            self._add_button(
                f"{a.label} ({a.count})", lambda _c=False, a=a, q=q: self.answer(q.id, a.id)
            )
        if self._narrowed:
            self._add_button(_("Show all"), self.show_all)
        self.question_box.show()

    def _add_button(self, label: str, slot: Callable[..., None]) -> None:
        b = QPushButton(label, self.question_box)
        b.clicked.connect(slot)
        self.question_row.addWidget(b)
        self.answer_buttons.append(b)

    def answer(self, question_id: str, answer_id: str) -> None:
        """Narrow the list by an answer to a deciding question."""
        from shipdesk.core.tariff import api

        self._narrowed = True
        self._show(api.narrow(self._all, question_id, answer_id), None)

    def show_all(self) -> None:
        """Undo the narrowing."""
        self._narrowed = False
        self._show(self._all, None)

    # -- choosing ----------------------------------------------------------------------------
    def _choose_item(self, item: QTreeWidgetItem | None) -> None:
        if item is None or not item.data(0, CODE_ROLE):
            return
        self.choose(item.data(0, CODE_ROLE), item.data(0, DESC_ROLE))

    def choose(self, code: str, description: str) -> None:
        text = self.edit.text().strip()
        if text:
            try:
                self._remember(text, code)
            except Exception as exc:  # remembering must never block the choice
                self.status.setText(_("Could not remember this choice: {error}").format(error=exc))
        self.results.hide()
        self.question_box.hide()
        self.codeChosen.emit(code, description)

    def open_browser(self) -> BrowseDialog:
        dlg = BrowseDialog(self, self._children_fn)
        if self._shown:
            dlg.expand_to(self._shown[0].code[:6])

        def take(_result: int) -> None:
            if dlg.chosen:
                self.choose(*dlg.chosen)

        dlg.finished.connect(take)
        dlg.open()
        return dlg

    # -- keyboard ----------------------------------------------------------------------------
    def _move(self, step: int) -> None:
        leaves = self._leaves()
        if not leaves:
            return
        cur = self.results.currentItem()
        i = leaves.index(cur) if cur in leaves else -1
        self.results.setCurrentItem(leaves[max(0, min(len(leaves) - 1, i + step))])

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(obj, event)
        key = cast(QKeyEvent, event).key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            if not self.results.isVisible():
                return False
            self._move(1 if key == Qt.Key.Key_Down else -1)
            return True
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self.timer.isActive():
                self.run_search_now()
            if self.results.isVisible():
                self._choose_item(self.results.currentItem())
                return True
            return False
        if key == Qt.Key.Key_Escape:
            if self.results.isVisible():
                self.results.hide()
                self.question_box.hide()
            else:
                self.edit.clear()
                self._show([], None)
            self.edit.setFocus()
            return True
        return super().eventFilter(obj, event)
