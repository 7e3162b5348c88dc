"""Entry points: render one declaration to PDF bytes, or many to files."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.core.documents import cn22, cn23, invoice, labels, packing_list, printed
from shipdesk.core.documents.layout import PAPERS, Doc, Region
from shipdesk.core.errors import InputError
from shipdesk.core.fileio import atomic_write_bytes
from shipdesk.core.model import Declaration
from shipdesk.core.operators import OperatorProfile, choose_form, get_profile
from shipdesk.core.progress import CancelToken, ProgressCallback

if TYPE_CHECKING:
    from shipdesk.core.duties.estimate import Estimate
    from shipdesk.core.rates import RateBook

FORMS = ("auto", "cn22", "cn23", "invoice", "packing", "all")
SHEET_PAPERS = ("a4", "letter")


@dataclass(frozen=True)
class Rendered:
    """A rendered PDF with where each value was drawn (for previews and checks)."""

    pdf: bytes
    regions: list[Region]
    pages: int
    forms: list[str]


def _check_args(form: str, paper: str, copies: int | None) -> None:
    if form not in FORMS:
        raise InputError(f"unknown form '{form}' (choose {'|'.join(FORMS)})", location="form")
    if paper not in PAPERS:
        raise InputError(f"unknown paper '{paper}' (choose {'|'.join(PAPERS)})", location="paper")
    if copies is not None and not (1 <= copies <= 20):
        raise InputError("copies must be between 1 and 20", location="copies")


def _plan(
    decl: Declaration, form: str, profile: OperatorProfile, rates: RateBook | None
) -> list[str]:
    if form in ("cn22", "cn23", "invoice", "packing"):
        return [form]
    customs = choose_form(decl, profile, rates=rates)
    if form == "auto":
        return [customs]
    return [customs, "invoice", "packing"]


def render_document(
    decl: Declaration,
    *,
    form: str = "auto",
    paper: str = "a4",
    operator: str | OperatorProfile | None = None,
    lang: str = "en",
    copies: int | None = None,
    draft: bool = False,
    rates: RateBook | None = None,
    duties: Estimate | None = None,
) -> Rendered:
    """Like :func:`render`, also telling where each value was drawn."""
    form = (form or "auto").strip().lower()
    paper = (paper or "a4").strip().lower()
    _check_args(form, paper, copies)
    labels.texts(lang)  # refuses an unknown language before any work
    profile = operator if isinstance(operator, OperatorProfile) else get_profile(operator)
    plan = _plan(decl, form, profile, rates)
    if paper not in SHEET_PAPERS:
        sheet_only = [f for f in plan if f != "cn22"]
        if sheet_only:
            names = ", ".join(x.upper() if x.startswith("cn") else x for x in sheet_only)
            raise InputError(
                f"{names} needs A4 or Letter paper; label stock ({paper}) takes the CN 22 only",
                location="paper",
            )
    printed.check_declaration_printable(decl)
    doc = Doc(paper, title=_title(decl, plan, lang))
    if draft:
        doc.watermark = labels.DRAFT
    for f in plan:
        n = (
            copies
            or {
                "cn22": profile.copies_cn22,
                "cn23": profile.copies_cn23,
                "invoice": profile.copies_invoice,
                "packing": 1,
            }[f]
        )
        # The UPU default profile stands for "any operator": its name is not printed.
        operator_name = "" if profile.id == "upu" else profile.name
        job = printed.Job(decl, paper, operator_name, max(1, n), lang, draft, duties)
        {
            "cn22": cn22.draw,
            "cn23": cn23.draw,
            "invoice": invoice.draw,
            "packing": packing_list.draw,
        }[f](job, doc)
    pages = doc.page + 1
    pdf = doc.finish()
    return Rendered(pdf, doc.regions, pages, plan)


def _title(decl: Declaration, plan: Sequence[str], lang: str) -> str:
    """The PDF's title (its metadata), in the language the invoice is printed in."""
    words = labels.texts(lang)
    names = {
        "cn22": "CN 22",
        "cn23": "CN 23",
        "invoice": words["invoice_title"],
        "packing": words["packing_list"],
    }
    what = ", ".join(names[p] for p in plan)
    ref = (
        printed.item_number(decl).text or decl.invoice_number.strip() or decl.recipient.name.strip()
    )
    return f"{what} — {ref}" if ref else what


def render(
    decl: Declaration,
    *,
    form: str = "auto",
    paper: str = "a4",
    operator: str | OperatorProfile | None = None,
    lang: str = "en",
    copies: int | None = None,
    draft: bool = False,
    rates: RateBook | None = None,
    duties: Estimate | None = None,
) -> bytes:
    """PDF bytes of the documents for ``decl``.

    ``form``: ``auto`` (CN 22 or CN 23 by the operator's rules), ``cn22``, ``cn23``, ``invoice``
    (commercial or pro-forma by the category), ``packing`` (packing list) or ``all`` (customs
    form, invoice and packing list). ``paper``: ``a4``, ``letter``, ``label-4x6``, ``a6``
    (label stock takes the CN 22 only). ``copies`` overrides the operator profile's count.
    ``lang`` is the language of the invoice and packing list. ``draft`` marks every page.
    ``operator`` is a profile or its id (None: the UPU default); ``rates`` the rate book that
    decides CN 22 or CN 23 (None: the shipped tables); ``duties`` the estimate printed on the
    invoice when the sender pays the duties (DDP).
    Raises ``InputError`` naming the field when a value cannot be printed.
    """
    return render_document(
        decl,
        form=form,
        paper=paper,
        operator=operator,
        lang=lang,
        copies=copies,
        draft=draft,
        rates=rates,
        duties=duties,
    ).pdf


def _file_stem(decl: Declaration, index: int) -> str:
    base = (
        printed.item_number(decl).text
        or decl.invoice_number.strip()
        or f"declaration-{index + 1:04d}"
    )
    safe = "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in base)
    return safe[:80] or f"declaration-{index + 1:04d}"


def render_many(
    decls: Iterable[Declaration],
    out_dir: str | Path,
    *,
    form: str = "auto",
    paper: str = "a4",
    operator: str | OperatorProfile | None = None,
    lang: str = "en",
    rates: RateBook | None = None,
    progress: ProgressCallback | None = None,
    cancel: CancelToken | None = None,
    names: Sequence[str] | None = None,
) -> list[Path]:
    """Render each declaration to ``out_dir/<name>.pdf``; fonts are registered once.

    ``names`` gives the file stems (default: item id, invoice number or a running number;
    repeated stems get ``-2``, ``-3``). An ``InputError`` for one declaration names its position
    (``declaration 3: recipient.name: ...``) and stops the batch; callers that want to skip bad
    ones validate first. Returns the written paths in order.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    todo = list(decls)
    written: list[Path] = []
    used: set[str] = set()
    for i, decl in enumerate(todo):
        if cancel is not None:
            cancel.raise_if_cancelled()
        stem = names[i] if names is not None and i < len(names) else _file_stem(decl, i)
        unique, k = stem, 1
        while unique.lower() in used:
            k += 1
            unique = f"{stem}-{k}"
        used.add(unique.lower())
        try:
            pdf = render(decl, form=form, paper=paper, operator=operator, lang=lang, rates=rates)
        except InputError as exc:
            raise InputError(
                exc.detail, source=f"declaration {i + 1}", location=exc.location
            ) from exc
        path = out / f"{unique}.pdf"
        atomic_write_bytes(path, pdf)
        written.append(path)
        if progress is not None:
            progress(i + 1, len(todo), path.name)
    return written
