"""No English left in a translated window: every text a person sees or hears (labels, buttons,
tool tips, placeholders, window titles, menu entries, table headers, list and combo entries,
accessible names), on every step of the main window and in every dialog, with the interface in
German, French and Spanish.

A text is flagged when it equals an English text of the catalogue that the language translates
differently (the code shows it without ``_()``, or before the language was set), or when it holds
an English word of the catalogue that the language's own texts never use (a text written in the
code without going through the catalogue at all). Proper nouns and codes that are the same in
every language are allowed by name in ``SAME_IN_EVERY_LANGUAGE``; names that are data written by
their owners (the postal operators' names) and the texts of the HS nomenclature are passed in
as ``data`` (docs/i18n.md, "What is still English").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QModelIndex, QTranslator
from PySide6.QtCore import Qt as QtNs
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from shipdesk.core import i18n
from shipdesk.core.model import Declaration, Item, Party

LANGUAGES = ("de", "fr", "es")

# Words and codes that are written the same in every language: names of forms, identifiers,
# units, products and file formats. Compared in lower case, word by word.
SAME_IN_EVERY_LANGUAGE = frozenset(
    {
        "shipdesk",
        "cn",
        "cn22",
        "cn23",
        "eori",
        "ioss",
        "vat",
        "hs",
        "pdf",
        "csv",
        "xlsx",
        "json",
        "upu",
        "xdr",
        "eur",
        "usd",
        "gbp",
        "chf",
        "wh",
        "mah",
        "kg",
        "lb",
        "oz",
        "ups",
        "dhl",
        "fedex",
        "tnt",
        "gls",
        "dpd",
        "usps",
        "ebay",
        "etsy",
        "shopify",
        "amazon",
        "woocommerce",
        "s10",
        "itn",
        "ean",
        "sku",
        "iban",
        "ctrl",
        "shift",
        "alt",
        "tab",
        "enter",
        "esc",
        "pc",
        "id",
        "ok",
        "url",
    }
)

WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
TAG = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    """A widget's text as read: without rich-text tags, entities and mnemonic ampersands."""
    text = TAG.sub(" ", text).replace("&nbsp;", " ").replace("&amp;", "\x00")
    text = re.sub(r"&(?=\S)", "", text).replace("\x00", "&")
    return " ".join(text.split())


def _catalogue(lang: str) -> tuple[dict[str, str], set[str]]:
    """English text -> its translation in ``lang`` (each plural form too, and each ``{field}``
    cut out) and every word the language's translations use."""
    from babel.messages.pofile import read_po

    po = i18n.locale_dir() / lang / "LC_MESSAGES" / "shipdesk.po"
    with po.open("rb") as fh:
        cat = read_po(fh, locale=lang)
    english: dict[str, str] = {}
    words: set[str] = set()
    for m in cat:
        if not m.id:
            continue
        ids = (m.id,) if isinstance(m.id, str) else tuple(m.id)
        strs = (m.string,) if isinstance(m.string, str) else tuple(m.string)
        for i, source in enumerate(ids):
            target = strs[min(i, len(strs) - 1)] if strs else ""
            english[_plain(source)] = _plain(target or "")
        for s in strs:
            words.update(w.lower() for w in WORD.findall(s or ""))
    return english, words


def _rule_words(lang: str) -> set[str]:
    """Words of the shipped screening rules' texts in ``lang``: data that is not in the
    catalogue but is written in the language."""
    from shipdesk.core.paths import resource
    from shipdesk.core.screening.rule_loader import compile_folder

    words: set[str] = set()
    for rule in compile_folder(resource("rules")).rules:
        for table in (rule.message, rule.advice):
            words.update(w.lower() for w in WORD.findall(table.get(lang, "")))
    return words


def _english_words(english: dict[str, str]) -> set[str]:
    out: set[str] = set()
    for source in english:
        out.update(w.lower() for w in WORD.findall(re.sub(r"\{[^{}]*\}", " ", source)))
    return out


def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of ``root``'s window a person can see or hear."""
    yield "window title", root.windowTitle()
    widgets = [root, *root.findChildren(QWidget)]
    for w in widgets:
        if w.window() is not root and not isinstance(w, QMenu):
            continue
        name = f"{type(w).__name__} {w.objectName()}".strip()
        yield f"{name} tool tip", w.toolTip()
        yield f"{name} accessible name", w.accessibleName()
        if isinstance(w, QLabel | QAbstractButton):
            yield name, w.text()
        elif isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit):
            yield f"{name} placeholder", w.placeholderText()
        elif isinstance(w, QGroupBox):
            yield name, w.title()
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                yield f"{name} entry {i}", w.itemText(i)
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"{name} tab {i}", w.tabText(i)
        elif isinstance(w, QMenu):
            yield name, w.title()
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model():
            yield from _view_texts(name, w)
    if isinstance(root, QMainWindow):
        for action in root.menuBar().actions():
            yield from _action_texts(action)


def _action_texts(action) -> Iterator[tuple[str, str]]:
    yield f"menu {action.objectName()}", action.text()
    yield f"menu {action.objectName()} tool tip", action.toolTip()
    menu = action.menu()
    if menu is not None:
        for sub in menu.actions():
            if not sub.isSeparator():
                yield from _action_texts(sub)


def _count(method) -> int:
    """Qt's own models take no argument from Python, models written in Python want a parent."""
    try:
        return int(method())
    except TypeError:
        pass
    try:
        return int(method(QModelIndex()))
    except TypeError:  # a list model's columnCount is private: one column
        return 1


def _view_texts(name: str, view: QAbstractItemView) -> Iterator[tuple[str, str]]:
    model = view.model()
    cols = _count(model.columnCount)
    roles = (QtNs.ItemDataRole.DisplayRole, QtNs.ItemDataRole.ToolTipRole)
    for orientation in (QtNs.Orientation.Horizontal, QtNs.Orientation.Vertical):
        count = cols if orientation == QtNs.Orientation.Horizontal else 0
        for col in range(count):
            for role in roles:
                value = model.headerData(col, orientation, role)
                if isinstance(value, str):
                    yield f"{name} header {col}", value
    for row in range(min(_count(model.rowCount), 50)):
        for col in range(cols):
            idx = model.index(row, col)
            for role in (*roles, QtNs.ItemDataRole.AccessibleTextRole):
                value = model.data(idx, role)
                if isinstance(value, str):
                    yield f"{name} row {row} col {col}", value


def untranslated(root: QWidget, lang: str, data: frozenset[str] = frozenset()) -> list[str]:
    """The texts of ``root`` that are still English in ``lang`` (``data``: texts shown as their
    source writes them)."""
    english, own_words = _catalogue(lang)
    own_words |= _rule_words(lang)
    english_words = _english_words(english) - own_words - SAME_IN_EVERY_LANGUAGE
    out = []
    seen: set[tuple[str, str]] = set()
    for where, raw in shown_texts(root):
        text = _plain(raw or "")
        if not text or (where, text) in seen or text in data:
            continue
        seen.add((where, text))
        own = text
        for part in data:  # data inside a longer text (a rule's legal basis in a tool tip)
            if len(part) > 3 and part in own:
                own = own.replace(part, " ")
        translated = english.get(text)
        if translated == "":
            out.append(f"{where}: {text!r} (no {lang} translation in the catalogue)")
            continue
        if translated is not None and translated != text:
            out.append(f"{where}: {text!r} (the catalogue says {translated!r})")
            continue
        stray = sorted(
            {w for w in WORD.findall(own) if w.lower() in english_words}
            - {w for w in WORD.findall(own) if w.lower() in own_words}
        )
        if stray:
            out.append(f"{where}: {text!r} (English: {', '.join(stray)})")
    return out


@pytest.fixture
def language(request, qapp):
    """The interface in ``request.param``: the catalogue and Qt's own texts, as the app starts."""
    lang = request.param
    assert i18n.set_language(lang) == lang, f"{lang} is not an interface language"
    qt = QTranslator()
    path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    loaded = qt.load(QLocale(lang), "qtbase", "_", path)
    if loaded:
        QCoreApplication.installTranslator(qt)
    yield lang
    if loaded:
        QCoreApplication.removeTranslator(qt)
    i18n.set_language("en")


def data_names() -> frozenset[str]:
    """Data shown as its owners write it: the posts' own names (postal operators; a name that
    describes, "UPU default (any designated operator)", is translated and not allowed here),
    the legal basis cited by each screening rule and the source each duty rule cites (the
    title of an act or a page, in its own language)."""
    from shipdesk.core.duties.data import duty_data
    from shipdesk.core.operators import DESCRIBED_NAMES
    from shipdesk.core.paths import resource
    from shipdesk.core.screening.rule_loader import compile_folder
    from shipdesk.core.services import records

    names = {name for _pid, name in records.operator_choices()} - set(DESCRIBED_NAMES)
    names |= {r.legal_basis for r in compile_folder(resource("rules")).rules if r.legal_basis}
    names |= {r.source.title for f in duty_data().files.values() for r in f.rules}
    # ISO 4217 codes with CLDR's names in the language ("ALL" is a code, not the English word)
    names |= {label for _code, label in records.currency_choices()}
    return frozenset(_plain(n) for n in names)


def suggestion_texts(root: QWidget) -> frozenset[str]:
    """The HS nomenclature's descriptions shown by the code search (the WCO's English)."""
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from shipdesk.gui.widgets.hs_results import SuggestionTree

    out: set[str] = set()
    for tree in root.findChildren(SuggestionTree):
        it = QTreeWidgetItemIterator(tree)
        while it.value():
            out.add(_plain(it.value().text(1)))
            out.add(_plain(it.value().toolTip(1)))
            it += 1
    return frozenset(out)


SAMPLE = Declaration(
    sender=Party(name="Anna Muster", city="Berlin", country="DE"),
    recipient=Party(name="John Doe", city="Boston", country="US"),
    items=[Item(description="Smartphone", quantity="1", value="300", net_weight_kg="0.2")],
)


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_the_main_window_on_every_step(qtbot, workspace, language) -> None:
    from shipdesk.gui.main_window import MainWindow

    w = MainWindow(workspace)
    qtbot.addWidget(w)
    w.session.load(SAMPLE)
    w.show()
    found: list[str] = []
    for step in range(len(w.pages)):
        w.go_to_step(step)
        w.session.check_now()
        if step == len(w.pages) - 1:
            w.documents_page.create_pdf()
        data = data_names() | suggestion_texts(w)
        found += [f"step {step + 1}: {t}" for t in untranslated(w, language, data)]
    assert found == [], "\n".join(dict.fromkeys(found))


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_every_dialog(qtbot, workspace, tmp_path, language) -> None:
    from shipdesk.core.screening.screen import screen_declaration
    from shipdesk.gui.dialogs.address_book import AddressBookDialog
    from shipdesk.gui.dialogs.history import HistoryDialog
    from shipdesk.gui.dialogs.import_dialog import ImportDialog
    from shipdesk.gui.dialogs.products import ProductPickerDialog
    from shipdesk.gui.dialogs.settings import SettingsDialog
    from shipdesk.gui.widgets.findings import OverrideDialog
    from shipdesk.gui.widgets.hs_browse import BrowseDialog

    decl = Declaration(
        sender=Party(name="S", country="DE"),
        recipient=Party(name="R", country="AU"),
        items=[Item(description="Beef jerky")],
    )
    found_rules = screen_declaration(decl, lang=language)
    assert found_rules
    dialogs: list[QDialog] = [
        SettingsDialog(workspace),
        OverrideDialog(found_rules[0], lang=language),
        BrowseDialog(workspace=workspace),
        HistoryDialog(workspace),
        AddressBookDialog(workspace),
        ProductPickerDialog(workspace),
    ]
    imp = ImportDialog(workspace, out_dir=tmp_path / "out", operator="upu")
    dialogs.append(imp)
    data = data_names() | nomenclature_texts(dialogs[2])
    found: list[str] = []
    for d in dialogs:
        qtbot.addWidget(d)
        d.show()
        found += [f"{type(d).__name__}: {t}" for t in untranslated(d, language, data)]
    for page in range(imp.pages.count()):
        imp.pages.setCurrentIndex(page)
        found += [f"import page {page + 1}: {t}" for t in untranslated(imp, language, data)]
    assert found == [], "\n".join(dict.fromkeys(found))


def nomenclature_texts(browse: QDialog) -> frozenset[str]:
    """The descriptions of the HS nomenclature the browse dialog shows (the WCO's English)."""
    from PySide6.QtWidgets import QTreeWidget

    from shipdesk.gui.widgets.hs_browse import DESC_ROLE

    tree = browse.findChild(QTreeWidget)
    assert tree is not None and tree.topLevelItemCount() > 0
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return frozenset(_plain(str(it.data(0, DESC_ROLE))) for it in items)


def test_the_walk_finds_english(qtbot) -> None:
    """A text shown without ``_()`` and a text never put in the catalogue are both found; a
    translated text, user data and a proper noun are not."""
    from PySide6.QtWidgets import QPushButton, QVBoxLayout

    i18n.set_language("de")
    try:
        root = QWidget()
        qtbot.addWidget(root)
        lay = QVBoxLayout(root)
        for text in (i18n._("Items"), "Items", "Please check the parcel", "Anna Muster", "CN 23"):
            lay.addWidget(QLabel(text, root))
        lay.addWidget(QPushButton("&Next ▶", root))
        found = untranslated(root, "de")
    finally:
        i18n.set_language("en")
    assert len(found) == 3, found
    assert any("'Items'" in f and "Waren" in f for f in found)
    assert any("Please check the parcel" in f for f in found)
    assert any("Next" in f for f in found)


@pytest.mark.parametrize("language", LANGUAGES, indirect=True)
def test_address_labels_have_room_for_their_drawn_text(qtbot, workspace, language) -> None:
    """A label as wide as its advance lost the last letter of "Teléfono" and "Téléphone": the
    drawn glyphs (their bounding box) reach past it. Every address label has room for them."""
    from shipdesk.gui.main_window import MainWindow

    w = MainWindow(workspace)
    qtbot.addWidget(w)
    w.show()
    cut = []
    for page in (w.sender_page, w.recipient_page):
        for lbl in page.form.findChildren(QLabel):
            if lbl.buddy() is None:
                continue
            text = _plain(lbl.text())
            if lbl.contentsRect().width() < lbl.fontMetrics().boundingRect(text).width() + 1:
                cut.append(f"{text!r}: {lbl.contentsRect().width()} px")
    assert cut == []
