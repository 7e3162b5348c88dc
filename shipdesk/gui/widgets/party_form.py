"""Address block for the sender or the recipient, with per-field problem messages."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.address import address_lines
from shipdesk.core.countries import countries
from shipdesk.core.i18n import N_, _, language
from shipdesk.core.model import Party
from shipdesk.core.services import declarations
from shipdesk.gui.widgets.marks import mark_widget

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Problem

FIELDS: list[tuple[str, str, str]] = [
    ("name", N_("Name"), N_("Full name of the person")),
    ("company", N_("Company"), N_("Business name, if any")),
    ("street", N_("Street"), N_("Street and house number")),
    ("postcode", N_("Postcode"), ""),
    ("city", N_("City"), ""),
    ("region", N_("State / region"), N_("Needed for some countries (US, CA, AU, BR ...)")),
    ("country", N_("Country"), ""),
    ("phone", N_("Phone"), N_("International form, e.g. +49 30 1234567")),
    ("email", N_("E-mail"), ""),
    ("tax_id", N_("Tax / customs ID"), N_("EORI, VAT, IOSS-type or importer tax number")),
]


class CountryBox(QComboBox):
    """Editable country picker: type a code or a name; the value is the ISO alpha-2 code."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", "")
        for code, name in countries():
            self.addItem(f"{code} – {name}", code)
        comp = QCompleter(self.model(), self)
        comp.setFilterMode(Qt.MatchFlag.MatchContains)
        comp.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(comp)

    def code(self) -> str:
        text = self.currentText().strip()
        idx = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if idx >= 0:
            return self.itemData(idx) or ""
        head = text.split("–")[0].strip().split(" ")[0].upper() if text else ""
        return head if len(head) == 2 and head.isalpha() else text

    def set_code(self, code: str) -> None:
        idx = self.findData((code or "").upper())
        if idx >= 0:
            self.setCurrentIndex(idx)
        else:
            self.setEditText(code or "")


class PartyForm(QWidget):
    edited = Signal()

    def __init__(self, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.role = role  # "sender" or "recipient": the field-path prefix
        self.party: Party | None = None
        self._loading = False
        self.editors: dict[str, QLineEdit | CountryBox] = {}
        self.messages: dict[str, QLabel] = {}
        outer = QVBoxLayout(self)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        outer.addLayout(form)
        # The address as the documents will print it, in the country's postal layout.
        self.preview = QLabel(self)
        self.preview.setObjectName(f"{role}.preview")
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview.setStyleSheet("QLabel { border: 1px solid palette(mid); padding: 4px; }")
        self.preview.hide()
        outer.addWidget(self.preview)
        outer.addStretch(1)
        for key, label, hint in FIELDS:
            if key == "country":
                countries = CountryBox(self)
                countries.currentTextChanged.connect(self._on_edit)
                ed: QLineEdit | CountryBox = countries
            else:
                ed = QLineEdit(self)
                ed.setMaxLength(declarations.text_limit(f"{role}.{key}"))
                ed.setPlaceholderText(_(hint) if hint else "")
                ed.textEdited.connect(self._on_edit)
            ed.setObjectName(f"{role}.{key}")
            ed.setAccessibleName(f"{_(role.title())} {_(label)}")
            msg = QLabel(self)
            msg.setObjectName(f"{role}.{key}.message")
            msg.setWordWrap(True)
            msg.hide()
            box = QWidget(self)
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(1)
            lay.addWidget(ed)
            lay.addWidget(msg)
            lbl = QLabel("&" + _(label), self)
            lbl.setBuddy(ed)
            form.addRow(lbl, box)
            self.editors[key] = ed
            self.messages[key] = msg

    def bind(self, party: Party) -> None:
        self._loading = True
        self.party = party
        for key, ed in self.editors.items():
            value = getattr(party, key)
            if isinstance(ed, CountryBox):
                ed.set_code(value)
            elif ed.text() != value:  # an unchanged field keeps its cursor and selection
                ed.setText(value)
        self._loading = False
        self._show_preview()

    def _show_preview(self) -> None:
        lines = address_lines(self.party, lang=language()) if self.party is not None else []
        self.preview.setText("\n".join(lines))
        self.preview.setVisible(bool(lines))

    def _on_edit(self, *_args: Any) -> None:
        if self._loading or self.party is None:
            return
        for key, ed in self.editors.items():
            value = ed.code() if isinstance(ed, CountryBox) else ed.text()
            setattr(self.party, key, value)
        self._show_preview()
        self.edited.emit()

    def show_problems(self, problems_for: Callable[[str], list[Problem]]) -> None:
        for key, ed in self.editors.items():
            probs = problems_for(f"{self.role}.{key}")
            mark_widget(ed, self.messages[key], probs)

    def focus_field(self, key: str) -> bool:
        ed = self.editors.get(key)
        if ed is None:
            return False
        ed.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
