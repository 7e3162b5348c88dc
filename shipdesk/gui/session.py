"""The declaration being edited: one object the pages share, saved as a draft while typing.

Pages change ``session.decl`` in place and call ``session.touch()``. The session then
(debounced) saves the draft and re-runs validation and screening through the core services,
emitting ``checked`` with the results. No rule lives here: it only schedules core calls. The
session holds the workspace the app opened at start; pages reach the services through it.

While the user types, the checks and the draft save run on the thread pool over a copy of the
declaration, so the GUI thread only shows results (a key is never kept waiting for a check).
``check_now`` and ``flush`` do the same at once, on the GUI thread, where a step needs the
result before going on (printing, quitting); moving to the review checks on the pool when an
edit is newer than the results shown (``check_soon``).

A problem is shown for a field only once the person touched it (changed it, or it came filled
from a file or draft) or pressed Next past its step: a blank form shows no errors. Pages ask
``problems_for`` / ``shown_problems``, which leave the others out.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from shipdesk.core import pacing
from shipdesk.core.errors import ShipdeskError
from shipdesk.core.i18n import _, error_text
from shipdesk.core.model import Declaration
from shipdesk.core.services import Workspace, declarations
from shipdesk.gui import workers

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Finding, Problem, ValidationResult

    # what ``EditSession.run_checks`` gives: the validation, the findings, and why a check
    # could not run
    CheckResult = tuple[ValidationResult | None, list[Finding], list[str]]

log = logging.getLogger("shipdesk.gui.session")

CHECK_DELAY_MS = 250
SAVE_DELAY_MS = 400
SENDER_STEP, RECIPIENT_STEP, ITEMS_STEP = 0, 1, 2


def field_step(path: str) -> int:
    """The step of the flow whose page holds the field ``path``."""
    if path.startswith("sender"):
        return SENDER_STEP
    if path.startswith("recipient"):
        return RECIPIENT_STEP
    return ITEMS_STEP


def _touches(touched: str, path: str) -> bool:
    """Whether a touched field reveals the problem of ``path``: the field itself, a field
    below it (a row's problem once one of its cells is typed), or the field's own group."""
    return path == touched or touched.startswith(path + ".") or touched.startswith(path + "[")


class EditSession(QObject):
    changed = Signal()  # the declaration was replaced (new/open): pages re-read it
    checked = Signal(object, object)  # (ValidationResult | None, list[Finding] | None)
    saved = Signal(str)  # draft id
    save_failed = Signal(str)  # why the draft could not be saved (the edit stays open)

    def __init__(self, workspace: Workspace, parent: QObject | None = None):
        super().__init__(parent)
        self.ws = workspace
        self.decl = Declaration()
        self.draft_id = declarations.new_draft_id(self.ws)
        self.path: Path | None = None
        self.validation: ValidationResult | None = None
        self.findings: list[Finding] = []
        self.check_errors: list[str] = []
        self.touched: set[str] = set()  # field paths the person changed (or that came filled)
        self.revealed: set[int] = set()  # steps left with Next: all their problems are shown
        self._values: dict[str, str] = {}
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_in_background)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_draft_in_background)
        # Problems revealed by moving on are drawn in the turn after the move: the turn that
        # opens the next step only shows and paints it (docs/benchmarks.md, "Typing latency").
        self._reveal_timer = QTimer(self, singleShot=True, interval=0)
        self._reveal_timer.timeout.connect(self._emit_checked)
        self._check_round = 0  # a background result is shown only if no check started since
        self._edits = 0  # ... and nothing was edited since (a newer check is then due anyway)
        self._checked_edits = -1  # the results shown are of this edit ...
        self._checked_decl: Declaration | None = None  # ... of this declaration
        self._pending = (-1, -1)  # (round, edit) of the check on the pool, until it is shown
        # Saves may finish out of order on the pool: only a newer copy may replace the draft.
        self._save_lock = threading.Lock()
        self._save_seq = 0
        self._saved_seq: dict[str, int] = {}
        self._handed_seq: dict[str, int] = {}  # the newest save handed to the pool, per draft

    # -- replacing the declaration -----------------------------------------------------------
    def load(
        self, decl: Declaration, *, draft_id: str | None = None, path: Path | None = None
    ) -> None:
        self.flush()
        self.decl = decl
        self.draft_id = draft_id or declarations.new_draft_id(self.ws)
        self.path = path
        self._values = declarations.field_values(decl)
        self.touched = {p for p, v in self._values.items() if v.strip()}
        self.revealed = set()
        self.changed.emit()
        self.check_now()

    def new(self, template: Declaration | None = None) -> None:
        self.load(template.copy() if template else Declaration())

    # -- edits -------------------------------------------------------------------------------
    def touch(self) -> None:
        """Call after any in-place edit of ``decl``: schedules the draft save and the checks."""
        self._edits += 1
        now = declarations.field_values(self.decl)
        self.touched.update(p for p, v in now.items() if self._values.get(p, "") != v)
        self._values = now
        self._save_timer.start()
        self._check_timer.start()

    def flush(self) -> None:
        """Save a pending draft at once (before quitting, switching, printing): one still
        waiting for its timer, or one handed to the pool and not saved yet (the pool may be
        busy with a search or a check; its older copy is then skipped)."""
        handed = self._handed_seq.get(self.draft_id, 0)
        if self._save_timer.isActive() or self._saved_seq.get(self.draft_id, 0) < handed:
            self.save_draft_now()

    def keep(self) -> None:
        """Make sure the declaration is kept as a draft now (before printing it): one never
        saved yet (opened from a file and printed unchanged) is written at once, else a
        pending save is (``flush``). Before, such a declaration was printed but not listed
        in the History, so it could not be printed again."""
        if self._saved_seq.get(self.draft_id, 0) == 0 and not self._handed_seq.get(self.draft_id):
            self.save_draft_now()
        else:
            self.flush()

    def save_soon(self) -> None:
        """Hand a draft save still waiting for its timer to the pool now (moving to another
        step): the step opens without the write on the window's thread, and ``flush`` still
        writes it itself if the pool has not when it matters (printing, quitting)."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save_draft_in_background()

    def save_draft_now(self) -> None:
        self._save_timer.stop()
        self._save_seq += 1
        saved, error = self._save_copy(self.draft_id, self.decl, self._save_seq)
        self._after_save(self.draft_id, saved, error)

    def save_draft_in_background(self) -> None:
        self._save_seq += 1
        seq, draft_id, decl = self._save_seq, self.draft_id, self.decl.copy()
        self._handed_seq[draft_id] = seq
        workers.run_async(
            lambda: self._save_copy(draft_id, decl, seq),
            lambda result: self._after_save(draft_id, *result),
        )

    def _after_save(self, draft_id: str, saved: bool, error: str) -> None:
        if error:
            self.save_failed.emit(error)
        elif saved and draft_id == self.draft_id:
            self.saved.emit(draft_id)

    def _save_copy(self, draft_id: str, decl: Declaration, seq: int) -> tuple[bool, str]:
        """Save ``decl`` as the draft unless a newer copy was saved already (any thread).
        Returns whether it was saved and why not, if it failed."""
        with self._save_lock:
            if seq < self._saved_seq.get(draft_id, 0):
                return False, ""
            try:
                declarations.save_draft(self.ws, draft_id, decl)
            except ShipdeskError as exc:  # a database in use elsewhere: said, retried later
                log.warning("draft save failed: %s", exc)
                return False, error_text(exc)
            except Exception as exc:  # a draft that cannot be saved must not lose the open edit
                log.exception("draft save failed")
                return False, f"{type(exc).__name__}: {exc}"
            self._saved_seq[draft_id] = seq
            return True, ""

    def discard_draft(self) -> None:
        self._save_timer.stop()
        with self._save_lock:  # a save still running on the pool must not bring it back
            self._saved_seq[self.draft_id] = self._save_seq = self._save_seq + 1
            declarations.delete_draft(self.ws, self.draft_id)

    def stop_saving(self) -> None:
        """Drop a pending draft save (the customer's data is about to be deleted)."""
        self._save_timer.stop()
        with self._save_lock:  # nor may a save still waiting on the pool write it
            self._saved_seq[self.draft_id] = self._save_seq = self._save_seq + 1

    # -- checks ------------------------------------------------------------------------------
    def check_now(self) -> None:
        """Validate and screen at once, on the GUI thread (before printing, after an override)."""
        self._check_timer.stop()
        self._check_round += 1
        self._show_checks(*self.run_checks(self.ws, self.decl), edits=self._edits)

    def check_in_background(self) -> None:
        """Validate and screen a copy of the declaration on the pool; show the result unless
        the declaration was replaced or another check started meanwhile."""
        self._check_timer.stop()
        self._check_round += 1
        round_, edits, decl, ws = self._check_round, self._edits, self.decl, self.ws
        snapshot = decl.copy()
        self._pending = (round_, edits)

        def done(result: CheckResult) -> None:
            # Rows may have moved since the copy: its item numbers would mark the wrong cells.
            if round_ == self._check_round and edits == self._edits and decl is self.decl:
                self._pending = (-1, -1)
                self._show_checks(*result, edits=edits)

        workers.run_async(lambda: self.run_checks(ws, snapshot), done)

    def checks_current(self) -> bool:
        """Whether the results shown are those of the declaration as it is now (nothing
        edited, nothing replaced since they were made)."""
        return (
            self.validation is not None
            and self._checked_edits == self._edits
            and self._checked_decl is self.decl
        )

    def check_pending(self) -> bool:
        """Whether a check of the declaration as it is now runs on the pool (its result will
        be shown when it arrives)."""
        return self._pending == (self._check_round, self._edits) and not self.checks_current()

    def check_soon(self) -> None:
        """Bring the results up to date without working them out on the window's thread
        (moving to the review): nothing when they are current or a check of the declaration as
        it is runs already, else a check on the pool now. Its result is shown as it arrives,
        through ``checked``; printing still checks at once (``check_now``)."""
        if not (self.checks_current() or self.check_pending()):
            self.check_in_background()

    def copy_for_checks(self) -> tuple[Declaration, tuple[int, Declaration]]:
        """A copy of the declaration to check on the pool (``run_checks``), and what it is a
        copy of (``show_checks_of`` shows its results only if nothing was edited since)."""
        return self.decl.copy(), (self._edits, self.decl)

    def show_checks_of(
        self,
        of: tuple[int, Declaration],
        result: CheckResult,
    ) -> bool:
        """Show the results ``run_checks`` gave for a copy (``copy_for_checks``) if the
        declaration is still as it was then (no edit since, not replaced); whether shown."""
        edits, decl = of
        if edits != self._edits or decl is not self.decl:
            return False
        self._check_timer.stop()
        self._check_round += 1
        self._show_checks(*result, edits=edits)
        return True

    @staticmethod
    def run_checks(ws: Workspace, decl: Declaration) -> CheckResult:
        """Validate and screen ``decl`` (any thread): the results, and why a check could not
        run."""
        errors: list[str] = []
        validation: ValidationResult | None = None
        findings: list[Finding] = []
        try:
            validation = declarations.validate(ws, decl)
        except Exception as exc:
            log.exception("validation failed")
            errors.append(_("Validation could not run: {error}").format(error=error_text(exc)))
        pacing.step_aside()  # between the two, the window's turn first
        try:
            findings = list(declarations.screen(ws, decl))
        except Exception as exc:
            log.exception("screening failed")
            errors.append(_("Screening could not run: {error}").format(error=error_text(exc)))
        return validation, findings, errors

    def _show_checks(
        self,
        validation: ValidationResult | None,
        findings: list[Finding],
        errors: list[str],
        *,
        edits: int,
    ) -> None:
        self._checked_edits, self._checked_decl = edits, self.decl
        self.validation = validation
        self.findings = findings
        self.check_errors = errors
        self._emit_checked()

    def _emit_checked(self) -> None:
        self._reveal_timer.stop()  # an emission still due is this one
        self.checked.emit(self.validation, self.findings)

    def reveal(self, steps: range | list[int], *, soon: bool = False) -> None:
        """Show every problem of ``steps`` (Next was pressed past them). ``soon``: the steps
        count as revealed at once (``is_shown``), the pages mark them in the next turn of the
        event loop (moving to a step: its opening turn stays short)."""
        new = set(steps) - self.revealed
        if new:
            self.revealed |= new
            if self.validation is not None:
                if soon:
                    self._reveal_timer.start()
                else:
                    self._emit_checked()

    def reveal_pending(self) -> bool:
        """Whether revealed problems are still to be marked (``reveal(..., soon=True)``)."""
        return self._reveal_timer.isActive()

    def is_shown(self, path: str) -> bool:
        """Whether the problems of the field ``path`` are shown to the person yet."""
        if field_step(path) in self.revealed:
            return True
        return any(_touches(t, path) for t in self.touched)

    def shown_problems(self) -> list[Problem]:
        """The problems shown now, in the validation's order."""
        probs = self.validation.problems if self.validation else []
        return [p for p in probs if self.is_shown(p.field)]

    def problems_for(self, prefix: str) -> list[Problem]:
        """Problems shown now whose field path is ``prefix`` or below it."""
        probs = self.validation.for_field(prefix) if self.validation else []
        return [p for p in probs if self.is_shown(p.field)]
