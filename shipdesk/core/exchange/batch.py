"""The batch use case: imported declarations -> HS suggestions, screening, validation, files.

For each declaration:

1. items without an HS code get the code the user confirmed before for the same description
   (the catalogue), else the best suggestion of the tariff lookup; either way the code is marked
   for confirmation in ``item.extra["hs_suggested"] = True`` with the suggestion's description,
   score and source;
2. it is screened for restricted goods and validated;
3. its ``*.shipdesk.json`` is written (always, so a blocked declaration can be fixed and
   re-checked) and, unless it is blocked, its PDF.

A declaration is *blocked* when screening finds a prohibited item (not overridden) or
validation reports an error; it is *to check* when it carries suggested HS codes, restricted
findings or warnings.

One declaration's failure never stops the others: an unexpected error becomes one "failed"
line naming the order and its row, its traceback goes to the log file. An error of the
surroundings that would fail every following order as well (the disk full, the output folder
read-only or not writable, no file handles left: :data:`STOP_ERRNOS`) stops the batch at once
instead, with one line saying where and why (``BatchSummary.stopped``); what was written stays.

Running the same batch again is safe after any stop, even a kill: every file is written
atomically under the same name (never a second copy), and the temporary files a killed run
left behind are removed as their files are written again.

The judges are handed in as a :class:`Checks` value (the services build it from the workspace:
the user's catalogue, operator profile and rates), so this module calls nothing above it.
What came of each declaration is :mod:`.batch_summary`.
"""

from __future__ import annotations

import contextlib
import errno
import logging
import os
import re
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from shipdesk.core.errors import InputError, ShipdeskError
from shipdesk.core.exchange.batch_summary import (
    STATUS_BLOCKED,
    STATUS_CHECK,
    STATUS_FAILED,
    STATUS_OK,
    BatchSummary,
    Outcome,
)
from shipdesk.core.exchange.declaration_json import dumps
from shipdesk.core.exchange.import_result import ImportResult
from shipdesk.core.fileio import (
    TEMP_MARK,
    atomic_write_bytes,
    is_own_temp,
    remove_stale_temps,
    windows_reserved,
)
from shipdesk.core.i18n import N_, ErrorText, Phrase
from shipdesk.core.logs import current_log_file
from shipdesk.core.model import Declaration, JsonValue
from shipdesk.core.progress import Cancelled, CancelToken, ProgressCallback
from shipdesk.core.screening.overrides import blocking

log = logging.getLogger("shipdesk.exchange.batch")

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")

STOP_ERRNOS = frozenset(
    code
    for code in (
        errno.ENOSPC,  # disk full
        getattr(errno, "EDQUOT", None),  # quota exceeded
        errno.EACCES,  # the output folder may not be written
        errno.EPERM,
        errno.EROFS,  # read-only file system
        errno.EMFILE,  # no file handles left (process)
        errno.ENFILE,  # no file handles left (system)
    )
    if code is not None
)
"""OS errors that will fail every following order the same way: the batch stops at the first."""


def stops_the_batch(exc: BaseException) -> OSError | None:
    """The OS error behind ``exc`` (itself or what caused it) when it is one that stops the
    batch (:data:`STOP_ERRNOS`), else None."""
    seen: set[int] = set()
    cur: BaseException | None = exc
    while cur is not None and id(cur) not in seen:
        seen.add(id(cur))
        if isinstance(cur, OSError) and cur.errno in STOP_ERRNOS:
            return cur
        cur = cur.__cause__ or cur.__context__
    return None


def safe_stem(name: str, fallback: str = "declaration") -> str:
    """A file name stem that is safe on Windows, macOS and Linux: '#1001' -> '1001'.

    Never a Windows device name ("CON", "aux.1", "com1.txt" get ``fallback`` in front), never
    empty, and never ending in a dot, so adding ".json" or ".pdf" keeps it safe.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = _UNSAFE.sub("-", text).strip(".-_")[:80].rstrip(".-_")
    if not text:
        return fallback
    if windows_reserved(text):
        text = f"{fallback}-{text}"
    return text


@dataclass(frozen=True)
class _Suggestion:
    code: str
    description: str
    score: float
    source: str


class Confirmed(Protocol):
    """A classification the user confirmed before (``storage.catalogue.CatalogueEntry``)."""

    @property
    def hs_code(self) -> str: ...
    @property
    def description(self) -> str: ...


@dataclass(frozen=True)
class Checks:
    """What the batch asks of the layers it does not own, handed in by the caller.

    ``confirmed(description)``: the user's confirmed classifications for that description;
    ``suggest(description, top)``: tariff suggestions (objects with ``code``, ``description``,
    ``score``, ``source``); ``screen(decl, channel)``: findings; ``validate(decl)``: a
    validation result (``to_json``, ``has_errors``); ``render(decl)``: PDF bytes.
    """

    confirmed: Callable[[str], Sequence[Confirmed]]
    suggest: Callable[[str, int], Sequence[Any]]
    screen: Callable[[Declaration, str], Sequence[Any]]
    validate: Callable[[Declaration], Any]
    render: Callable[[Declaration], bytes]


class _Lookup:
    """HS suggestions, loaded once per batch; a missing or broken lookup is noted, not fatal."""

    def __init__(self, notes: list[str], checks: Checks):
        self.notes = notes
        self.checks = checks
        self.failed = False
        self.cache: dict[str, Any] = {}
        self.catalogue_failed = False

    def confirmed(self, description: str) -> Any | None:
        """A code the user confirmed before for exactly this description (the catalogue)."""
        if self.catalogue_failed:
            return None
        try:
            hits = self.checks.confirmed(description)
        except Exception as exc:  # a broken catalogue must not stop the batch: look up instead
            self.catalogue_failed = True
            log.warning("catalogue unavailable: %s", exc)
            return None
        if not hits:
            return None
        return _Suggestion(hits[0].hs_code, hits[0].description, 1.0, "catalogue")

    def best(self, description: str) -> Any | None:
        if not description.strip():
            return None
        key = " ".join(description.casefold().split())
        if key in self.cache:
            return self.cache[key]
        hit = self.confirmed(description)
        if hit is not None:
            self.cache[key] = hit
            return hit
        if self.failed:
            return None
        try:
            found = self.checks.suggest(description, 1)
        except (ImportError, ShipdeskError) as exc:
            self.failed = True
            self.notes.append(
                Phrase(
                    N_("HS codes not suggested: the tariff lookup is unavailable ({error})"),
                    error=ErrorText(exc),
                )
            )
            return None
        self.cache[key] = found[0] if found else None
        return self.cache[key]


def _suggest(decl: Declaration, lookup: _Lookup) -> list[dict[str, Any]]:
    out = []
    for i, item in enumerate(decl.items):
        if item.hs_code.strip() or not item.description.strip():
            continue
        s = lookup.best(item.description)
        if s is None:
            continue
        item.hs_code = str(s.code)
        item.extra["hs_suggested"] = True
        suggestion: dict[str, JsonValue] = {
            "description": str(getattr(s, "description", "")),
            "score": round(float(getattr(s, "score", 0.0)), 4),
            "source": str(getattr(s, "source", "")),
        }
        item.extra["hs_suggestion"] = suggestion
        out.append({"item": i, "code": item.hs_code, **suggestion})
    return out


def _screen(decl: Declaration, channel: str, checks: Checks) -> tuple[list[Any], list[Any]]:
    """(all findings, blocking findings)."""
    findings = list(checks.screen(decl, channel))
    return findings, list(blocking(decl, findings))


def _finding_json(f: Any) -> dict[str, Any]:
    if hasattr(f, "to_json"):
        return dict(f.to_json())
    return {
        "rule": getattr(f, "rule", ""),
        "level": getattr(f, "level", ""),
        "message": getattr(f, "message", str(f)),
    }


def _problems_json(result: Any) -> tuple[str, list[dict[str, Any]]]:
    data = result.to_json() if hasattr(result, "to_json") else {"form": "", "problems": []}
    return str(data.get("form", "")), list(data.get("problems", []))


class _Leftovers:
    """Temporary files that an earlier run of a batch, killed while writing, left in the output
    folder, by the file they were to become: a rerun removes them as it writes those files
    again, whatever their age (another write of the same file cannot be under way then)."""

    def __init__(self, out: Path):
        self.by_target: dict[str, list[Path]] = {}
        try:
            names = [e.name for e in os.scandir(out) if is_own_temp(e.name)]
        except OSError:
            names = []
        for name in names:  # ".<target>.shipdesk-<random>.tmp"
            self.by_target.setdefault(name[1 : name.rindex(TEMP_MARK)], []).append(out / name)
        remove_stale_temps(out)  # and any other killed write's, once it is old enough

    def remove(self, *targets: str) -> None:
        for target in targets:
            for path in self.by_target.pop(target, []):
                with contextlib.suppress(OSError):
                    path.unlink()


def _os_error_text(exc: OSError, out: Path) -> str:
    """ "No space left on device (out/1001.pdf)": the system's words and the file concerned."""
    return f"{exc.strerror or type(exc).__name__} ({exc.filename or out})"


def run_batch(
    result_or_decls: ImportResult | list[Declaration],
    out_dir: str | Path,
    *,
    checks: Checks,
    render_pdf: bool = True,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    channel: str = "post",
    suggest_hs: bool = True,
    rejected_name: str = "rejected.csv",
    rejected_lang: str = "en",
) -> BatchSummary:
    """Check every declaration and write its file (and PDF) into ``out_dir``.

    Cancelling stops between declarations: what was written stays, ``cancelled`` is set.
    """
    started = time.perf_counter()
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(
            Phrase(N_("cannot create the folder ({error})"), error=exc.strerror), source=str(out)
        ) from None
    summary = BatchSummary(out_dir=out)
    leftovers = _Leftovers(out)
    if isinstance(result_or_decls, ImportResult):
        res = result_or_decls
        named = [(o.order_number, o.declaration, min(o.rows, default=None)) for o in res.orders]
        summary.rows_read = res.rows_read
        summary.rows_rejected = len(res.rejected)
        summary.rows_skipped = res.rows_skipped
        if res.rows_read == 0:
            summary.notes.append(
                Phrase(
                    N_("No order rows found below the header (row {row}) of {source}"),
                    row=res.header_row,
                    source=res.source,
                )
            )
        summary.row_problems = list(res.problems)
        summary.catalogue = res.catalogue
        if res.catalogue is not None:
            summary.notes.extend(res.catalogue.lines_text())
        if res.rejected:
            leftovers.remove(rejected_name)
            try:
                summary.rejected_path = res.write_rejected(out / rejected_name, rejected_lang)
            except OSError as exc:
                raise InputError(
                    Phrase(N_("cannot write the file ({error})"), error=exc.strerror),
                    source=str(out / rejected_name),
                ) from None
    else:
        named = [
            (str(d.extra.get("order_number") or d.item_id or f"declaration-{i + 1}"), d, None)
            for i, d in enumerate(result_or_decls)
        ]
    lookup = _Lookup(summary.notes, checks)
    used: set[str] = set()
    total = len(named)
    for i, (name, decl, row) in enumerate(named):
        if progress is not None:
            progress(
                i,
                total,
                Phrase(N_("declaration {n} of {total}: {name}"), n=i + 1, total=total, name=name),
            )
        if cancel is not None and cancel.cancelled:
            summary.cancelled = True
            break
        outcome = Outcome(name=name, status=STATUS_OK, row=row)
        summary.outcomes.append(outcome)
        stem = safe_stem(name)
        base, k = stem, 2
        while stem.lower() in used:
            stem, k = f"{base}-{k}", k + 1
        used.add(stem.lower())
        leftovers.remove(f"{stem}.shipdesk.json", f"{stem}.pdf")
        try:
            if suggest_hs:
                outcome.suggested = _suggest(decl, lookup)
            json_path = out / f"{stem}.shipdesk.json"
            atomic_write_bytes(json_path, dumps(decl).encode("utf-8"))
            outcome.json_path = json_path
            findings, blockers = _screen(decl, channel, checks)
            outcome.findings = [_finding_json(f) for f in findings]
            vres = checks.validate(decl)
            outcome.form, outcome.problems = _problems_json(vres)
            if blockers or getattr(vres, "has_errors", False):
                outcome.status = STATUS_BLOCKED
            else:
                if render_pdf:
                    pdf = checks.render(decl)
                    pdf_path = out / f"{stem}.pdf"
                    atomic_write_bytes(pdf_path, pdf)
                    outcome.pdf_path = pdf_path
                attention = outcome.suggested or any(
                    f.get("level") in ("restricted", "warning") for f in outcome.findings
                )
                attention = attention or any(p["level"] == "warning" for p in outcome.problems)
                outcome.status = STATUS_CHECK if attention else STATUS_OK
        except Cancelled:
            summary.cancelled = True
            summary.outcomes.pop()
            break
        except Exception as exc:
            outcome.status = STATUS_FAILED
            fatal = stops_the_batch(exc)
            if fatal is not None:  # every following order would fail the same way: stop
                log.error("batch stopped at declaration %s", outcome.label(), exc_info=exc)
                outcome.message = _os_error_text(fatal, out)
                summary.stopped = Phrase(
                    N_("Stopped at order {order}: {reason}; orders not processed: {n} of {total}"),
                    order=outcome.label(),
                    reason=outcome.message,
                    n=total - i,
                    total=total,
                )
                break
            if isinstance(exc, ShipdeskError):  # an expected error: its own line says it all
                outcome.message = ErrorText(exc)
                continue
            # one bad declaration must not stop the batch: one line, the traceback in the log
            log.error("batch: declaration %s failed", outcome.label(), exc_info=exc)
            error = f"{type(exc).__name__}: {exc}"
            logged = current_log_file()
            outcome.message = (
                Phrase(N_("internal error ({error}); details in {log}"), error=error, log=logged)
                if logged is not None
                else Phrase(N_("internal error ({error})"), error=error)
            )
    if progress is not None:
        progress(len(summary.outcomes), total, Phrase(N_("done")))
    summary.seconds = time.perf_counter() - started
    return summary
