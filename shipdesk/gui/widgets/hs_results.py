"""The HS suggestions as a tree grouped by chapter and heading, with a confidence cue in words.

Each suggestion is a leaf under its heading (bold) under its chapter, so similar codes sit side
by side; the match column says how strong the match is in dots and words (never colour alone).
Only the leaves carry a code; ``step_selection`` moves through them for the keyboard. Under a
code, in italics: the legal note or GRI that decided or moved it, if one did, and the published
decisions that support it (nearest to the query).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QWidget

from shipdesk.core.i18n import N_, _, language
from shipdesk.core.services import classification
from shipdesk.gui.widgets.hs_browse import CODE_ROLE, DESC_ROLE, dotted

if TYPE_CHECKING:
    from shipdesk.core.services.classification import Example, Suggestion

CONFIDENCE_TEXT = {
    "high": ("●●●", N_("strong match")),
    "medium": ("●●○", N_("possible")),
    "low": ("●○○", N_("weak")),
}


def confidence_label(level: str) -> str:
    dots, word = CONFIDENCE_TEXT.get(level, CONFIDENCE_TEXT["low"])
    return f"{dots} {_(word)}"


def evidence_label(ex: Example) -> str:
    """E.g. "like CBP ruling NY 857043 (1990): woman's knit sweater"; a reference an authority
    coded, or a national tariff line, says that it is one and not a ruling."""
    if ex.kind == "tariff_line":
        return _("like {authority} statistical line {line}: {goods}").format(
            authority=ex.authority, line=ex.ruling, goods=ex.text
        )
    if ex.kind == "reference":
        return _("like {authority} tariff search reference ({year}): {goods}").format(
            authority=ex.authority, year=ex.date[:4], goods=ex.text
        )
    return _("like {authority} ruling {ruling} ({year}): {goods}").format(
        authority=ex.authority, ruling=ex.ruling, year=ex.date[:4], goods=ex.text
    )


def reason_label(s: Suggestion) -> tuple[str, str]:
    """E.g. ("by a legal note: festive articles (Christmas decorations)", "Chapter 95 note 1 and
    heading 95.05: festive articles (Christmas decorations)"): the row under a code a legal note
    or GRI decided or moved, and its tool tip; ("", "") for the others."""
    reason = classification.reason_text(s, language())[0]
    if not reason:
        return "", ""
    return _("by a legal note: {reason}").format(reason=reason), s.reason


class SuggestionTree(QTreeWidget):
    """Suggestions grouped chapter > heading > subheading; the first code is selected unless
    its match is weak."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderLabels([_("Code"), _("Description"), _("Match")])
        self.setRootIsDecorated(False)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.setAccessibleName(_("Suggested HS codes"))

    def show_suggestions(self, suggestions: Sequence[Suggestion]) -> None:
        """Replace the tree by ``suggestions`` (in their order) and select the first code, unless
        its confidence is "low"."""
        self.clear()
        chapters: dict[str, QTreeWidgetItem] = {}
        groups: dict[str, QTreeWidgetItem] = {}
        for s in suggestions:
            chapter = chapters.get(s.chapter)
            if chapter is None:
                chapter = QTreeWidgetItem([s.chapter, s.chapter_description, ""])
                chapter.setFlags(Qt.ItemFlag.ItemIsEnabled)
                chapter.setToolTip(1, s.chapter_description)
                chapters[s.chapter] = chapter
                self.addTopLevelItem(chapter)
                chapter.setExpanded(True)
            key = s.heading or s.code[:4]
            head = groups.get(key)
            if head is None:
                head = QTreeWidgetItem([dotted(key), s.heading_description, ""])
                head.setFlags(Qt.ItemFlag.ItemIsEnabled)
                head.setToolTip(1, s.heading_description)
                font = head.font(1)
                font.setBold(True)
                head.setFont(1, font)
                groups[key] = head
                chapter.addChild(head)
            source = "" if s.source in ("hs2022", "vocabulary") else f" [{s.source}]"
            item = QTreeWidgetItem([dotted(s.code), s.description + source, ""])
            item.setText(2, confidence_label(s.confidence))
            item.setToolTip(1, s.description)
            item.setData(0, CODE_ROLE, s.code)
            item.setData(0, DESC_ROLE, s.description)
            head.addChild(item)
            head.setExpanded(True)
            why, why_tip = reason_label(s)
            if why:
                # the legal note that put this code here; not selectable
                note = QTreeWidgetItem(["", why, ""])
                note.setFlags(Qt.ItemFlag.ItemIsEnabled)
                note.setToolTip(1, why_tip)
                font = note.font(1)
                font.setItalic(True)
                note.setFont(1, font)
                item.addChild(note)
            for ex in s.evidence:
                # a published decision for this code, in its own words; not selectable
                note = QTreeWidgetItem(["", evidence_label(ex), ""])
                note.setFlags(Qt.ItemFlag.ItemIsEnabled)
                note.setToolTip(1, f"{ex.authority} {ex.ruling}, {ex.date}: {ex.text}")
                font = note.font(1)
                font.setItalic(True)
                note.setFont(1, font)
                item.addChild(note)
            item.setExpanded(True)
        self.setRootIsDecorated(True)
        leaves = self.leaves()
        if leaves and suggestions and suggestions[0].confidence != "low":
            # a weak first match is never preselected, so Enter alone cannot take it: the
            # user picks a code with Down/Up (or the mouse) first
            self.setCurrentItem(leaves[0])

    def leaves(self) -> list[QTreeWidgetItem]:
        """The items that carry a code, top to bottom."""
        out: list[QTreeWidgetItem] = []

        def walk(it: QTreeWidgetItem | None) -> None:
            if it is None:
                return
            if it.data(0, CODE_ROLE):
                out.append(it)
            for i in range(it.childCount()):
                walk(it.child(i))

        for i in range(self.topLevelItemCount()):
            walk(self.topLevelItem(i))
        return out

    def step_selection(self, step: int) -> None:
        """Select the code ``step`` places below (negative: above) the current one."""
        leaves = self.leaves()
        if not leaves:
            return
        cur = self.currentItem()
        i = leaves.index(cur) if cur in leaves else -1
        self.setCurrentItem(leaves[max(0, min(len(leaves) - 1, i + step))])

    @staticmethod
    def code_of(item: QTreeWidgetItem | None) -> tuple[str, str] | None:
        """(code, description) of a leaf; None for a chapter or heading row."""
        if item is None or not item.data(0, CODE_ROLE):
            return None
        return item.data(0, CODE_ROLE), item.data(0, DESC_ROLE)
