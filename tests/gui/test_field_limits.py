"""The window's editors take no more text than the field's limit (from the core, through the
services), so a paste of megabytes never reaches validation or screening."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QStyleOptionViewItem

from shipdesk.core.model import (
    DECLARATION_TEXT_LIMITS,
    EXTRA_TEXT_LIMIT,
    ITEM_TEXT_LIMITS,
    PARTY_TEXT_LIMITS,
    QUERY_LIMIT,
)
from shipdesk.gui.models.items_model import COLUMN_KEYS


def test_party_editors_have_the_field_limits(window) -> None:
    for page in (window.sender_page, window.recipient_page):
        for key, ed in page.form.editors.items():
            if isinstance(ed, QLineEdit):
                assert ed.maxLength() == PARTY_TEXT_LIMITS[key], key


def test_shipment_editors_have_the_field_limits(window) -> None:
    editors = window.items_page.editors
    assert editors["category_explanation"].maxLength() == 300
    assert editors["currency"].lineEdit().maxLength() == DECLARATION_TEXT_LIMITS["currency"]
    assert editors["comments"].maxLength() == DECLARATION_TEXT_LIMITS["comments"]
    assert editors["invoice_number"].maxLength() == DECLARATION_TEXT_LIMITS["invoice_number"]
    assert editors["itn"].maxLength() == EXTRA_TEXT_LIMIT
    # a comma-separated list takes several numbers of the limit
    assert editors["licence_numbers"].maxLength() > DECLARATION_TEXT_LIMITS["licence_numbers"]


def test_item_cell_editors_and_the_code_search_are_limited(window) -> None:
    page = window.items_page
    delegate = page.table.itemDelegate()
    for column, key in enumerate(COLUMN_KEYS):
        index = page.model.index(0, column)
        editor = delegate.createEditor(page.table.viewport(), QStyleOptionViewItem(), index)
        assert isinstance(editor, QLineEdit), key
        assert editor.maxLength() == ITEM_TEXT_LIMITS[key], key
        editor.setText("x" * 100_000)  # a paste of 100 kB
        assert len(editor.text()) == ITEM_TEXT_LIMITS[key]
    assert page.hs_search.edit.maxLength() == QUERY_LIMIT
