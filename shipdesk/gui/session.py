"""The declaration being edited: one object the pages share, saved as a draft while typing.

Pages change ``session.decl`` in place and call ``session.touch()``. The session then
(debounced) saves the draft and re-runs validation and screening through the core services,
emitting ``checked`` with the results. No rule lives here: it only schedules core calls. The
session holds the workspace the app opened at start; pages reach the services through it.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal

from shipdesk.core.errors import ShipdeskError
from shipdesk.core.i18n import _, error_text
from shipdesk.core.model import Declaration
from shipdesk.core.services import Workspace, declarations

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Finding, Problem, ValidationResult

log = logging.getLogger("shipdesk.gui.session")

CHECK_DELAY_MS = 250
SAVE_DELAY_MS = 400


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
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.check_now)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_draft_now)

    # -- replacing the declaration -----------------------------------------------------------
    def load(
        self, decl: Declaration, *, draft_id: str | None = None, path: Path | None = None
    ) -> None:
        self.flush()
        self.decl = decl
        self.draft_id = draft_id or declarations.new_draft_id(self.ws)
        self.path = path
        self.changed.emit()
        self.check_now()

    def new(self, template: Declaration | None = None) -> None:
        self.load(template.copy() if template else Declaration())

    # -- edits -------------------------------------------------------------------------------
    def touch(self) -> None:
        """Call after any in-place edit of ``decl``: schedules the draft save and the checks."""
        self._save_timer.start()
        self._check_timer.start()

    def flush(self) -> None:
        """Save a pending draft at once (before quitting, switching, printing)."""
        if self._save_timer.isActive():
            self._save_timer.stop()
            self.save_draft_now()

    def save_draft_now(self) -> None:
        try:
            declarations.save_draft(self.ws, self.draft_id, self.decl)
            self.saved.emit(self.draft_id)
        except ShipdeskError as exc:  # a database in use elsewhere: said, retried at the next edit
            log.warning("draft save failed: %s", exc)
            self.save_failed.emit(error_text(exc))
        except Exception as exc:  # a draft that cannot be saved must not lose the open edit
            log.exception("draft save failed")
            self.save_failed.emit(f"{type(exc).__name__}: {exc}")

    def discard_draft(self) -> None:
        self._save_timer.stop()
        declarations.delete_draft(self.ws, self.draft_id)

    def stop_saving(self) -> None:
        """Drop a pending draft save (the customer's data is about to be deleted)."""
        self._save_timer.stop()

    # -- checks ------------------------------------------------------------------------------
    def check_now(self) -> None:
        self._check_timer.stop()
        errors: list[str] = []
        try:
            self.validation = declarations.validate(self.ws, self.decl)
        except Exception as exc:
            log.exception("validation failed")
            self.validation = None
            errors.append(_("Validation could not run: {error}").format(error=error_text(exc)))
        try:
            self.findings = list(declarations.screen(self.ws, self.decl))
        except Exception as exc:
            log.exception("screening failed")
            self.findings = []
            errors.append(_("Screening could not run: {error}").format(error=error_text(exc)))
        self.check_errors = errors
        self.checked.emit(self.validation, self.findings)

    def problems_for(self, prefix: str) -> list[Problem]:
        """Problems whose field path is ``prefix`` or below it."""
        return self.validation.for_field(prefix) if self.validation else []
