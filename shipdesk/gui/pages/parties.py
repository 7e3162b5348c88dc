"""Steps 1 and 2: the sender and the recipient."""

from __future__ import annotations

import copy

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.i18n import _
from shipdesk.core.services import records
from shipdesk.gui.session import EditSession
from shipdesk.gui.widgets.party_form import PartyForm


class PartyPage(QWidget):
    def __init__(self, session: EditSession, role: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.role = role
        lay = QVBoxLayout(self)
        title = _("Sender (from)") if role == "sender" else _("Recipient (to)")
        head = QLabel(f"<h2>{title}</h2>", self)
        lay.addWidget(head)
        if role == "recipient":
            lay.addWidget(
                QLabel(
                    _(
                        "The importer's phone and e-mail help customs and delivery; "
                        "the tax ID is needed by some countries (e.g. CPF in Brazil)."
                    ),
                    self,
                    wordWrap=True,
                )
            )
        self.find_edit = QLineEdit(self)
        self.find_edit.setObjectName(f"{role}.find")
        self.find_edit.setPlaceholderText(_("Find a saved address: type a name…"))
        self.find_edit.setClearButtonEnabled(True)
        self.find_edit.setAccessibleName(_("Find a saved address"))
        self._entries: dict[str, object] = {}
        self._names = QStringListModel(self)
        comp = QCompleter(self._names, self)
        comp.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        comp.setFilterMode(Qt.MatchFlag.MatchContains)
        comp.activated.connect(self.use_saved)
        self.find_edit.setCompleter(comp)
        self.find_edit.returnPressed.connect(lambda: self.use_saved(self.find_edit.text()))
        lay.addWidget(self.find_edit)
        self.sender_choice: QComboBox | None = None
        if role == "sender":  # the senders saved in the settings, the default first chosen
            pick = QHBoxLayout()
            self.sender_choice = QComboBox(self)
            self.sender_choice.setObjectName("sender.saved")
            self.sender_choice.setAccessibleName(_("Saved senders"))
            self.sender_choice.setPlaceholderText(_("Choose a saved sender…"))
            self.sender_choice.activated.connect(self._use_sender)
            self._sender_label = QLabel(_("Saved senders"), self)
            self._sender_label.setBuddy(self.sender_choice)
            pick.addWidget(self._sender_label)
            pick.addWidget(self.sender_choice, 1)
            lay.addLayout(pick)
        self.form = PartyForm(role, self)
        lay.addWidget(self.form)
        row = QHBoxLayout()
        if role == "sender":
            self.remember = QPushButton(_("Remember as my default sender"), self)
            self.remember.setObjectName("rememberSender")
            self.remember.clicked.connect(self._remember)
            row.addWidget(self.remember)
        # Addresses are otherwise remembered only on the way, and the next customer deletes them.
        self.save_address_btn = QPushButton(_("Save in the address book"), self)
        self.save_address_btn.setObjectName(f"{role}.saveAddress")
        self.save_address_btn.setToolTip(_("Kept when the next customer's data is cleared"))
        self.save_address_btn.clicked.connect(self.save_address)
        row.addWidget(self.save_address_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.form.edited.connect(session.touch)
        session.changed.connect(self.reload)
        session.checked.connect(lambda *_: self.form.show_problems(session.problems_for))
        self.reload()

    def reload(self) -> None:
        self.form.bind(getattr(self.session.decl, self.role))
        self.find_edit.clear()
        self.save_address_btn.setText(_("Save in the address book"))
        self.refresh_saved()
        self.refresh_senders()

    def refresh_senders(self) -> None:
        """Offer the senders saved in the settings (the sender step only)."""
        box = self.sender_choice
        if box is None:
            return
        box.clear()
        for s in records.saved_senders(self.session.ws):
            label = _("{sender} (default)").format(sender=s.label) if s.default else s.label
            box.addItem(label, s.id)
        box.setCurrentIndex(-1)
        box.setVisible(box.count() > 0)
        self._sender_label.setVisible(box.count() > 0)

    def _use_sender(self, index: int) -> None:
        box = self.sender_choice
        if box is None or index < 0:
            return
        party = records.sender_party(self.session.ws, box.itemData(index))
        if party is None:
            return
        self.session.decl.sender = party
        self.form.bind(self.session.decl.sender)
        self.session.touch()

    def refresh_saved(self) -> None:
        entries = records.find_addresses(self.session.ws, self.role, limit=500)
        self._entries = {e.label: e.party for e in entries}
        self._names.setStringList(list(self._entries))
        self.find_edit.setVisible(bool(entries))

    def use_saved(self, label: str) -> bool:
        party = self._entries.get(label)
        if party is None:
            return False
        setattr(self.session.decl, self.role, copy.deepcopy(party))
        self.form.bind(getattr(self.session.decl, self.role))
        self.find_edit.clear()
        self.session.touch()
        return True

    def save_address(self) -> bool:
        party = getattr(self.session.decl, self.role)
        if not records.save_address(self.session.ws, self.role, party):
            self.save_address_btn.setText(_("Save in the address book (a name is needed)"))
            return False
        self.save_address_btn.setText(_("Saved in the address book ✓"))
        self.refresh_saved()
        return True

    def _remember(self) -> None:
        records.save_sender(self.session.ws, self.session.decl.sender)
        self.remember.setText(_("Saved as default sender ✓"))
        self.refresh_senders()

    def paint_later(self) -> list[QWidget]:
        """The parts painted in the turn after the one that opens the step: the fields from
        the city down, the address as printed and the buttons. The whole step in one turn was
        9-14 ms of the window's thread, half of it the line edits (docs/benchmarks.md,
        "Typing latency")."""
        parts = self.form.rows_from("city")
        parts += [self.form.preview, self.save_address_btn]
        if self.role == "sender":
            parts.append(self.remember)
        return parts

    def focus_field(self, key: str) -> bool:
        return self.form.focus_field(key)

    def first_empty(self) -> QWidget | None:
        """Where typing starts: the saved-address search for a blank party, else the first
        empty field the last check found missing (None: nothing is missing)."""
        party = getattr(self.session.decl, self.role)
        if self.find_edit.isVisibleTo(self) and not party.name.strip():
            return self.find_edit
        validation = self.session.validation
        for key, editor in self.form.editors.items():
            if str(getattr(party, key)).strip():
                continue
            path = f"{self.role}.{key}"
            if validation is None or any(p.level == "error" for p in validation.for_field(path)):
                return editor
        return None
