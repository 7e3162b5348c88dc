"""Item tables: rows that grow with their text, split across sheets, never cut."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, replace

from shipdesk.core.documents import fonts
from shipdesk.core.documents.fitting import LEADING, MM, Fitted, fit, fitted_height
from shipdesk.core.documents.layout import CAPTION_SIZE, Doc, caption_height

CELL_PAD = 0.7


@dataclass(frozen=True)
class Col:
    key: str
    title: str
    width: float  # mm
    align: str = "left"
    one_line: bool = False  # numbers and codes: shrink before wrapping
    group: str = ""  # heading shared by adjacent columns ("For commercial items only")


def widen(cols: Sequence[Col]) -> list[Col]:
    """The columns, each at least as wide as the longest word of its caption at 6 pt (so no
    caption word is broken between letters); the width comes from the first column that wraps
    its values (the description)."""
    out = list(cols)
    give = next((k for k, c in enumerate(out) if not c.one_line), None)
    if give is None:
        return out
    for k, c in enumerate(out):
        if k == give:
            continue
        words = c.title.split() or [""]
        need = max(fonts.string_width(w, CAPTION_SIZE) for w in words) / MM + 1.4
        if c.width < need:
            out[give] = replace(out[give], width=out[give].width - (need - c.width))
            out[k] = replace(c, width=need)
    return out


@dataclass
class Row:
    prefix: str  # region prefix, e.g. "items[3]"
    cells: list[Fitted]
    height: float  # mm
    part: int = 0  # >0 for the later parts of a row split across sheets


def make_rows(
    cols: Sequence[Col],
    data: Sequence[tuple[str, Sequence[str]]],
    *,
    size: float = 7.5,
    min_height: float = 4.6,
) -> list[Row]:
    """Fit each cell in its column width (height unbounded) and size each row to its tallest."""
    rows: list[Row] = []
    for prefix, values in data:
        cells = [
            fit([v], (c.width - 2 * CELL_PAD) * MM, 1e6, size=size, one_line=c.one_line)
            for c, v in zip(cols, values)
        ]
        h = max([min_height] + [fitted_height(f, CELL_PAD) for f in cells])
        rows.append(Row(prefix, cells, h))
    return rows


def _split(row: Row, height: float) -> tuple[Row, Row]:
    """Split a row taller than ``height`` mm: the lines that fit, and the rest."""
    first, rest = [], []
    for f in row.cells:
        per = max(1, math.floor((height - 2 * CELL_PAD * 0.6) * MM / (f.size * 1.17)))
        first.append(Fitted(f.size, f.lines[:per], ""))
        rest.append(Fitted(f.size, f.lines[per:], ""))
    h1 = max(fitted_height(f, CELL_PAD) for f in first)
    h2 = max(fitted_height(f, CELL_PAD) for f in rest)
    return Row(row.prefix, first, h1, row.part), Row(row.prefix, rest, h2, row.part + 1)


def paginate(rows: Sequence[Row], capacities: Sequence[float]) -> list[list[Row]]:
    """Distribute rows over areas of the given heights (mm); the last capacity repeats."""
    pages: list[list[Row]] = [[]]
    used = 0.0
    queue = list(rows)
    while queue:
        cap = capacities[min(len(pages) - 1, len(capacities) - 1)]
        row = queue.pop(0)
        if used + row.height <= cap + 0.01:
            pages[-1].append(row)
            used += row.height
            continue
        full_cap = capacities[min(len(pages), len(capacities) - 1)]
        if row.height > full_cap or (not pages[-1] and row.height > cap):
            # Taller than a whole sheet's area: put what fits here, the rest goes on.
            room = cap - used
            if room < 2 * row.cells[0].size / MM * 1.2:
                pages.append([])
                used = 0.0
                queue.insert(0, row)
                continue
            head, tail = _split(row, room)
            pages[-1].append(head)
            queue.insert(0, tail)
            pages.append([])
            used = 0.0
            continue
        pages.append([row])
        used = row.height
    return pages


GROUP_SIZE = CAPTION_SIZE  # the heading over grouped columns ("For commercial items only")


def _groups(cols: Sequence[Col]) -> list[tuple[int, int]]:
    """(first index, count) of each run of adjacent columns sharing a group heading."""
    out = []
    k = 0
    while k < len(cols):
        if cols[k].group:
            n = 1
            while k + n < len(cols) and cols[k + n].group == cols[k].group:
                n += 1
            out.append((k, n))
            k += n
        else:
            k += 1
    return out


def group_height(cols: Sequence[Col]) -> float:
    """Height of the group heading band: the group text wraps at a small size."""
    h = 0.0
    for k, n in _groups(cols):
        width = sum(c.width for c in cols[k : k + n])
        f = fit([cols[k].group], (width - 0.6) * MM, 1e6, size=GROUP_SIZE, min_size=GROUP_SIZE)
        h = max(h, len(f.lines) * GROUP_SIZE * LEADING / MM + 0.8)
    return h


def draw_header(doc: Doc, x: float, y: float, cols: Sequence[Col], height: float) -> None:
    """Column captions; adjacent columns with the same ``group`` share a heading band."""
    doc.fill_rect(x, y, sum(c.width for c in cols), height, 0.93)
    gh = group_height(cols)
    cx = x
    k = 0
    while k < len(cols):
        c = cols[k]
        if not c.group:
            doc.rect(cx, y, c.width, height, 0.5)
            doc.label(cx, y, c.width, c.title)
            cx += c.width
            k += 1
            continue
        members = [c]
        while k + len(members) < len(cols) and cols[k + len(members)].group == c.group:
            members.append(cols[k + len(members)])
        gw = sum(m.width for m in members)
        doc.rect(cx, y, gw, gh, 0.5)
        doc.fit_in(
            cx,
            y,
            gw,
            gh,
            c.group,
            size=GROUP_SIZE,
            min_size=GROUP_SIZE,
            align="center",
            pad=0.3,
        )
        for m in members:
            doc.rect(cx, y + gh, m.width, height - gh, 0.5)
            doc.label(cx, y + gh, m.width, m.title)
            cx += m.width
        k += len(members)


def header_height(doc: Doc, cols: Sequence[Col]) -> float:
    """Height of the caption row: the tallest caption (wrapped at 6 pt) with its group band."""
    most = 1.0
    gh = group_height(cols)
    for c in cols:
        h = caption_height(c.width, c.title) + 0.9 + (gh if c.group else 0.0)
        most = max(most, h)
    return most


def draw_rows(
    doc: Doc,
    x: float,
    y: float,
    cols: Sequence[Col],
    rows: Sequence[Row],
    area_h: float,
    *,
    rule_empty: bool = True,
) -> float:
    """Draw rows under a header; empty ruled lines fill the area. Returns the y after the area."""
    cy = y
    total_w = sum(c.width for c in cols)
    for row in rows:
        cx = x
        for c, f in zip(cols, row.cells):
            name = f"{row.prefix}.{c.key}" if row.part == 0 else f"{row.prefix}.{c.key}~{row.part}"
            doc.draw_fitted(
                cx, cy, c.width, f, align=c.align, region=name, h=row.height, pad=CELL_PAD
            )
            doc.line(cx, cy, cx, cy + row.height, 0.4)
            cx += c.width
        doc.line(x + total_w, cy, x + total_w, cy + row.height, 0.4)
        cy += row.height
        doc.line(x, cy, x + total_w, cy, 0.3)
    end = y + area_h
    if rule_empty:
        while cy + 4.6 <= end + 0.01:
            cx = x
            for c in cols:
                doc.line(cx, cy, cx, cy + 4.6, 0.4)
                cx += c.width
            doc.line(x + total_w, cy, x + total_w, cy + 4.6, 0.4)
            cy += 4.6
            doc.line(x, cy, x + total_w, cy, 0.3)
    doc.rect(x, y, total_w, area_h, 0.6)
    return end
