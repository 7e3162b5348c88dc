"""Rendered pages compared with the reference images kept in docs/reference-pages.

The references are there for review too: look at them after changing a layout, then refresh
them with ``SHIPDESK_UPDATE_REFERENCES=1 pytest tests/core/test_documents_reference.py``.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
import pytest
from PIL import Image

from shipdesk.core.documents import render
from shipdesk.core.exchange.declaration_json import load_file

ROOT = Path(__file__).resolve().parent.parent.parent
DATA = ROOT / "tests" / "data" / "documents"
REFS = ROOT / "docs" / "reference-pages"
SCALE = 1.5  # 108 dpi: enough to read every box when reviewing

CASES = [
    ("basic", "cn23", "a4"),
    ("basic", "invoice", "a4"),
    ("basic", "packing", "letter"),
    ("gift_cn22", "cn22", "a6"),
    ("gift_cn22", "cn22", "label-4x6"),
    ("gift_cn22", "cn22", "letter"),
    ("many_items", "cn23", "letter"),
    ("long_text", "cn23", "a4"),
    ("scripts", "invoice", "a4"),
]


def pages_as_grey(pdf_bytes: bytes) -> list[np.ndarray]:
    doc = pdfium.PdfDocument(pdf_bytes)
    out = []
    for i in range(len(doc)):
        img = doc[i].render(scale=SCALE, grayscale=True).to_pil().convert("L")
        out.append(np.asarray(img, dtype=np.int16))
    return out


@pytest.mark.parametrize(("name", "form", "paper"), CASES)
def test_pages_match_reference_images(name: str, form: str, paper: str):
    decl = load_file(DATA / f"{name}.shipdesk.json")
    lang = "fr" if name == "scripts" else "en"
    pages = pages_as_grey(render(decl, form=form, paper=paper, copies=1, lang=lang))
    stem = f"{name}-{form}-{paper}"
    if os.environ.get("SHIPDESK_UPDATE_REFERENCES"):
        REFS.mkdir(parents=True, exist_ok=True)
        for old in REFS.glob(f"{stem}-p*.png"):
            old.unlink()
        for i, page in enumerate(pages, start=1):
            Image.fromarray(page.astype(np.uint8)).save(REFS / f"{stem}-p{i}.png", optimize=True)
        pytest.skip("reference images written")
    refs = sorted(REFS.glob(f"{stem}-p*.png"))
    assert len(refs) == len(pages), f"{stem}: {len(pages)} pages, {len(refs)} reference images"
    for i, (page, ref_path) in enumerate(zip(pages, refs), start=1):
        ref = np.asarray(Image.open(ref_path).convert("L"), dtype=np.int16)
        assert page.shape == ref.shape, f"{stem} page {i}: size {page.shape} != {ref.shape}"
        diff = np.abs(page - ref)
        mean = float(diff.mean())
        changed = int((diff > 80).sum())
        # Tolerance for anti-aliasing only: one changed letter already moves ~50 pixels.
        assert mean < 0.5 and changed <= 25, (
            f"{stem} page {i} differs from {ref_path.name}: mean {mean:.3f}, "
            f"{changed} pixels changed"
        )
