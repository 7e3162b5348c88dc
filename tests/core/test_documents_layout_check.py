"""An automated look at every form x paper x sample declaration: no text printed over other
text (a value over its caption), no text cut by a box's border, no text under the legible
minimum of 6 pt (captions, the certification and the notes included), and nothing within 5 mm
of the paper's edge (outside the printable area of office and label printers).

Checked on the PDF itself (pdfplumber's characters, lines and rectangles), not on the layout
code's intentions, so a box drawn too small or text placed too far shows up whatever caused it.
"""

from __future__ import annotations

import io

import pdfplumber
import pytest

from shipdesk.core.documents import render
from tests.core.test_documents import sample

SAMPLES = ("basic", "gift_cn22", "long_text", "many_items", "scripts")
CASES = [
    (name, form, paper)
    for name in SAMPLES
    for form, papers in (
        ("cn22", ("a4", "letter", "label-4x6", "a6")),
        ("cn23", ("a4", "letter")),
        ("invoice", ("a4", "letter")),
        ("packing", ("a4", "letter")),
    )
    for paper in papers
]


def text_over_text(page) -> list[str]:
    """Pairs of characters of different runs (another size, font or line) whose boxes overlap
    by more than kerning would: one text printed over another."""
    chars = sorted((c for c in page.chars if c["text"].strip()), key=lambda c: c["x0"])
    found = []
    for i, a in enumerate(chars):
        for b in chars[i + 1 :]:
            if b["x0"] >= a["x1"] - 0.6:
                break
            same_run = (
                a["fontname"] == b["fontname"]
                and abs(a["size"] - b["size"]) < 0.01
                and abs(a["top"] - b["top"]) < 0.1
            )
            if same_run:
                continue
            dx = min(a["x1"], b["x1"]) - max(a["x0"], b["x0"])
            dy = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if dx > 0.6 and dy > 0.25 * min(a["size"], b["size"]):
                found.append(f"{a['text']!r}@{a['x0']:.0f},{a['top']:.0f} / {b['text']!r}")
    return found


def text_cut_by_borders(page) -> list[str]:
    """Characters crossed by a ruling line or a box edge (through the middle of the glyph)."""
    segments = [(ln["x0"], ln["top"], ln["x1"], ln["bottom"]) for ln in page.lines]
    for r in page.rects:
        if r["width"] < 1.2 or r["height"] < 1.2:
            continue  # barcode bars and filled ticks are not borders
        x0, t, x1, b = r["x0"], r["top"], r["x1"], r["bottom"]
        segments += [(x0, t, x1, t), (x0, b, x1, b), (x0, t, x0, b), (x1, t, x1, b)]
    found = []
    for c in page.chars:
        if not c["text"].strip():
            continue
        # the inner part of the glyph box: accents and descenders may touch a rule
        cx0, cx1 = c["x0"] + 0.25 * (c["x1"] - c["x0"]), c["x1"] - 0.25 * (c["x1"] - c["x0"])
        ct, cb = c["top"] + 0.3 * c["size"], c["bottom"] - 0.3 * c["size"]
        for x0, t, x1, b in segments:
            horizontal = abs(t - b) < 0.5
            if horizontal and ct < t < cb and x0 < cx1 and x1 > cx0:
                found.append(f"{c['text']!r}@{c['x0']:.0f},{c['top']:.0f}")
                break
            if not horizontal and abs(x0 - x1) < 0.5 and cx0 < x0 < cx1 and t < cb and b > ct:
                found.append(f"{c['text']!r}@{c['x0']:.0f},{c['top']:.0f}")
                break
    return found


MARGIN_PT = 5.0 * 72 / 25.4


def outside_margin(page) -> list[str]:
    """Characters closer than 5 mm to an edge of the page."""
    w, h, m = page.width, page.height, MARGIN_PT - 0.5
    return [
        f"{c['text']!r}@{c['x0']:.0f},{c['top']:.0f}"
        for c in page.chars
        if c["text"].strip()
        and (c["x0"] < m or c["top"] < m or c["x1"] > w - m or c["bottom"] > h - m)
    ]


MIN_PT = 6.0  # the project's legible minimum for every printed character


def too_small(page) -> list[str]:
    """Runs of text printed under 6 pt (pdfplumber's size of each character), once per run."""
    found: list[str] = []
    last = None
    for c in page.chars:
        run = (c["fontname"], round(c["size"], 2), round(c["top"], 1))
        if run == last:
            found[-1] += c["text"]
        elif not c["text"].strip():
            continue
        elif c["size"] >= MIN_PT - 0.01:
            last = None
        else:
            found.append(f"{c['size']:.1f} pt@{c['x0']:.0f},{c['top']:.0f}: {c['text']}")
            last = run
    return found


def problems(pdf: bytes) -> list[str]:
    out = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for n, page in enumerate(doc.pages, start=1):
            out += [f"page {n}: within 5 mm of the edge: {x}" for x in outside_margin(page)[:5]]
            out += [f"page {n}: text over text: {x}" for x in text_over_text(page)[:5]]
            out += [f"page {n}: text cut by a border: {x}" for x in text_cut_by_borders(page)[:5]]
            out += [f"page {n}: under 6 pt: {x}" for x in too_small(page)[:5]]
    return out


@pytest.mark.parametrize(("name", "form", "paper"), CASES)
def test_no_text_over_text_or_borders(name, form, paper):
    assert problems(render(sample(name), form=form, paper=paper, copies=1)) == []


@pytest.mark.parametrize("paper", ["a4", "label-4x6", "a6"])
def test_cn22_other_with_explanation(paper):
    decl = sample("gift_cn22")
    decl.category = "other"
    decl.category_explanation = "Replacement part sent free of charge under warranty"
    assert problems(render(decl, form="cn22", paper=paper, copies=1)) == []


def test_the_check_sees_text_printed_over_a_caption():
    """The check itself: a value drawn over its caption is found."""
    from shipdesk.core.documents.layout import Doc

    doc = Doc("a4")
    doc.new_page()
    doc.text(20, 20, "Explanation / Explication:", 4.8)
    doc.text(38, 20.2, "Replacement part", 6.5)
    doc.text(60, 46, "Crossed by a rule", 9)
    doc.line(58, 45, 120, 45)  # through the middle of the letters
    doc.text(60, 80, "Caption at 5.8 pt", 5.8)
    doc.text(60, 90, "Value at 6 pt", 6.0)
    found = problems(doc.finish())
    assert any("text over text" in p for p in found)
    assert any("cut by a border" in p for p in found)
    small = [p for p in found if "under 6 pt" in p]
    assert len(small) == 2  # the two captions at 4.8 and 5.8 pt, not the value at 6 pt
    assert any("Caption at 5.8 pt" in p for p in small)


@pytest.mark.parametrize(
    ("form", "paper"), [("cn22", "label-4x6"), ("cn22", "a6"), ("cn22", "a4"), ("cn23", "a4")]
)
def test_barcode_stands_clear_of_its_caption_with_quiet_zones(form, paper):
    """Bars at least 8 mm tall, 1 mm below the item-number caption, and a quiet zone of ten
    modules (3.3 mm at 0.33 mm) clear of any other mark on both sides."""
    mm = 72 / 25.4
    pdf = render(sample("basic"), form=form, paper=paper, copies=1)
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        bars = [r for r in page.rects if r["width"] < 4 and r["height"] > 5 * mm]
        assert len(bars) >= 25
        top = min(b["top"] for b in bars)
        bottom = max(b["bottom"] for b in bars)
        left = min(b["x0"] for b in bars)
        right = max(b["x1"] for b in bars)
        assert bottom - top >= 8 * mm - 0.5
        caption = [w for w in page.extract_words() if w["text"].startswith("No.")]
        above = [w for w in caption if w["bottom"] <= top + 0.1 and w["bottom"] > top - 6 * mm]
        if above:
            assert top - max(w["bottom"] for w in above) >= 1 * mm - 0.3
        for c in page.chars:
            if c["text"].strip() and c["bottom"] > top and c["top"] < bottom:
                assert c["x1"] <= left - 3.3 * mm or c["x0"] >= right + 3.3 * mm, c["text"]
