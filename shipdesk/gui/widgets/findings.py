"""Restricted-goods findings for one item or a whole declaration, and the override dialog.

Each finding is one row: an icon and the level word (never colour alone), the message a clerk can
read to a customer, and the advice. ``request_item`` screens an item description as it is typed,
debounced, through ``services.declarations.screen_item`` (it takes well under a millisecond). A
prohibited finding can be overridden with a reason through :class:`OverrideDialog`; the reason is
kept in the declaration's history by the core (``services.declarations.record_override``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.i18n import _, language, ngettext
from shipdesk.core.model import Declaration
from shipdesk.core.services import declarations
from shipdesk.gui.alt_letters import settle_alt_letters
from shipdesk.gui.widgets.marks import level_icon

if TYPE_CHECKING:
    from shipdesk.core.services import Workspace
    from shipdesk.core.services.declarations import Finding

FINDING_ROLE = Qt.ItemDataRole.UserRole + 1
DEBOUNCE_MS = 300
MIN_REASON = 10
ICON_LEVEL = {"prohibited": "prohibited", "restricted": "restricted", "warning": "info"}
SYMBOL = {"prohibited": "⛔", "restricted": "⚠", "warning": "ℹ"}


def finding_text(
    finding: Finding, lang: str = "en", *, overridden_: bool = False, counter: bool = False
) -> str:
    """The row text: level word, message and advice (readable without the icon).

    ``counter`` (the counter layout): the sentence for the customer first, then, under it, the
    clerk's message and detail (rule, source, limit, date).
    """
    word = declarations.level_word(finding.level, lang).upper()
    where = "" if finding.item_index is None else _(" (item {n})").format(n=finding.item_index + 1)
    first = finding.customer_text if counter and finding.customer_text else finding.message
    head = declarations.labelled(f"{SYMBOL.get(finding.level, '')} {word}{where}", first, lang)
    if overridden_:
        head += "  " + _("[overridden]")
    if counter and finding.customer_text:
        clerk = " ".join(t for t in (finding.message, finding.detail) if t)
        return f"{head}\n{declarations.labelled(declarations.detail_label(lang), clerk, lang)}"
    if not finding.advice:
        return head
    return f"{head}\n{declarations.labelled(declarations.advice_label(lang), finding.advice, lang)}"


class FindingsWidget(QWidget):
    """A list of findings with an override button for prohibited ones.

    ``decl`` (optional) is the declaration whose history receives overrides; ``screen`` is the
    screening function used by ``request_item`` (by default the workspace's
    ``services.declarations.screen_item``, so value limits convert with the user's rates).
    """

    overridden = Signal(object)  # the Finding that was overridden
    findings_changed = Signal(object)  # the list shown now

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        decl: Declaration | None = None,
        lang: str | None = None,
        user: str = "",
        screen: Callable[..., list[Finding]] | None = None,
        workspace: Workspace | None = None,
    ) -> None:
        super().__init__(parent)
        if screen is None and workspace is not None:
            ws = workspace

            def screen_in_workspace(description: str, **kwargs: Any) -> list[Finding]:
                return declarations.screen_item(ws, description, **kwargs)

            screen = screen_in_workspace
        self.decl = decl
        self.lang = lang or language()
        self.user = user
        self._screen = screen
        self._findings: list[Finding] = []
        self._shown: tuple[list[Finding], set[tuple[str, int | None]], bool] | None = None
        self._pending: dict[str, Any] | None = None
        self._counter = False  # the counter layout: the customer's sentence first

        self.summary = QLabel(self)
        self.summary.setObjectName("findingsSummary")
        self.summary.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("findingsList")
        self.list.setWordWrap(True)
        self.list.setAccessibleName(_("Restricted-goods findings"))
        self.override_button = QPushButton(_("Override with a reason…"), self)
        self.override_button.setObjectName("overrideButton")
        self.override_button.setEnabled(False)
        self.override_button.setAccessibleName(_("Override the selected prohibited finding"))
        self.override_button.clicked.connect(self.override_selected)
        self.list.currentItemChanged.connect(lambda *_: self._update_button())

        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.summary)
        lay.addWidget(self.list, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.override_button)
        lay.addLayout(row)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._run_pending)
        self.set_findings([], screened=False)

    # -- showing findings ---------------------------------------------------------------
    def findings(self) -> list[Finding]:
        return list(self._findings)

    def set_findings(self, findings: list[Finding], screened: bool = True) -> None:
        """Show ``findings``; ``screened`` False: nothing was screened yet (no item), so
        nothing is said about restricted goods."""
        done = declarations.overridden(self.decl) if self.decl is not None else set()
        shown = (list(findings), done, screened)
        if shown == self._shown:
            return  # a re-check with the same result keeps the list and its selection
        self._shown = shown
        self._findings = list(findings)
        self.list.clear()
        for f in self._findings:
            is_over = (f.rule, f.item_index) in done
            item = QListWidgetItem(
                level_icon(ICON_LEVEL.get(f.level, "info")),
                finding_text(f, self.lang, overridden_=is_over, counter=self._counter),
            )
            item.setData(FINDING_ROLE, f)
            category = declarations.category_word(f.category, self.lang)
            tip = f"{f.rule} · {category} · {f.source}"
            if f.detail:  # the clerk's detail: rule, source, limit, date
                tip += "\n" + f.detail
            item.setToolTip(tip)
            self.list.addItem(item)
        top = declarations.highest_level(self._findings)
        if top is None:
            self.summary.setText(declarations.nothing_found_text(self.lang) if screened else "")
        else:
            self.summary.setText(
                f"{SYMBOL[top]} {declarations.level_word(top, self.lang)}: "
                + ngettext("{n} finding", "{n} findings", len(self._findings)).format(
                    n=len(self._findings)
                )
            )
        self.summary.setProperty("level", top or "")
        self._update_button()
        self.findings_changed.emit(self.findings())

    def set_counter(self, on: bool) -> None:
        """The counter layout: each row starts with the sentence for the customer across the
        desk, with the clerk's message and detail under it."""
        if on == self._counter:
            return
        self._counter = on
        screened = self._shown[2] if self._shown is not None else False
        self._shown = None  # the same findings are shown again, in the other form
        self.set_findings(self._findings, screened=screened)

    def counter(self) -> bool:
        return self._counter

    # -- live screening while typing -----------------------------------------------------
    def request_item(self, description: str, **kwargs: Any) -> None:
        """Screen one item after the user stops typing for a moment (debounced)."""
        if self._screen is None:
            raise ValueError("the findings widget screens items only with a workspace or screen")
        self._pending = {"description": description, **kwargs}
        self._timer.start()

    def flush(self) -> None:
        """Run a pending request now (e.g. when the field loses focus)."""
        if self._timer.isActive():
            self._timer.stop()
            self._run_pending()

    def _run_pending(self) -> None:
        req, self._pending = self._pending, None
        if not req:
            return
        desc = str(req.pop("description", "")).strip()
        if not desc:
            self.set_findings([], screened=False)
            return
        req.setdefault("lang", self.lang)
        assert self._screen is not None  # request_item refuses to queue without one
        self.set_findings(self._screen(desc, **req))

    # -- overrides ------------------------------------------------------------------------
    def selected_finding(self) -> Finding | None:
        item = self.list.currentItem()
        return item.data(FINDING_ROLE) if item is not None else None

    def _update_button(self) -> None:
        f = self.selected_finding()
        self.override_button.setEnabled(
            self.decl is not None and f is not None and declarations.may_override(self.decl, f)
        )

    def override_selected(self) -> bool:
        f = self.selected_finding()
        if f is None or self.decl is None or f.level != "prohibited":
            return False
        dialog = OverrideDialog(f, self, lang=self.lang)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        declarations.record_override(self.decl, f, dialog.reason(), user=self.user)
        self.set_findings(self._findings)
        self.overridden.emit(f)
        return True


class OverrideDialog(QDialog):
    """Asks why a prohibited item is sent anyway; OK stays disabled until a reason is given."""

    def __init__(
        self, finding: Finding, parent: QWidget | None = None, *, lang: str | None = None
    ) -> None:
        super().__init__(parent)
        lang = lang or language()
        self.setWindowTitle(_("Override a prohibited finding"))
        self.finding = finding
        text = QLabel(finding_text(finding, lang), self)
        text.setWordWrap(True)
        prompt = QLabel(
            _(
                "Why may this item be sent anyway (permit number, service, agreement)? "
                "The reason is kept in the declaration's history."
            ),
            self,
        )
        prompt.setWordWrap(True)
        self.reason_edit = QPlainTextEdit(self)
        self.reason_edit.setObjectName("overrideReason")
        self.reason_edit.setAccessibleName(_("Reason for the override"))
        prompt.setBuddy(self.reason_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason_edit.textChanged.connect(self._update)
        lay = QVBoxLayout(self)
        lay.addWidget(text)
        lay.addWidget(prompt)
        lay.addWidget(self.reason_edit)
        lay.addWidget(self.buttons)
        self._update()
        settle_alt_letters(self)

    def reason(self) -> str:
        return self.reason_edit.toPlainText().strip()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(len(self.reason()) >= MIN_REASON)
