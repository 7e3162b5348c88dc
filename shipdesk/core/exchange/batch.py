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
findings or warnings. One declaration's failure never stops the others.

The judges are handed in as a :class:`Checks` value (the services build it from the workspace:
the user's catalogue, operator profile and rates), so this module calls nothing above it.
What came of each declaration is :mod:`.batch_summary`.
"""

from __future__ import annotations

import logging
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
from shipdesk.core.fileio import atomic_write_bytes, windows_reserved
from shipdesk.core.i18n import N_, ErrorText, Phrase
from shipdesk.core.model import Declaration, JsonValue
from shipdesk.core.progress import Cancelled, CancelToken, ProgressCallback
from shipdesk.core.screening.overrides import blocking

log = logging.getLogger("shipdesk.exchange.batch")

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


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
    if isinstance(result_or_decls, ImportResult):
        res = result_or_decls
        named = [(o.order_number, o.declaration) for o in res.orders]
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
            summary.rejected_path = res.write_rejected(out / rejected_name, rejected_lang)
    else:
        named = [
            (str(d.extra.get("order_number") or d.item_id or f"declaration-{i + 1}"), d)
            for i, d in enumerate(result_or_decls)
        ]
    lookup = _Lookup(summary.notes, checks)
    used: set[str] = set()
    total = len(named)
    for i, (name, decl) in enumerate(named):
        if progress is not None:
            progress(
                i,
                total,
                Phrase(N_("declaration {n} of {total}: {name}"), n=i + 1, total=total, name=name),
            )
        if cancel is not None and cancel.cancelled:
            summary.cancelled = True
            break
        outcome = Outcome(name=name, status=STATUS_OK)
        summary.outcomes.append(outcome)
        stem = safe_stem(name)
        base, k = stem, 2
        while stem.lower() in used:
            stem, k = f"{base}-{k}", k + 1
        used.add(stem.lower())
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
        except ShipdeskError as exc:
            outcome.status = STATUS_FAILED
            outcome.message = ErrorText(exc)
        except Exception as exc:  # one bad declaration must not stop the batch
            log.exception("batch: declaration %s failed", name)
            outcome.status = STATUS_FAILED
            outcome.message = Phrase(
                N_("internal error ({error})"), error=f"{type(exc).__name__}: {exc}"
            )
    if progress is not None:
        progress(len(summary.outcomes), total, Phrase(N_("done")))
    summary.seconds = time.perf_counter() - started
    return summary
