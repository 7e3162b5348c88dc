"""Address block for the sender or the recipient, with per-field problem messages."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.address import address_lines
from shipdesk.core.countries import countries
from shipdesk.core.i18n import N_, Told, _, language
from shipdesk.core.model import Party
from shipdesk.core.services import declarations
from shipdesk.gui.widgets.country_completer import CountryCompleter
from shipdesk.gui.widgets.marks import mark_widget

if TYPE_CHECKING:
    from shipdesk.core.services.declarations import Problem

PREVIEW_DELAY_MS = 150

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
    """Editable country picker: type a code, a name (in English, German, French or Spanish) or
    an everyday name ("USA", "UK"); the value is the ISO alpha-2 code. The completer lists the
    country the text names exactly first, then names starting with the text, then the rest
    containing it (the one parser of the core decides); Enter while the list is open takes
    the highlighted country, else the first (``CountryCompleter``); on commit (Enter, leaving
    the box) a typed name is shown and stored as its code."""

    committed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", "")
        for code, name in countries():
            self.addItem(f"{code} – {name}", code)
        self.last_note = ""
        self._noted_code = ""
        line = self.lineEdit()
        assert line is not None  # editable: the box has its line edit
        comp = CountryCompleter(line, self, insert_code=False)
        self.setCompleter(comp)
        line.editingFinished.connect(self.commit)
        comp.activated.connect(lambda _text: self.commit())

    def code(self) -> str:
        """The ISO code of what the box shows; text naming no country is kept as typed."""
        text = self.currentText().strip()
        if not text:
            return ""
        idx = self.findText(text, Qt.MatchFlag.MatchFixedString)
        if idx > 0:
            return self.itemData(idx) or ""
        reading = declarations.read_country(text)
        if reading is not None:
            return reading.code
        head = text.split("–")[0].strip()
        reading = declarations.read_country(head) if head != text else None
        return reading.code if reading is not None else text

    def note(self) -> str:
        """What to tell about the reading of the typed text ("England is part of ...")."""
        reading = declarations.read_country(self.currentText())
        note = reading.note() if reading is not None else ""
        return note.in_language() if isinstance(note, Told) else note

    def commit(self) -> None:
        """Show a typed code, name or alias as the country it names ("US – United States")."""
        code = self.code()
        note = self.note()
        if note or code != self._noted_code:  # shown again as the country: the note stays
            self.last_note, self._noted_code = note, code
        idx = self.findData(code) if code else -1
        if idx > 0 and self.currentText() != self.itemText(idx):
            self.setCurrentIndex(idx)
            self.setEditText(self.itemText(idx))
        self.committed.emit()

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
        self.labels: dict[str, QLabel] = {}
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
        # The preview follows the typing once it pauses: laid out anew on every key, with the
        # country's rules read again, it cost each key 1-2 ms idle and a new layout of the form
        # whenever its lines changed (docs/benchmarks.md, "Typing latency").
        self._preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview_timer.timeout.connect(self._show_preview)
        outer.addStretch(1)
        for key, label, hint in FIELDS:
            if key == "country":
                countries = CountryBox(self)
                countries.currentTextChanged.connect(self._on_country_edit)
                countries.committed.connect(self._on_country_commit)
                ed: QLineEdit | CountryBox = countries
            else:
                ed = QLineEdit(self)
                ed.setMaxLength(declarations.text_limit(f"{role}.{key}"))
                ed.setPlaceholderText(_(hint) if hint else "")
                ed.textEdited.connect(partial(self._on_field_edit, key))
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
            # room on the right: with accented letters ("Teléfono", "Téléphone") the drawn text
            # can be a few pixels wider than the width the label asks for, and lost its last letter
            lbl.setMinimumWidth(lbl.sizeHint().width() + 4)
            lbl.setBuddy(ed)
            form.addRow(lbl, box)
            self.labels[key] = lbl
            self.editors[key] = ed
            self.messages[key] = msg

    def set_mnemonics(self, taken: set[str]) -> None:
        """Give each field label an Alt+letter no other control on the step uses (``taken``:
        the menus', Back's and Next's, in the language shown); a label left without a free
        letter has none."""
        for lbl in self.labels.values():
            text = lbl.text().replace("&", "")
            at = next((i for i, c in enumerate(text) if c.isalnum() and c.lower() not in taken), -1)
            if at < 0:
                lbl.setText(text)
                continue
            taken.add(text[at].lower())
            lbl.setText(text[:at] + "&" + text[at:])

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
        self._preview_timer.stop()
        lines = address_lines(self.party, lang=language()) if self.party is not None else []
        text = "\n".join(lines)
        if self.preview.text() != text:
            self.preview.setText(text)
        self.preview.setVisible(bool(lines))

    def preview_pending(self) -> bool:
        """Whether the address preview still waits for the typing to pause."""
        return self._preview_timer.isActive()

    def _on_field_edit(self, key: str, text: str) -> None:
        """A key typed in one field: only that field is stored (the others did not change)."""
        if self._loading or self.party is None:
            return
        setattr(self.party, key, text)
        self._preview_timer.start()
        self.edited.emit()

    def _on_country_edit(self, *_args: Any) -> None:
        if self._loading or self.party is None:
            return
        box = self.editors["country"]
        assert isinstance(box, CountryBox)
        self.party.country = box.code()
        self._preview_timer.start()
        self.edited.emit()

    def _on_country_commit(self) -> None:
        self._on_country_edit()
        self._show_preview()  # the country names the layout: shown at once
        self._show_note()

    def _show_note(self) -> None:
        """A country read from a part of it ("England") is told beside the box, unless a
        problem is shown there."""
        box, msg = self.editors["country"], self.messages["country"]
        note = box.last_note if isinstance(box, CountryBox) else ""
        has_problem = bool(box.property("problem"))
        if note and not has_problem:
            msg.setText("ℹ " + note)
            msg.setStyleSheet("")
            msg.setProperty("note", True)
            msg.show()
        elif msg.property("note"):
            msg.setProperty("note", False)
            if not has_problem:
                msg.hide()
                msg.setText("")

    def show_problems(self, problems_for: Callable[[str], list[Problem]]) -> None:
        for key, ed in self.editors.items():
            probs = problems_for(f"{self.role}.{key}")
            mark_widget(ed, self.messages[key], probs)
        self._show_note()

    def rows_from(self, key: str) -> list[QWidget]:
        """The label and the field (with its message) of ``key`` and of every row below it."""
        keys = list(self.editors)
        rows: list[QWidget] = []
        for k in keys[keys.index(key) :]:
            box = self.editors[k].parentWidget()
            rows += [self.labels[k], box] if box is not None else [self.labels[k]]
        return rows

    def focus_field(self, key: str) -> bool:
        ed = self.editors.get(key)
        if ed is None:
            return False
        ed.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
