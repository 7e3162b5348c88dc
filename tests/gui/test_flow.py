"""Walk the guided flow as a user would and get a PDF; drafts survive; problems jump to fields."""

from __future__ import annotations

import io
from pathlib import Path

from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from shipdesk.core.services import classification, declarations, records

ITEMS = [
    ("Women's T-shirt, 100% cotton, knitted", "2", "0.300", "25.00", "610910", "PT"),
    ("Hand-knitted wool scarf", "1", "0.150", "45.00", "611710", "DE"),
]


def _type_party(qtbot, page, values: dict[str, str]) -> None:
    for key, value in values.items():
        ed = page.form.editors[key]
        if isinstance(ed, QLineEdit):
            ed.clear()
            if value.isascii():
                qtbot.keyClicks(ed, value)
            else:  # QTest can only type ASCII: paste the rest
                ed.setText(value)
                ed.textEdited.emit(value)
        else:
            ed.set_code(value)


def _fill(qtbot, w) -> None:
    _type_party(
        qtbot,
        w.sender_page,
        {
            "name": "Anna Schmidt",
            "street": "Hauptstraße 12",
            "postcode": "10115",
            "city": "Berlin",
            "country": "DE",
            "phone": "+49 30 1234567",
        },
    )
    w.next_btn.click()
    _type_party(
        qtbot,
        w.recipient_page,
        {
            "name": "John Miller",
            "street": "1600 Amphitheatre Pkwy",
            "postcode": "94043",
            "city": "Mountain View",
            "region": "CA",
            "country": "US",
            "phone": "+1 650 253 0000",
        },
    )
    w.next_btn.click()
    model = w.items_page.model
    for row, values in enumerate(ITEMS):
        for col, value in enumerate(values):
            assert model.setData(model.index(row, col), value)
    page = w.items_page
    for key, text in (
        ("gross_weight_kg", "0.600"),
        ("postal_charges", "12.50"),
        ("date", "2026-11-27"),
    ):
        page.editors[key].clear()
        qtbot.keyClicks(page.editors[key], text)  # typed, as the user does


def test_walk_the_flow_and_get_a_pdf(qtbot, window, tmp_path: Path) -> None:
    w = window
    assert w.stack.currentIndex() == 0
    _fill(qtbot, w)
    decl = w.session.decl
    assert decl.sender.city == "Berlin" and decl.recipient.country == "US"
    assert [it.description for it in decl.items] == [v[0] for v in ITEMS]
    assert decl.total_value() == 70
    w.next_btn.click()  # review
    assert w.stack.currentIndex() == 3
    errors = [p for p in w.session.validation.problems if p.level == "error"]
    assert errors == [], errors
    w.next_btn.click()  # documents
    page = w.documents_page
    page.form.setCurrentIndex(page.form.findData("cn23"))
    page.create_btn.click()
    assert page.pdf is not None and page.pdf.startswith(b"%PDF"), page.status.text()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(page.pdf)).pages)
    for desc, *_ in ITEMS:
        assert desc.split(",")[0] in text
    out = tmp_path / "cn23.pdf"
    page.save_pdf(out)
    assert out.read_bytes() == page.pdf


def test_draft_is_saved_while_typing_and_restored(qtbot, window) -> None:
    w = window
    ed = w.sender_page.form.editors["name"]
    qtbot.keyClicks(ed, "Unal")
    ed.setText("Ünal Öztürk")  # QTest types ASCII only; a paste of the full name:
    ed.textEdited.emit(ed.text())
    ws = w.ws
    qtbot.waitUntil(lambda: declarations.latest_draft(ws) is not None, timeout=3000)
    latest = declarations.latest_draft(ws)
    assert latest is not None
    draft = declarations.load_draft(ws, latest.id)
    assert draft is not None and draft.sender.name == "Ünal Öztürk"

    from shipdesk.gui.app import restore_or_new
    from shipdesk.gui.main_window import MainWindow

    w2 = MainWindow(ws)
    qtbot.addWidget(w2)
    restore_or_new(w2)
    assert w2.session.decl.sender.name == "Ünal Öztürk"
    assert w2.sender_page.form.editors["name"].text() == "Ünal Öztürk"


def test_problem_in_review_jumps_to_its_field(qtbot, window) -> None:
    w = window
    _fill(qtbot, w)
    w.items_page.model.setData(w.items_page.model.index(0, 0), "gift")  # vague description
    w.go_to_step(3)
    lst = w.review_page.problems
    rows = [
        i
        for i in range(lst.count())
        if lst.item(i).data(Qt.ItemDataRole.UserRole) == "items[0].description"
    ]
    assert rows, [lst.item(i).text() for i in range(lst.count())]
    assert "Item 1" in lst.item(rows[0]).text()
    lst.setCurrentRow(rows[0])
    lst.itemActivated.emit(lst.item(rows[0]))
    assert w.stack.currentIndex() == 2
    idx = w.items_page.table.currentIndex()
    assert (idx.row(), idx.column()) == (0, 0)
    assert "✖" in w.items_page.model.data(idx, Qt.ItemDataRole.DisplayRole)


def test_printing_refused_while_errors(qtbot, window) -> None:
    w = window
    w.go_to_step(4)
    w.documents_page.create_btn.click()
    assert w.documents_page.pdf is None
    assert "error" in w.documents_page.status.text().lower()


def test_next_customer_clears_customer_data(qtbot, window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes)
    )
    w = window
    qtbot.keyClicks(w.recipient_page.form.editors["name"], "Customer Name")
    w.session.flush()
    assert declarations.latest_draft(w.ws) is not None
    w.next_customer_action.trigger()
    w.session.flush()
    assert all("Customer" not in d.title for d in declarations.list_drafts(w.ws))
    assert w.recipient_page.form.editors["name"].text() == ""


def test_keyboard_navigation_between_steps(qtbot, window) -> None:
    w = window
    w.next_action.trigger()
    assert w.stack.currentIndex() == 1
    w.back_action.trigger()
    assert w.stack.currentIndex() == 0


def test_screenshots_written(tmp_path: Path) -> None:
    from shipdesk.gui.app import take_screenshots

    paths = take_screenshots(tmp_path)
    assert [p.name for p in paths] == [
        "01-sender.png",
        "02-recipient.png",
        "03-items.png",
        "04-review.png",
        "05-documents.png",
        "06-import.png",
        "07-history.png",
        "08-address-book.png",
        "09-products.png",
        "10-settings.png",
        "11-settings-senders.png",
        "12-problem-marks.png",
        "13-counter-review.png",
        "14-counter-documents.png",
    ]
    assert all(p.stat().st_size > 10_000 for p in paths)


def test_the_docs_show_every_screen_in_every_language_light_and_dark() -> None:
    """docs/screenshots: English at the top, each other language in its folder, and the dark
    theme in dark/ (English) and dark/<lang>; once dark was English only."""
    shots = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
    screens = sorted(p.name for p in shots.glob("*.png"))
    assert len(screens) == 14
    for folder in ("de", "fr", "es", "dark", "dark/de", "dark/fr", "dark/es"):
        assert sorted(p.name for p in (shots / folder).glob("*.png")) == screens, folder


def test_screenshots_leave_the_user_data_alone(tmp_path: Path, workspace) -> None:
    from PySide6.QtWidgets import QApplication

    from shipdesk.core.services import imports
    from shipdesk.gui.app import take_screenshots
    from shipdesk.gui.theme import is_dark

    paths = take_screenshots(tmp_path / "dark", theme="dark")
    assert not is_dark(QApplication.palette())  # the application's theme is given back
    assert len(paths) == 14
    # the tour saved senders, drafts, addresses and products in a workspace of its own
    assert records.saved_senders(workspace) == []
    assert declarations.list_drafts(workspace) == []
    assert records.address_entries(workspace) == []
    assert imports.product_count(workspace) == 0
    assert not workspace.settings.counter_layout


def test_saved_recipient_fills_the_form(qtbot, window) -> None:
    from shipdesk.core.model import Party

    records.remember_address(
        window.ws,
        "recipient",
        Party(name="Marie Curie", city="Paris", postcode="75005", country="FR"),
    )
    page = window.recipient_page
    page.refresh_saved()
    assert page.find_edit.isVisibleTo(page)
    assert page.use_saved("Marie Curie (Paris, FR)")
    assert window.session.decl.recipient.postcode == "75005"
    assert page.form.editors["city"].text() == "Paris"


def test_hs_lookup_fills_the_selected_item(qtbot, window) -> None:
    w = window
    _fill(qtbot, w)
    page = w.items_page
    model = page.model
    model.setData(model.index(2, 0), "Wireless earbuds, Bluetooth")
    page.table.setCurrentIndex(model.index(2, 0))
    hs = page.hs_search
    assert hs is not None and hs.edit.text() == "Wireless earbuds, Bluetooth"
    assert hs.search_pending()  # started in the next turn, once the row is painted
    qtbot.waitUntil(lambda: bool(hs.codes_shown()), timeout=5000)
    code = hs.codes_shown()[0]
    hs.choose(code, "chosen")
    assert w.session.decl.items[2].hs_code == code
    assert any(e.hs_code == code for e in classification.catalogue_entries(w.ws))


def test_prohibited_item_blocks_printing_until_overridden(qtbot, window) -> None:
    w = window
    _fill(qtbot, w)
    model = w.items_page.model
    for col, value in enumerate(("Power bank 20000 mAh", "1", "0.400", "20.00", "850760", "CN")):
        model.setData(model.index(2, col), value)
    w.items_page.editors["gross_weight_kg"].clear()
    qtbot.keyClicks(w.items_page.editors["gross_weight_kg"], "1.000")
    w.go_to_step(3)
    review = w.review_page
    assert review.blocking_findings(), [f.rule for f in w.session.findings]
    w.go_to_step(4)
    w.documents_page.create_btn.click()
    assert w.documents_page.pdf is None
    assert "may not be sent" in w.documents_page.status.text()
    w.go_to_step(3)
    qtbot.waitUntil(lambda: not review.rebuild_pending())  # the lists come a turn after
    rows = [
        i
        for i in range(review.findings.count())
        if review.findings.item(i).data(Qt.ItemDataRole.UserRole + 1) is not None
        and review.findings.item(i).data(Qt.ItemDataRole.UserRole + 1).level == "prohibited"
    ]
    review.findings.setCurrentRow(rows[0])
    assert review.override_selected("Sent by courier as dangerous goods, permit DG-123")
    assert review.blocking_findings() == []
    history = w.session.decl.extra["history"]
    assert history[-1]["reason"].startswith("Sent by courier")
    w.go_to_step(4)
    w.documents_page.create_btn.click()
    assert w.documents_page.pdf is not None, w.documents_page.status.text()


def test_party_form_shows_the_address_as_printed(qtbot, window) -> None:
    page = window.recipient_page
    _type_party(
        qtbot,
        page,
        {
            "name": "Jane Roe",
            "street": "10 Downing St",
            "postcode": "SW1A 2AA",
            "city": "London",
            "country": "GB",
        },
    )
    preview = page.form.preview
    qtbot.waitUntil(lambda: not page.form.preview_pending())  # shown once the typing pauses
    assert preview.isVisibleTo(page)
    assert preview.text().splitlines() == [
        "Jane Roe",
        "10 Downing St",
        "LONDON",
        "SW1A 2AA",
        "UNITED KINGDOM (GB)",
    ]
    window.review_page.refresh()
    assert "LONDON, SW1A 2AA, UNITED KINGDOM (GB)" in window.review_page.summary.text()


def test_cn22_chosen_at_print_time_is_judged_as_a_cn22(qtbot, window) -> None:
    w = window
    _fill(qtbot, w)
    model = w.items_page.model
    assert model.setData(model.index(0, 3), "2000.00")  # beyond every CN 22 value limit
    w.next_btn.click()  # review
    w.next_btn.click()  # documents
    page = w.documents_page
    page.form.setCurrentIndex(page.form.findData("cn22"))
    page.create_btn.click()
    assert page.pdf is None
    assert "CN 22" in page.status.text(), page.status.text()
    page.form.setCurrentIndex(page.form.findData("cn23"))
    page.create_btn.click()
    assert page.pdf is not None, page.status.text()
