"""What a batch made of each declaration, and the summary shown to people.

:class:`Outcome` is one declaration's status (ok, to check, blocked, failed), its files and the
reasons; :class:`BatchSummary` gathers them with the row counts of the import, its rejected-row
file and notes, as JSON for ``import --json`` and as lines for the command line and the import
dialog (:func:`summary_lines`, English unless another language is asked for; the notes and
row problems are ``Phrase`` texts told in that language).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from shipdesk.core.exchange.import_result import CatalogueReport, RowProblem
from shipdesk.core.i18n import N_, Phrase, lang_code, tell
from shipdesk.core.screening.notes import level_word

STATUS_OK = "ok"
STATUS_CHECK = "check"  # made, but something needs a human look (suggested codes, warnings)
STATUS_BLOCKED = "blocked"  # prohibited item or validation errors: no PDF
STATUS_FAILED = "failed"  # an unexpected error while processing this one


@dataclass
class Outcome:
    """What happened to one declaration of the batch."""

    name: str  # order number (or file stem)
    status: str
    json_path: Path | None = None
    pdf_path: Path | None = None
    form: str = ""
    findings: list[dict[str, Any]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    suggested: list[dict[str, Any]] = field(default_factory=list)
    message: str = ""
    row: int | None = None  # the order's first row in the spreadsheet (None: not from one)

    def label(self) -> str:
        """The order as a person finds it again: ``"A-1001 (row 3)"``, or just its name."""
        if self.row is None:
            return self.name
        return Phrase(N_("{name} (row {row})"), name=self.name, row=self.row)

    def reasons(self, lang: str = "en") -> list[str]:
        """Why the declaration is blocked or failed; the level of a finding as a word of
        ``lang`` (the English file keeps the level's code)."""
        english = lang_code(lang) == "en"
        out = [
            f"{f['level'] if english else level_word(str(f['level']), lang)}: "
            f"{str(f['message']).rstrip('.')}"
            for f in self.findings
            if f.get("level") in ("prohibited", "restricted")
        ]
        out += [
            f"{p['field']}: {str(p['message']).rstrip('.')}"
            for p in self.problems
            if p["level"] == "error"
        ]
        if self.message:
            out.append(tell(self.message, lang))
        return out


@dataclass
class BatchSummary:
    out_dir: Path
    outcomes: list[Outcome] = field(default_factory=list)
    rows_read: int = 0
    rows_rejected: int = 0
    rows_skipped: int = 0  # nothing in the mapped columns (report footers, notes)
    row_problems: list[RowProblem] = field(default_factory=list)
    rejected_path: Path | None = None
    notes: list[str] = field(default_factory=list)
    cancelled: bool = False
    stopped: str = ""  # why the batch stopped before the end (a full disk ...); "" if it did not
    seconds: float = 0.0
    catalogue: CatalogueReport | None = None  # when a product catalogue or packaging was used

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)

    @property
    def made(self) -> int:
        return sum(1 for o in self.outcomes if o.json_path is not None)

    @property
    def pdfs(self) -> int:
        return sum(1 for o in self.outcomes if o.pdf_path is not None)

    @property
    def all_clear(self) -> bool:
        """True when every row went through and no declaration is blocked or failed."""
        return (
            not self.cancelled
            and not self.stopped
            and self.rows_rejected == 0
            and self.count(STATUS_BLOCKED) == 0
            and self.count(STATUS_FAILED) == 0
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "out_dir": str(self.out_dir),
            "declarations": self.made,
            "pdfs": self.pdfs,
            "ok": self.count(STATUS_OK),
            "to_check": self.count(STATUS_CHECK),
            "blocked": self.count(STATUS_BLOCKED),
            "failed": self.count(STATUS_FAILED),
            "rows_read": self.rows_read,
            "rows_rejected": self.rows_rejected,
            "rows_skipped": self.rows_skipped,
            "rejected_file": str(self.rejected_path) if self.rejected_path else None,
            "cancelled": self.cancelled,
            "stopped": tell(self.stopped, "en") or None,
            "notes": list(self.notes),
            "catalogue": self.catalogue.to_json() if self.catalogue is not None else None,
            "outcomes": [
                {
                    "name": o.name,
                    "row": o.row,
                    "status": o.status,
                    "file": str(o.json_path) if o.json_path else None,
                    "pdf": str(o.pdf_path) if o.pdf_path else None,
                    "form": o.form,
                    "reasons": o.reasons(),
                    "suggested_hs": o.suggested,
                }
                for o in self.outcomes
            ],
            "row_problems": [
                {"row": p.row, "column": p.column, "level": p.level, "message": p.message}
                for p in self.row_problems
            ],
        }


def summary_lines(summary: BatchSummary, max_rows: int = 50, lang: str = "en") -> list[str]:
    """A human summary of the batch for the CLI (English) and the GUI (its language)."""

    def say(template: str, /, **values: object) -> str:
        return Phrase(template, **values).in_language(lang)

    lines = [
        say(
            N_(
                "Declarations made: {made} in {folder} ({ok} ready, {check} to check, "
                "{blocked} blocked, {failed} failed); PDFs written: {pdfs}"
            ),
            made=summary.made,
            folder=summary.out_dir,
            ok=summary.count(STATUS_OK),
            check=summary.count(STATUS_CHECK),
            blocked=summary.count(STATUS_BLOCKED),
            failed=summary.count(STATUS_FAILED),
            pdfs=summary.pdfs,
        ),
    ]
    if summary.cancelled:
        lines.append(say(N_("Cancelled: the remaining declarations were not processed.")))
    if summary.stopped:
        lines.append(
            say(
                N_("{stopped}. Fix the cause and run the same import again."),
                stopped=summary.stopped,
            )
        )
    for o in summary.outcomes:
        if o.status in (STATUS_BLOCKED, STATUS_FAILED):
            reasons = "; ".join(o.reasons(lang)[:3]) or o.status
            lines.append(f"  {o.status.upper()} {tell(o.label(), lang)}: {reasons}")
    n_sugg = sum(len(o.suggested) for o in summary.outcomes)
    if n_sugg:
        lines.append(say(N_("HS codes suggested (confirm before sending): {n}"), n=n_sugg))
    lines.extend(tell(note, lang) for note in summary.notes)
    errors = [p for p in summary.row_problems if p.level == "error"]
    counts = say(
        N_("Rows read: {read}; rows rejected: {rejected}"),
        read=summary.rows_read,
        rejected=summary.rows_rejected,
    )
    if summary.rows_skipped:
        counts += say(
            N_("; rows skipped (nothing in the mapped columns): {n}"), n=summary.rows_skipped
        )
    lines.append(counts)
    for p in errors[:max_rows]:
        line = say(
            N_("row {row}, column {column!r}: {message}"),
            row=p.row,
            column=p.column,
            message=p.message,
        )
        lines.append("  " + line)
    if len(errors) > max_rows:
        lines.append(
            "  "
            + say(N_("... and {n} more (see the rejected rows file)"), n=len(errors) - max_rows)
        )
    if summary.rejected_path:
        lines.append(
            say(
                N_("Rejected rows written to {path} (fix and re-import)"),
                path=summary.rejected_path,
            )
        )
    return lines
