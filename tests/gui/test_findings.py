"""The findings widget: rows with icon and level word, debounced screening, overrides."""

from __future__ import annotations

from typing import Any

import pytest

from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.screening.overrides import blocking
from shipdesk.core.screening.screen import screen_declaration, screen_item

pytestmark = pytest.mark.gui


def _decl() -> Declaration:
    return Declaration(
        sender=Party(name="S", country="DE"),
        recipient=Party(name="R", country="AU"),
        items=[Item(description="Beef jerky"), Item(description="iPhone 15")],
    )


def test_rows_show_level_word_message_and_advice(qtbot: Any) -> None:
    from shipdesk.gui.widgets.findings import FINDING_ROLE, FindingsWidget

    w = FindingsWidget(lang="en")
    qtbot.addWidget(w)
    assert w.summary.text() == ""  # nothing screened yet: nothing claimed
    w.set_findings([])
    assert "Nothing restricted" in w.summary.text()
    w.set_findings([], screened=False)
    assert w.summary.text() == ""
    w.set_findings(screen_declaration(_decl()))
    assert w.list.count() == 2
    first = w.list.item(0)
    assert first.text().startswith("⛔ PROHIBITED (item 1):")
    assert "What to do:" in first.text()
    assert not first.icon().isNull()
    assert first.data(FINDING_ROLE).rule == "AU-BIOSEC-ANIMAL"
    assert "RESTRICTED (item 2)" in w.list.item(1).text()
    assert w.summary.text().startswith("⛔ Prohibited")
    assert w.summary.text().endswith(": 2 findings")
    w.set_findings(screen_declaration(_decl())[:1])
    assert w.summary.text().endswith(": 1 finding")


def test_typing_is_debounced(qtbot: Any) -> None:
    from shipdesk.gui.widgets.findings import FindingsWidget

    calls: list[str] = []

    def counting(desc: str, **kw: Any) -> list[Any]:
        calls.append(desc)
        return screen_item(desc, **kw)

    w = FindingsWidget(screen=counting, lang="en")
    qtbot.addWidget(w)
    for text in ("P", "Po", "Pow", "Power bank"):
        w.request_item(text, destination="AU")
    assert calls == []
    qtbot.waitUntil(lambda: calls == ["Power bank"], timeout=2000)
    assert w.findings()[0].rule == "DG-LI-LOOSE"
    w.request_item("", destination="AU")
    w.flush()
    assert w.findings() == []


def test_language(qtbot: Any, workspace: Any) -> None:
    from shipdesk.gui.widgets.findings import FindingsWidget

    w = FindingsWidget(lang="de", workspace=workspace)
    qtbot.addWidget(w)
    w.request_item("Parfüm Eau de Toilette", destination="US")
    w.flush()
    assert w.list.item(0).text().startswith("⛔ VERBOTEN")
    assert "Was tun:" in w.list.item(0).text()


def test_override_needs_a_reason_and_is_recorded(qtbot: Any, monkeypatch: Any) -> None:
    from PySide6.QtWidgets import QDialog, QDialogButtonBox

    from shipdesk.gui.widgets import findings as mod

    decl = _decl()
    w = mod.FindingsWidget(decl=decl, user="clerk", lang="en")
    qtbot.addWidget(w)
    found = screen_declaration(decl)
    w.set_findings(found)
    w.list.setCurrentRow(1)  # restricted: no override
    assert not w.override_button.isEnabled()
    w.list.setCurrentRow(0)
    assert w.override_button.isEnabled()

    dialog = mod.OverrideDialog(found[0], lang="en")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.reason_edit.setPlainText("short")
    assert not ok.isEnabled()
    dialog.reason_edit.setPlainText("Recipient holds import permit 2026/123")
    assert ok.isEnabled()

    def fake_exec(self: Any) -> int:
        self.reason_edit.setPlainText("Recipient holds import permit 2026/123")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(mod.OverrideDialog, "exec", fake_exec)
    with qtbot.waitSignal(w.overridden, timeout=1000):
        w.override_button.click()
    assert blocking(decl, found) == []
    entry = decl.extra["history"][-1]
    assert entry["reason"] == "Recipient holds import permit 2026/123"
    assert entry["user"] == "clerk" and entry["item_index"] == 0
    assert "[overridden]" in w.list.item(0).text()
    assert not w.override_button.isEnabled()


def test_counter_layout_puts_the_customer_sentence_first(qtbot: Any, workspace: Any) -> None:
    from shipdesk.gui.widgets.findings import FindingsWidget

    w = FindingsWidget(lang="de", workspace=workspace)
    qtbot.addWidget(w)
    w.request_item("Smartphone mit Lithium-Akku", destination="FR")
    w.flush()
    clerk = w.list.item(0).text()
    assert clerk.startswith("⚠ EINGESCHRÄNKT: Dieses Gerät enthält")  # the clerk's message
    w.set_counter(True)
    first, second = w.list.item(0).text().split("\n")
    assert first.startswith("⚠ EINGESCHRÄNKT: Dieses Gerät darf verschickt werden")
    assert second.startswith("Für den Schalter: Dieses Gerät enthält")
    assert "Regel DG-LI-ION-IN-EQUIP" in second and "Quelle:" in second
    assert "Regel DG-LI-ION-IN-EQUIP" in w.list.item(0).toolTip()
    w.set_counter(False)
    assert w.list.item(0).text() == clerk


def test_french_rows_put_a_space_before_the_colon(qtbot: Any) -> None:
    from shipdesk.gui.widgets.findings import finding_text

    f = screen_declaration(_decl(), lang="fr")[0]
    row = finding_text(f, "fr")
    assert "(article 1) : " in row or "(item 1) : " in row, row
    assert "Que faire : " in row and "Que faire:" not in row, row
    counter = finding_text(f, "fr", counter=True)
    assert "Pour le guichet : " in counter, counter
    assert finding_text(f, "en").startswith("⛔ PROHIBITED (item 1): ")
