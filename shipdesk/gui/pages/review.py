"""Step 4: review: the form that applies, totals, every problem and every flag.

Each problem is a row; activating it (Enter or double-click) jumps to its field. A prohibited
finding blocks printing until the user overrides it with a reason (kept in the declaration's
history by the core).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.address import address_lines
from shipdesk.core.errors import ShipdeskError
from shipdesk.core.i18n import N_, _, error_text, labelled, language, ngettext
from shipdesk.core.money import format_money_both
from shipdesk.core.services import declarations, duties, records
from shipdesk.gui.session import EditSession
from shipdesk.gui.widgets.findings import OverrideDialog
from shipdesk.gui.widgets.marks import level_icon

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Finding

DUTY_KIND_TEXT = {"duty": N_("Duty"), "tax": N_("Import tax"), "fee": N_("Fee")}
LEVEL_TEXT = {
    "error": N_("Error"),
    "warning": N_("Warning"),
    "prohibited": N_("Prohibited"),
    "restricted": N_("Restricted"),
}
# Checks that come while the review is hidden rebuild it this long after, once typing pauses.
REBUILD_HIDDEN_MS = 200
# Shown (or checked while shown), the summary and the problems are rebuilt in that turn, the
# restricted goods and the duties (a line an item each) in the next two: all in one turn was
# 3-4 ms of the window's thread with 40 items, beside the step's paint.
SHOWN_FIRST = 2
PATH_ROLE = Qt.ItemDataRole.UserRole
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1


class ReviewPage(QWidget):
    jump = Signal(str)  # field path

    def __init__(self, session: EditSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel("<h2>" + _("Review") + "</h2>", self))
        self.summary = QLabel(self)
        self.summary.setObjectName("reviewSummary")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        lay.addWidget(self.summary)
        lay.addWidget(
            QLabel(
                "<b>"
                + _("Problems")
                + "</b> ("
                + _("Enter or double-click jumps to the field")
                + ")",
                self,
            )
        )
        self.problems = QListWidget(self)
        self.problems.setObjectName("problemList")
        self.problems.setAccessibleName(_("Problems"))
        self.problems.itemActivated.connect(self._activate)
        lay.addWidget(self.problems, 2)
        # Counter layout: the answer on restricted goods as the customer across the desk hears it.
        self.answer = QLabel(self)
        self.answer.setObjectName("customerAnswer")
        self.answer.setWordWrap(True)
        self.answer.setAccessibleName(_("Answer for the customer"))
        self.answer.setContentsMargins(6, 6, 6, 6)
        self.answer.hide()
        self._counter = False
        lay.addWidget(self.answer)
        lay.addWidget(QLabel("<b>" + _("Restricted and prohibited goods") + "</b>", self))
        self.findings = QListWidget(self)
        self.findings.setObjectName("findingList")
        self.findings.setAccessibleName(_("Restricted and prohibited goods"))
        self.findings.setWordWrap(True)
        self.findings.itemActivated.connect(self._activate)
        lay.addWidget(self.findings, 2)
        row = QHBoxLayout()
        self.override_btn = QPushButton(_("Override selected prohibition…"), self)
        self.override_btn.setObjectName("overrideButton")
        self.override_btn.clicked.connect(lambda: self.override_selected())
        self.override_btn.setEnabled(False)
        self.findings.currentItemChanged.connect(self._update_override)
        row.addWidget(self.override_btn)
        row.addStretch(1)
        lay.addLayout(row)
        # What the destination will charge: each line with its reason, rule and source.
        lay.addWidget(QLabel("<b>" + _("Duties and taxes at the destination") + "</b>", self))
        self.duties = QListWidget(self)
        self.duties.setObjectName("dutiesList")
        self.duties.setAccessibleName(_("Duties and taxes at the destination"))
        self.duties.setWordWrap(True)
        self.duties.itemActivated.connect(self._activate)
        lay.addWidget(self.duties, 2)
        session.checked.connect(self._on_checked)
        self._stale = False
        self._focus_when_checked = False  # shown while its checks were still to come
        self._shown_decl = session.decl
        # Rebuilding the review while it is hidden: a part a turn, once the typing pauses.
        self._parts_left: list[Callable[[], None]] = []
        self._rebuild_hidden = QTimer(self, singleShot=True, interval=REBUILD_HIDDEN_MS)
        self._rebuild_hidden.timeout.connect(self._next_part)
        self.refresh()

    def _on_checked(self, *_args: Any) -> None:
        # A new declaration (next customer, open) replaces the old one's review at once. Else
        # the review is rebuilt a part a turn: while the user types on another step, in the
        # idle turns once the typing pauses (or when it is shown, if that comes first).
        if self.session.decl is not self._shown_decl or not self.window().isVisible():
            self.refresh()
            return
        self._stale = True
        if self.isVisible():
            self._rebuild_soon(SHOWN_FIRST, 0)
            if self._focus_when_checked:
                self._focus_first_problem()
        else:
            self._rebuild_soon(0, REBUILD_HIDDEN_MS)

    def _rebuild_soon(self, now: int, delay_ms: int) -> None:
        """Rebuild the first ``now`` parts at once, the others a part a turn, the first of
        them after ``delay_ms``."""
        parts = self._parts()
        for part in parts[:now]:
            part()
        self._parts_left = parts[now:]
        self._rebuild_hidden.setInterval(delay_ms)
        self._rebuild_hidden.start()

    def _next_part(self) -> None:
        """One part of the rebuild; the next one in the next turn."""
        if self._parts_left:
            self._parts_left.pop(0)()
        if self._parts_left:
            self._rebuild_hidden.setInterval(0)
            self._rebuild_hidden.start()
        else:
            self._stale = False

    def rebuild_pending(self) -> bool:
        """Whether parts of the review are still to be rebuilt for the last checks (or the
        checks of the last edit are still to come)."""
        return self._stale

    def showEvent(self, event: QShowEvent) -> None:
        if self.session.check_pending():  # rebuilt once the checks of the last edits come
            self._stale = True
            self._rebuild_hidden.stop()
            self.summary.setText(_("Checking the declaration…"))
            self._focus_when_checked = True
        elif self._stale:  # what the focus lands on now, the lists in the next turns
            self._rebuild_soon(SHOWN_FIRST, 0)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._focus_when_checked = False
        super().hideEvent(event)

    def _focus_first_problem(self) -> None:
        """Once the checks the review waited for come: the focus to the first error, as on a
        review opened with its checks current, unless the user has moved into the page."""
        self._focus_when_checked = False
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            return
        target = self.first_empty()
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def refresh(self, *_args: Any) -> None:
        """Rebuild the whole review at once."""
        self._rebuild_hidden.stop()
        for part in self._parts():
            part()
        self._parts_left = []
        self._stale = False

    def _parts(self) -> list[Callable[[], None]]:
        """The review's parts in the order they are rebuilt (see ``SHOWN_FIRST``)."""
        return [self._show_summary, self._show_problems, self._show_findings, self._show_duties]

    def _show_summary(self) -> None:
        self._shown_decl = self.session.decl
        s = self.session
        d = s.decl
        res = s.validation
        form = (res.form if res is not None else "?").upper()
        n_err = len(res.errors) if res else 0
        n_warn = len(res.warnings) if res else 0
        blocked = self.blocking_findings()
        if not n_err and not blocked:
            state = "✔ " + _("Ready to print.")
        else:
            not_ready = ngettext("Not ready: {n} error", "Not ready: {n} errors", n_err)
            state = "✖ " + not_ready.format(n=n_err)
            if blocked:
                state += ", " + ngettext(
                    "{n} prohibited item", "{n} prohibited items", len(blocked)
                ).format(n=len(blocked))
            state += "."
        to = ", ".join(address_lines(d.recipient, lang=language()))  # as the documents print it
        self.summary.setText(
            labelled(_("Form"), f"<b>{form}</b>")
            + " · "
            + ngettext("{n} item line", "{n} item lines", len(d.real_items())).format(
                n=len(d.real_items())
            )
            + " · "
            + _("total value")
            + f" <b>{d.total_value()} {html.escape(d.currency)}</b> · "
            + _("gross weight")
            + f" {html.escape(self._weight(d.gross_weight_kg))} · "
            + _("to")
            + f" <b>{html.escape(to or '?')}</b><br>{state} "
            + ngettext("{n} warning.", "{n} warnings.", n_warn).format(n=n_warn)
            + "".join(f"<br>{html.escape(e)}" for e in s.check_errors)
        )

    def _show_problems(self) -> None:
        res = self.session.validation
        self.problems.clear()
        for p in res.problems if res else []:
            label = declarations.field_label(p.field)
            level = _(LEVEL_TEXT.get(p.level, p.level))
            it = QListWidgetItem(f"{level} · " + labelled(label, p.message))
            it.setData(PATH_ROLE, p.field)
            it.setIcon(level_icon(p.level))
            self.problems.addItem(it)
        if self.problems.count() == 0:
            self.problems.addItem(QListWidgetItem(_("No problems found.")))

    def _show_findings(self) -> None:
        s = self.session
        d = s.decl
        self.findings.clear()
        for f in s.findings:
            where = (
                _("item {n}").format(n=f.item_index + 1)
                if f.item_index is not None
                else _("shipment")
            )
            done = declarations.is_overridden(self.session.decl, f)
            mark = " (" + _("overridden") + ")" if done else ""
            word = declarations.level_word(f.level, language())  # as the findings list says
            text = declarations.labelled(f"{word}{mark} · {where}", f.message, language())
            if f.advice:
                text += f"\n    → {f.advice}"
            it = QListWidgetItem(text)
            it.setIcon(level_icon("info" if f.level == "warning" else f.level))
            it.setData(PATH_ROLE, f"items[{f.item_index}]" if f.item_index is not None else "")
            it.setData(FINDING_ROLE, f)
            self.findings.addItem(it)
        if self.findings.count() == 0:
            said = (
                _("Nothing restricted found for this destination.")
                if d.real_items()
                else _("No items yet: restricted goods are checked once an item is entered.")
            )
            self.findings.addItem(QListWidgetItem(said))
        self._show_answer()

    def _show_duties(self) -> None:
        self.duties.clear()
        d = self.session.decl
        if not d.real_items() or not d.recipient.country.strip():
            self.duties.addItem(
                QListWidgetItem(_("Estimated once the recipient's country and an item are in."))
            )
            return
        try:
            est = duties.estimate(self.session.ws, d)
        except ShipdeskError as exc:
            self.duties.addItem(QListWidgetItem(error_text(exc)))
            return
        ccy, lcy = est.currency, est.local_currency

        def amount(value_ccy: Decimal, value_local: Decimal) -> str:
            return format_money_both(value_ccy, ccy, value_local, lcy)

        payer = _("the sender (DDP)") if est.payer == "sender" else _("the recipient")
        head_text = (
            _("Total {total}, paid by {payer}; asked at the door: {door}. Rules of {date}.")
            if est.complete
            else _(
                "Total at least {total}, paid by {payer}; asked at the door: at least {door}. "
                "Some charges could not be estimated (below). Rules of {date}."
            )
        )
        head = QListWidgetItem(
            head_text.format(
                total=amount(est.total(), est.total(local=True)),
                payer=payer,
                door=amount(est.at_door(), est.at_door(local=True)),
                date=est.date.isoformat(),
            )
        )
        font = head.font()
        font.setBold(True)
        head.setFont(font)
        self.duties.addItem(head)
        for ln in est.lines:
            where = (
                _("item {n}").format(n=ln.item_index + 1)
                if ln.item_index is not None
                else _("shipment")
            )
            text = f"{_(DUTY_KIND_TEXT.get(ln.kind, ln.kind))} · " + labelled(
                where, f"{amount(ln.amount, ln.amount_local)} — {ln.note.in_language()}"
            )
            source = f"{ln.regime} · {ln.source_title}"
            if not ln.confirmed:
                source += " · " + _("not confirmed at the source")
            it = QListWidgetItem(f"{text}\n    {source}")
            it.setToolTip(ln.source)
            it.setData(PATH_ROLE, f"items[{ln.item_index}]" if ln.item_index is not None else "")
            self.duties.addItem(it)
        for u in est.unknown:
            it = QListWidgetItem(_("Not estimated: {what}").format(what=u.in_language()))
            it.setIcon(level_icon("warning"))
            self.duties.addItem(it)

    def _weight(self, kg: str) -> str:
        """A kept weight in the unit of the settings ("16 oz"); "?" when there is none."""
        if not kg.strip():
            return "?"
        unit = records.settings(self.session.ws).weight_unit
        return f"{declarations.weight_shown(kg, unit)} {unit}"

    def set_counter(self, on: bool) -> None:
        self._counter = on
        font = self.font()
        font.setBold(on)
        if on:
            font.setPointSizeF(font.pointSizeF() * 1.2)
        self.answer.setFont(font)
        self.refresh()

    def _show_answer(self) -> None:
        lines = (
            declarations.customer_answer(self.session.decl, self.session.findings, language())
            if self._counter
            else []
        )
        self.answer.setText("\n".join(lines))
        self.answer.setVisible(bool(lines))

    def _update_override(self, *_args: Any) -> None:
        item = self.findings.currentItem()
        f = item.data(FINDING_ROLE) if item else None
        self.override_btn.setEnabled(
            f is not None and declarations.may_override(self.session.decl, f)
        )

    def paint_later(self) -> list[QWidget]:
        """The parts painted in the turn after the one that opens the step: the restricted
        goods and the duties (a line an item each). The summary and the problems, where the
        focus lands, come first; the whole step in one turn was 5-7 ms of the window's thread
        with 40 items (docs/benchmarks.md, "Typing latency")."""
        return [self.findings, self.duties, self.override_btn]

    def first_empty(self) -> QWidget | None:
        """The problem list when there is an error to go to (Enter jumps to its field)."""
        res = self.session.validation
        if res is not None and res.errors:
            self.problems.setCurrentRow(0)
            return self.problems
        return None

    def blocking_findings(self) -> list[Finding]:
        return declarations.blocking(self.session.decl, self.session.findings)

    def _activate(self, item: QListWidgetItem) -> None:
        path = item.data(PATH_ROLE)
        if path:
            self.jump.emit(path)

    def override_selected(self, reason: str | None = None) -> bool:
        item = self.findings.currentItem()
        finding = item.data(FINDING_ROLE) if item else None
        if finding is None or finding.level != "prohibited":
            return False
        if reason is None:
            dialog = OverrideDialog(finding, self)
            if not dialog.exec():
                return False
            reason = dialog.reason()
        if not reason.strip():
            return False
        declarations.record_override(self.session.decl, finding, reason.strip())
        self.session.touch()
        self.session.check_now()
        return True
