"""The country box: exact code first in the completer, a typed name stored as its code."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from shipdesk.core.model import Party
from shipdesk.gui.widgets.party_form import CountryBox, PartyForm


def _shown(box: CountryBox) -> list[str]:
    m = box.completer().completionModel()
    return [m.index(r, 0).data() for r in range(m.rowCount())]


@pytest.mark.parametrize(
    ("typed", "first"),
    [
        ("US", "US – United States"),
        ("us", "US – United States"),
        ("de", "DE – Germany"),
        ("ger", "DE – Germany"),
        ("UK", "GB – United Kingdom"),
        ("Deutschland", "DE – Germany"),
    ],
)
def test_completer_lists_the_exact_country_first(qtbot, typed: str, first: str) -> None:
    box = CountryBox()
    qtbot.addWidget(box)
    box.show()
    box.setFocus()
    qtbot.keyClicks(box.lineEdit(), typed)
    shown = _shown(box)
    assert shown and shown[0] == first
    if typed.lower() == "us":
        assert shown.index("AU – Australia") > 0 and "BY – Belarus" not in shown[:3]


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("Germany", "DE"),
        ("USA", "US"),
        ("UK", "GB"),
        ("Deutschland", "DE"),
        ("england", "GB"),
        ("Etats-Unis", "US"),
        ("es", "ES"),
    ],
)
def test_a_typed_name_is_stored_as_its_code(qtbot, typed: str, code: str) -> None:
    form = PartyForm("recipient")
    qtbot.addWidget(form)
    party = Party()
    form.bind(party)
    form.show()
    box = form.editors["country"]
    assert isinstance(box, CountryBox)
    box.setFocus()
    qtbot.keyClicks(box.lineEdit(), typed)
    assert party.country == code  # read while typing, so a draft saved now holds the code
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    box.commit()
    assert party.country == code
    assert box.currentText().startswith(f"{code} – ")


def test_england_is_stored_as_gb_with_a_note(qtbot) -> None:
    form = PartyForm("recipient")
    qtbot.addWidget(form)
    party = Party()
    form.bind(party)
    box = form.editors["country"]
    assert isinstance(box, CountryBox)
    box.lineEdit().setText("England")
    box.commit()
    assert party.country == "GB"
    note = form.messages["country"]
    assert not note.isHidden() and "England" in note.text() and "GB" in note.text()


def test_unknown_text_is_kept_as_typed(qtbot) -> None:
    form = PartyForm("recipient")
    qtbot.addWidget(form)
    party = Party()
    form.bind(party)
    box = form.editors["country"]
    assert isinstance(box, CountryBox)
    box.setFocus()
    qtbot.keyClicks(box.lineEdit(), "Atlantis")
    box.commit()
    assert party.country == "Atlantis"  # nothing typed is lost; validation names the problem
    assert box.currentText() == "Atlantis"


@pytest.mark.parametrize(
    ("typed", "code"), [("Germany", "DE"), ("usa", "US"), (" it ", "IT"), ("Atlantis", "ATLANTIS")]
)
def test_origin_in_the_items_table_is_read_by_the_same_parser(qtbot, typed, code) -> None:
    from shipdesk.core.model import Declaration
    from shipdesk.gui.models.items_model import COLUMN_KEYS, ItemsTableModel

    d = Declaration()
    m = ItemsTableModel(d)
    m.setData(m.index(0, 0), "Leather wallet")
    m.setData(m.index(0, COLUMN_KEYS.index("origin_country")), typed)
    assert d.items[0].origin_country == code
