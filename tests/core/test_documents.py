"""The printed documents: every value inside its box, page counts, fonts, copies, fitting."""

from __future__ import annotations

import io
import itertools
import re
from functools import cache
from pathlib import Path

import pdfplumber
import pypdf
import pytest

from shipdesk.core import glyphs
from shipdesk.core.documents import render, render_document, render_many
from shipdesk.core.documents.fitting import CONTINUED
from shipdesk.core.errors import InputError
from shipdesk.core.exchange.declaration_json import load_file
from shipdesk.core.progress import Cancelled, CancelToken

DATA = Path(__file__).resolve().parent.parent / "data" / "documents"


@cache
def _load(name: str):
    return load_file(DATA / f"{name}.shipdesk.json")


def sample(name: str):
    return _load(name).copy()


def squash(text: str) -> str:
    return "".join(text.split())


def region_texts(rendered) -> dict[str, str]:
    """Text found strictly inside each recorded region (chars that stick out are not counted)."""
    out: dict[str, str] = {}
    with pdfplumber.open(io.BytesIO(rendered.pdf)) as pdf:
        for reg in rendered.regions:
            page = pdf.pages[reg.page]
            box = (
                max(0, reg.x0 - 0.3),
                max(0, reg.top - 0.3),
                min(page.width, reg.x1 + 0.3),
                min(page.height, reg.bottom + 0.3),
            )
            text = page.within_bbox(box).extract_text() or ""
            key = reg.name if reg.name not in out else f"{reg.name}#p{reg.page}"
            out[key] = text
    return out


def page_texts(pdf_bytes: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf_bytes))
    return [p.extract_text() or "" for p in reader.pages]


def expect_in(texts: dict[str, str], name: str, value: str) -> None:
    assert name in texts, f"no region {name}"
    got = squash(texts[name].replace(CONTINUED, ""))
    assert squash(value) in got, f"{name}: {value!r} not inside its box (found {texts[name]!r})"


def test_cn23_values_inside_their_boxes():
    decl = sample("basic")
    r = render_document(decl, form="cn23", paper="a4", copies=1)
    assert r.pages == 1 and r.forms == ["cn23"]
    t = region_texts(r)
    for i, it in enumerate(decl.items):
        expect_in(t, f"items[{i}].description", it.description)
        expect_in(t, f"items[{i}].hs_code", it.hs_code)
        expect_in(t, f"items[{i}].value", f"{float(it.value):.2f}")
        expect_in(t, f"items[{i}].net_weight_kg", it.net_weight_kg)
        expect_in(t, f"items[{i}].quantity", str(it.quantity))
        expect_in(t, f"items[{i}].origin_country", f"({it.origin_country})")
    expect_in(t, "sender", decl.sender.name)
    expect_in(t, "sender", decl.sender.street)
    expect_in(t, "recipient", decl.recipient.name)
    expect_in(t, "recipient", "MOUNTAIN VIEW, CA 94043")  # the US layout: city, state, ZIP
    expect_in(t, "recipient", "UNITED STATES (US)")  # country last, in capitals
    expect_in(t, "sender.tax_id", decl.sender.tax_id)
    expect_in(t, "importer_contact", decl.recipient.phone)
    expect_in(t, "item_id", decl.item_id)
    expect_in(t, "total_value", "459.00 EUR")
    expect_in(t, "gross_weight_kg", "0.900")
    expect_in(t, "postal_charges", "18.50")
    expect_in(t, "invoice_number", decl.invoice_number)
    expect_in(t, "date", decl.date)
    expect_in(t, "form_name", "CN 23")
    expect_in(t, "category.sale_of_goods", "Sale of goods / Vente de marchandises")
    expect_in(t, "category.gift", "Gift / Cadeau")


def test_cn23_every_box_label_printed():
    text = page_texts(render(sample("basic"), form="cn23"))[0]
    for label in (
        "(1) Detailed description of contents",
        "Description détaillée du contenu",
        "(2) Quantity",
        "(3) Net weight",
        "(4) Total gross weight",
        "(5) Value",
        "(6) Total value",
        "(7) HS tariff number",
        "(8) Country of origin of goods",
        "(9) Postal charges/Fees",
        "(10) Category of item",
        "(11) Comments",
        "(12) Licence",
        "(13) Certificate",
        "(14) Invoice",
        "(15) Date and sender's signature",
        "Office of origin/Date of posting",
        "Bureau d'origine/Date de dépôt",
        "May be opened officially",
        "I certify that the particulars",
        "Sender's customs reference",
        "Importer's reference",
    ):
        assert squash(label) in squash(text), label


def test_cn22_on_label_values_inside_boxes():
    decl = sample("gift_cn22")
    for paper in ("label-4x6", "a6"):
        r = render_document(decl, form="auto", paper=paper, copies=1)
        assert r.forms == ["cn22"] and r.pages == 1
        t = region_texts(r)
        for i, it in enumerate(decl.items):
            expect_in(t, f"items[{i}].description", it.description)
            expect_in(t, f"items[{i}].hs_code", it.hs_code)
            expect_in(t, f"items[{i}].origin_country", it.origin_country)
        expect_in(t, "total_value", "20.50 EUR")
        expect_in(t, "gross_weight_kg", "0.500")
        expect_in(t, "item_id", decl.item_id)
        text = page_texts(r.pdf)[0]
        for label in (
            "(1) Quantity and detailed description",
            "(2) Weight",
            "(3) Value",
            "(4) HS tariff number",
            "(5) Country of origin",
            "(6) Total weight",
            "(7) Total value",
            "(8) Date and sender's signature",
            "CN 22",
        ):
            assert squash(label) in squash(text), label


def test_cn22_four_to_a_sheet_with_copies_marked():
    decl = sample("gift_cn22")
    r = render_document(decl, form="cn22", paper="a4", copies=4)
    assert r.pages == 1
    text = page_texts(r.pdf)[0]
    for n in range(1, 5):
        assert f"Copy {n} of 4" in text
    assert render_document(decl, form="cn22", paper="letter", copies=5).pages == 2
    assert render_document(decl, form="cn22", paper="a6", copies=3).pages == 3


def test_cn22_continuation_labels_when_items_exceed_the_lines():
    decl = sample("many_items")
    decl.form = "cn22"
    r = render_document(decl, form="cn22", paper="label-4x6", copies=1)
    assert r.pages > 1
    t = region_texts(r)
    for i, it in enumerate(decl.items):  # every item on some label, inside its cell
        expect_in(t, f"items[{i}].description", it.description)
    texts = page_texts(r.pdf)
    assert f"Sheet 1 of {r.pages}" in texts[0]
    assert "Continuation sheet" in texts[-1]


def test_cn23_continuation_sheets_for_many_items():
    decl = sample("many_items")
    r = render_document(decl, form="cn23", paper="letter", copies=1)
    assert r.pages == 2
    t = region_texts(r)
    for i, it in enumerate(decl.items):
        expect_in(t, f"items[{i}].description", it.description)
        expect_in(t, f"items[{i}].value", it.value)
    pages = page_texts(r.pdf)
    assert "Sheet 1 of 2" in pages[0] and "Sheet 2 of 2" in pages[1]
    assert decl.item_id in pages[1]  # continuation sheets repeat the item number
    expect_in(t, "total_value", "2,337.50 EUR")


def test_copies_from_profile_and_override():
    decl = sample("many_items")
    r = render_document(decl, form="cn23", copies=3)
    assert r.pages == 6
    pages = page_texts(r.pdf)
    assert "Copy 1 of 3" in pages[0] and "Copy 1 of 3" in pages[1] and "Copy 3 of 3" in pages[5]
    # The invoice copies come from the operator profile (two in the pouch for the UPU default)
    inv = render_document(sample("basic"), form="invoice", operator="upu")
    assert inv.pages == 2
    assert "Copy 2 of 2" in page_texts(inv.pdf)[1]


def test_long_text_moves_to_continuation_sheet_nothing_lost():
    decl = sample("long_text")
    r = render_document(decl, form="cn23", copies=1)
    assert r.pages == 2
    t = region_texts(r)
    overflow = {k.split(":", 1)[1]: v for k, v in t.items() if k.startswith("overflow:")}
    assert overflow, "long comments should continue on a continuation sheet"
    comments_label = next(k for k in overflow if k.startswith("(11)"))
    shown = t["comments"].replace(CONTINUED, "") + overflow[comments_label]
    assert squash(shown) == squash(decl.comments)
    # A huge item description wraps inside its cell, never cut
    expect_in(t, "items[0].description", decl.items[0].description)
    # Long party lines wrap or shrink inside the box
    for part in (decl.sender.name, decl.sender.company, decl.recipient.street):
        expect_in(t, "sender" if part != decl.recipient.street else "recipient", part)


def test_invoice_language_and_kind():
    decl = sample("basic")
    en = page_texts(render(decl, form="invoice", copies=1))[0]
    assert "Commercial invoice" in en and "Invoice total" in en
    de = page_texts(render(decl, form="invoice", lang="de", copies=1))[0]
    assert "Handelsrechnung" in de and "Rechnungsbetrag" in de
    fr = page_texts(render(decl, form="invoice", lang="fr_FR", copies=1))[0]
    assert "Facture commerciale" in fr
    gift = sample("gift_cn22")
    es = page_texts(render(gift, form="invoice", lang="es", copies=1))[0]
    assert "Factura proforma" in es and "Regalo" in es
    with pytest.raises(InputError, match="lang"):
        render(decl, form="invoice", lang="xx")


def test_invoice_and_packing_values_inside_boxes():
    decl = sample("basic")
    r = render_document(decl, form="invoice", copies=1)
    t = region_texts(r)
    expect_in(t, "items[0].unit_value", "12.50")
    expect_in(t, "items[0].value", "25.00")
    expect_in(t, "invoice_total", "477.50 EUR")
    expect_in(t, "sender", decl.sender.tax_id)
    p = render_document(decl, form="packing", copies=1)
    t = region_texts(p)
    expect_in(t, "items[2].description", decl.items[2].description)
    expect_in(t, "total_net", "0.650")
    assert "389.00" not in page_texts(p.pdf)[0]  # no values on a packing list


def test_long_invoice_runs_over_pages():
    r = render_document(sample("many_items"), form="invoice", copies=1)
    assert r.pages == 2
    pages = page_texts(r.pdf)
    assert "Page 2 of 2" in pages[-1]
    assert "Invoice total" in pages[-1] and "Invoice total" not in pages[0]
    t = region_texts(r)
    expect_in(t, "items[49].description", "Wooden toy train set (model 050)")


def test_all_forms_in_one_pdf():
    r = render_document(sample("basic"), form="all", copies=1)
    assert r.forms == ["cn23", "invoice", "packing"]
    assert r.pages == 3


def test_every_font_embedded_and_no_standard_fonts():
    pdf = render(sample("scripts"), form="all")
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    seen = 0
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            if font["/Subtype"] == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            desc = font["/FontDescriptor"].get_object()
            assert "/FontFile2" in desc, f"{font['/BaseFont']} not embedded"
            seen += 1
    assert seen >= 2


def test_scripts_print_as_text():
    decl = sample("scripts")
    r = render_document(decl, form="cn23", copies=1)
    t = region_texts(r)
    expect_in(t, "sender", "Γιώργος Παπαδόπουλος")
    expect_in(t, "recipient", "Иван Петрович Сидоров")
    expect_in(t, "recipient", "ООО «Ромашка»")
    expect_in(t, "items[0].description", "Łódź-style ceramic mug, Ærø glaze — naïve décor")


@pytest.fixture
def no_fallback(tmp_path, monkeypatch):
    """The only fallback folder is an empty one; the system fonts are switched off."""
    monkeypatch.setenv(glyphs.ENV_FONTS, str(tmp_path))
    monkeypatch.setenv(glyphs.ENV_SYSTEM_FONTS, "0")
    glyphs.reset_fallbacks()
    yield tmp_path
    glyphs.reset_fallbacks()


def test_unprintable_character_names_the_field(no_fallback):
    decl = sample("basic")
    decl.recipient.city = "東京"
    with pytest.raises(InputError) as exc:
        render(decl)
    assert "recipient.city" in str(exc.value)
    decl = sample("basic")
    decl.items[1].description = "Scarf 围巾"
    with pytest.raises(InputError, match=re.escape("items[1].description")):
        render(decl, form="invoice")


SYSTEM_MONO = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")


@pytest.mark.skipif(not SYSTEM_MONO.exists(), reason="needs DejaVu Sans Mono from the system")
def test_fallback_font_draws_what_the_bundle_lacks(no_fallback):
    import shutil

    shutil.copy(SYSTEM_MONO, no_fallback / "fallback.ttf")
    glyphs.reset_fallbacks()
    try:
        decl = sample("basic")
        decl.items[0].description = "Arc \u2312 pendant"
        r = render_document(decl, form="cn23", copies=1)
        expect_in(region_texts(r), "items[0].description", "Arc \u2312 pendant")
        reader = pypdf.PdfReader(io.BytesIO(r.pdf))
        names = [
            str(f.get_object()["/BaseFont"])
            for f in reader.pages[0]["/Resources"]["/Font"].values()
        ]
        assert any("Mono" in n for n in names)
    finally:
        glyphs.reset_fallbacks()


def test_barcode_only_with_item_id():
    import pypdfium2 as pdfium

    def dark_runs(pdf_bytes: bytes) -> int:
        page = pdfium.PdfDocument(pdf_bytes)[0]
        img = page.render(scale=4).to_pil().convert("L")
        w, h = img.size
        # Scan the header's right third at the bars' height (CN 23: 9 mm + ~10 mm down)
        y = int(h * 17 / 297)
        row = [img.getpixel((x, y)) < 128 for x in range(int(w * 0.66), int(w * 0.95))]
        return sum(1 for a, b in itertools.pairwise(row) if b and not a)

    decl = sample("basic")
    with_code = dark_runs(render(decl, form="cn23", copies=1))
    decl.item_id = ""
    without = dark_runs(render(decl, form="cn23", copies=1))
    assert with_code >= 25  # Code 128: 3 bars per symbol, 4 in the stop pattern
    assert without == 0


def test_draft_marks_every_page():
    pages = page_texts(render(sample("many_items"), form="cn23", copies=1, draft=True))
    assert len(pages) == 2
    assert all("DRAFT" in p for p in pages)


def test_bad_arguments():
    decl = sample("basic")
    with pytest.raises(InputError, match="paper"):
        render(decl, form="cn23", paper="label-4x6")
    with pytest.raises(InputError, match="form"):
        render(decl, form="cn99")
    with pytest.raises(InputError, match="paper"):
        render(decl, paper="a3")
    with pytest.raises(InputError, match="operator"):
        render(decl, operator="no_such_post")


def test_render_many_writes_files_with_progress_and_cancel(tmp_path):
    decls = [sample("basic"), sample("gift_cn22"), sample("basic")]
    seen: list[tuple[int, int]] = []
    paths = render_many(
        decls, tmp_path, form="auto", paper="a4", progress=lambda d, t, m: seen.append((d, t))
    )
    assert [p.name for p in paths] == [
        "RR473124829DE.pdf",
        "RR473124829DE-2.pdf",
        "RR473124829DE-3.pdf",
    ]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert all(p.read_bytes().startswith(b"%PDF") for p in paths)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        render_many(decls, tmp_path / "x", cancel=token)
    bad = sample("basic")
    bad.sender.name = "\u0378"
    with pytest.raises(InputError, match=r"declaration 2:sender\.name"):
        render_many([sample("basic"), bad], tmp_path / "y")


def test_system_fallback_font_draws_cjk_when_installed():
    glyphs.reset_fallbacks()
    if glyphs.missing_glyphs("東京都千代田区"):
        pytest.skip("no CJK TrueType font installed on this machine")
    decl = sample("basic")
    decl.recipient.city = "東京都千代田区"
    r = render_document(decl, form="cn23", copies=1)
    expect_in(region_texts(r), "recipient", "東京都千代田区")
    reader = pypdf.PdfReader(io.BytesIO(r.pdf))
    assert len(reader.pages[0]["/Resources"]["/Font"]) >= 3  # regular, bold and the fallback


def test_country_names_follow_the_document_not_the_ui_language():
    from shipdesk.core import i18n

    try:
        i18n.set_language("de")
        cn23 = page_texts(render(sample("basic"), form="cn23", copies=1))[0]
        assert "GERMANY (DE)" in cn23 and "DEUTSCHLAND" not in cn23.upper()
        fr = page_texts(render(sample("scripts"), form="invoice", lang="fr", copies=1))[0]
        assert "GRÈCE (GR)" in fr
    finally:
        i18n.set_language("en")


def test_the_pdf_title_is_in_the_language_of_the_invoice() -> None:
    decl = sample("basic")

    def title(**kw: object) -> str:
        info = pypdf.PdfReader(io.BytesIO(render(decl, form="all", copies=1, **kw))).metadata
        return str(info.title if info is not None else "")

    assert title().startswith("CN 23, Invoice, Packing list")
    assert title(lang="de").startswith("CN 23, Rechnung, Packliste")
    assert title(lang="es").startswith("CN 23, Factura, ")
