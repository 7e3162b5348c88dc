"""Settings: postal operator, channel, currency, weight unit, how long drafts are kept, how many
backups; the saved senders; paper and printer; language, theme and layout.

The dialog only shows and collects: the choices, their checks and where they are kept are the
core's (``services.records``)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtPrintSupport import QPrinterInfo
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.errors import InputError
from shipdesk.core.i18n import N_, _, available_languages, error_text
from shipdesk.core.services import Workspace, declarations, records
from shipdesk.gui.alt_letters import settle_alt_letters
from shipdesk.gui.pages.documents import PAPERS
from shipdesk.gui.widgets.marks import message_style, switch_theme

# The keys that turn the settings' pages from anywhere in the dialog (README, "Keyboard").
PAGE_TURN_KEYS = (("Ctrl+Tab", 1), ("Ctrl+PgDown", 1), ("Ctrl+Shift+Tab", -1), ("Ctrl+PgUp", -1))
LANGUAGE_NAMES = {"en": "English", "de": "Deutsch", "fr": "Français", "es": "Español"}
THEMES = [
    ("system", N_("Follow the system")),
    ("light", N_("Light")),
    ("dark", N_("Dark")),
]
UNIT_NAMES = {
    "kg": N_("kg (kilograms)"),
    "g": N_("g (grams)"),
    "lb": N_("lb (pounds)"),
    "oz": N_("oz (ounces)"),
}


class SettingsDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None):
        super().__init__(parent)
        self.ws = workspace
        current = records.settings(workspace)
        self.setWindowTitle(_("Settings"))
        outer = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.setAccessibleName(_("Settings"))
        self.tabs.tabBar().setAccessibleName(_("Settings pages"))
        outer.addWidget(self.tabs, 1)
        form = self._tab(_("General"))
        self.operator = QComboBox(self)
        self.operator.setObjectName("operatorChoice")
        for pid, name in records.operator_choices():
            self.operator.addItem(_(name), pid)  # a describing name is in the catalogue
        i = self.operator.findData(current.operator)
        self.operator.setCurrentIndex(max(i, 0))
        form.addRow(_("Postal operator"), self.operator)
        form.addRow(
            "",
            QLabel(_("Decides the CN22 value limit, copies and languages."), self, wordWrap=True),
        )
        self.channel = QComboBox(self)
        self.channel.setObjectName("channelChoice")
        self.channel.addItem(_("Post (UPU letter post / parcels)"), "post")
        self.channel.addItem(_("Courier / express"), "courier")
        self.channel.setCurrentIndex(max(self.channel.findData(current.channel), 0))
        form.addRow(_("Channel"), self.channel)
        self.currency = QComboBox(self)
        self.currency.setObjectName("currencyChoice")
        self.currency.setEditable(True)
        self.currency.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for code, label in records.currency_choices():
            self.currency.addItem(label, code)
        completer = self.currency.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.currency.setCurrentIndex(max(self.currency.findData(current.currency), 0))
        form.addRow(_("Currency of new declarations"), self.currency)
        self.weight_unit = QComboBox(self)
        self.weight_unit.setObjectName("weightUnit")
        for unit in declarations.weight_units():
            self.weight_unit.addItem(_(UNIT_NAMES[unit]), unit)
        self.weight_unit.setCurrentIndex(max(self.weight_unit.findData(current.weight_unit), 0))
        form.addRow(_("Weights in"), self.weight_unit)
        form.addRow(
            "",
            QLabel(
                _("Documents and files always give kilograms; “16 oz” may be typed anywhere."),
                self,
                wordWrap=True,
            ),
        )
        self.keep_mode = QComboBox(self)
        self.keep_mode.setObjectName("keepDraftsMode")
        self.keep_mode.setAccessibleName(_("Keep drafts"))
        self.keep_mode.addItem(_("nothing (deleted at quit)"), "nothing")
        self.keep_mode.addItem(_("until printed"), "printed")
        self.keep_mode.addItem(_("for a number of days"), "days")
        self.keep_mode.setCurrentIndex(max(self.keep_mode.findData(current.keep_drafts), 0))
        self.keep = QSpinBox(self)
        self.keep.setObjectName("keepDrafts")
        self.keep.setRange(1, 3650)
        self.keep.setSuffix(" " + _("days"))
        self.keep.setValue(max(current.keep_drafts_days, 1))
        self.keep.setAccessibleName(_("Keep drafts for"))
        self.keep_mode.currentIndexChanged.connect(self._keep_mode_changed)
        self._keep_mode_changed()
        keep_row = QHBoxLayout()
        keep_row.addWidget(self.keep_mode, 1)
        keep_row.addWidget(self.keep)
        form.addRow(_("Keep drafts"), keep_row)
        form.addRow(
            "",
            QLabel(
                _(
                    "At a counter, choose “until printed” or “nothing” and use Next customer "
                    "(Ctrl+Shift+N): no customer data stays on this PC. Addresses are kept on "
                    "the way only with “for a number of days”."
                ),
                self,
                wordWrap=True,
            ),
        )
        self.backups = QSpinBox(self)
        self.backups.setObjectName("backupsKept")
        self.backups.setRange(0, 365)
        self.backups.setSpecialValueText(_("none"))
        self.backups.setValue(current.backups_kept)
        form.addRow(_("Daily backups kept"), self.backups)

        self._build_senders()

        form = self._tab(_("Printing"))
        self.paper = QComboBox(self)
        self.paper.setObjectName("paperDefault")
        for key, label in PAPERS:
            self.paper.addItem(_(label), key)
        self.paper.setCurrentIndex(max(self.paper.findData(current.paper), 0))
        form.addRow(_("Paper or label"), self.paper)
        self.printer = QComboBox(self)
        self.printer.setObjectName("printerChoice")
        self.printer.addItem(_("None (ask the system each time)"), "")
        for name in QPrinterInfo.availablePrinterNames():
            self.printer.addItem(name, name)
        if current.printer and self.printer.findData(current.printer) < 0:
            # chosen before, not connected now: kept, and said
            self.printer.addItem(
                _("{printer} (not found)").format(printer=current.printer), current.printer
            )
        self.printer.setCurrentIndex(max(self.printer.findData(current.printer), 0))
        form.addRow(_("Printer"), self.printer)
        form.addRow(
            "",
            QLabel(_("The print dialog opens with this printer chosen."), self, wordWrap=True),
        )

        form = self._tab(_("Appearance"))
        self.language = QComboBox(self)
        self.language.setObjectName("uiLanguage")
        self.language.addItem(_("System language"), "")
        for code, name in LANGUAGE_NAMES.items():
            if code in available_languages():
                self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(current.ui_language), 0))
        form.addRow(_("Language"), self.language)
        form.addRow("", QLabel(_("A new language applies at the next start."), self, wordWrap=True))
        self.theme = QComboBox(self)
        self.theme.setObjectName("themeChoice")
        for key, label in THEMES:
            self.theme.addItem(_(label), key)
        self.theme.setCurrentIndex(max(self.theme.findData(current.theme), 0))
        form.addRow(_("Theme"), self.theme)
        self.counter = QCheckBox(
            _("Counter layout: large type, one column, plain answers on restricted goods"), self
        )
        self.counter.setObjectName("counterLayout")
        self.counter.setChecked(current.counter_layout)
        form.addRow(_("Layout"), self.counter)

        self.problem = QLabel(self)
        self.problem.setObjectName("settingsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(message_style("error"))
        self.problem.setProperty("problemLevel", "error")
        self.problem.hide()
        outer.addWidget(self.problem)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        settle_alt_letters(self)
        for keys, step in PAGE_TURN_KEYS:
            turn = QShortcut(QKeySequence(keys), self)
            turn.activated.connect(lambda step=step: self.turn_page(step))
        self.focus_first_field()

    def turn_page(self, step: int) -> None:
        """Ctrl+Tab / Ctrl+Shift+Tab from anywhere in the dialog (the buttons below the pages
        and the row of page tabs too): the next or previous page, on its first field."""
        self.tabs.setCurrentIndex((self.tabs.currentIndex() + step) % self.tabs.count())
        self.focus_first_field()

    def focus_first_field(self) -> None:
        """The keyboard starts on the open page's first field, not on the row of page tabs
        (which took a Tab before anything could be changed); Ctrl+Tab moves between pages."""
        page = self.tabs.currentWidget()
        if page is None:
            return
        w = page.nextInFocusChain()
        while w is not None and w is not page and page.isAncestorOf(w):
            if w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus:
                w.setFocus(Qt.FocusReason.OtherFocusReason)
                return
            w = w.nextInFocusChain()

    def _tab(self, title: str) -> QFormLayout:
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        self.tabs.addTab(page, title)
        return form

    # -- senders -----------------------------------------------------------------------------
    def _build_senders(self) -> None:
        page = QWidget(self.tabs)
        lay = QVBoxLayout(page)
        lay.addWidget(
            QLabel(
                _(
                    "The sender step offers these senders; a new declaration starts with the "
                    "default. Add one on the sender step with “Remember as my default sender”."
                ),
                page,
                wordWrap=True,
            )
        )
        self.senders = QListWidget(page)
        self.senders.setObjectName("savedSenders")
        self.senders.setAccessibleName(_("Saved senders"))
        label = QLabel(_("&Saved senders"), page)
        label.setBuddy(self.senders)
        lay.addWidget(label)
        lay.addWidget(self.senders, 1)
        row = QHBoxLayout()
        self.default_btn = QPushButton(_("Make &default"), page)
        self.default_btn.setObjectName("senderDefault")
        self.default_btn.clicked.connect(self.make_default)
        self.delete_sender_btn = QPushButton(_("&Delete sender"), page)
        self.delete_sender_btn.setObjectName("senderDelete")
        self.delete_sender_btn.clicked.connect(self.delete_sender)
        row.addWidget(self.default_btn)
        row.addWidget(self.delete_sender_btn)
        row.addStretch(1)
        lay.addLayout(row)
        self.tabs.addTab(page, _("Senders"))
        self.senders.currentRowChanged.connect(self._sender_row)
        self.refresh_senders()

    def refresh_senders(self) -> None:
        self.senders.clear()
        for s in records.saved_senders(self.ws):
            label = _("{sender} (default)").format(sender=s.label) if s.default else s.label
            item = QListWidgetItem(("★ " if s.default else "   ") + label)
            item.setData(Qt.ItemDataRole.UserRole, s.id)
            self.senders.addItem(item)
        self._sender_row(self.senders.currentRow())

    def _sender_row(self, row: int) -> None:
        self.default_btn.setEnabled(row >= 0)
        self.delete_sender_btn.setEnabled(row >= 0)

    def _chosen_sender(self) -> int | None:
        item = self.senders.currentItem()
        return None if item is None else int(item.data(Qt.ItemDataRole.UserRole))

    def make_default(self) -> None:
        chosen = self._chosen_sender()
        if chosen is not None:
            records.set_default_sender(self.ws, chosen)
            self.refresh_senders()

    def delete_sender(self) -> None:
        chosen = self._chosen_sender()
        if chosen is not None:
            records.delete_sender(self.ws, chosen)
            self.refresh_senders()

    def chosen_currency(self) -> str:
        """The currency typed or chosen; InputError naming the field when it is none."""
        text = self.currency.currentText()
        i = self.currency.findText(text)
        if i >= 0:
            return str(self.currency.itemData(i))
        return records.read_currency(text.split("–")[0])

    def _keep_mode_changed(self) -> None:
        self.keep.setEnabled(self.keep_mode.currentData() == "days")

    def accept(self) -> None:
        try:
            currency = self.chosen_currency()
        except InputError as exc:
            self.problem.setText("✖ " + error_text(exc))
            self.problem.show()
            self.tabs.setCurrentIndex(0)
            self.currency.setFocus()
            return
        theme = self.theme.currentData()
        records.update_settings(
            self.ws,
            currency=currency,
            weight_unit=self.weight_unit.currentData(),
            paper=self.paper.currentData(),
            printer=self.printer.currentData() or "",
            theme=theme,
            operator=self.operator.currentData(),
            channel=self.channel.currentData(),
            keep_drafts=self.keep_mode.currentData(),
            keep_drafts_days=self.keep.value(),
            counter_layout=self.counter.isChecked(),
            backups_kept=self.backups.value(),
            ui_language=self.language.currentData() or "",
        )
        app = QApplication.instance()
        if isinstance(app, QApplication):
            switch_theme(app, theme)
        super().accept()
