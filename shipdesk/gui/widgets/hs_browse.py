"""The HS nomenclature as a tree to browse, for when the search does not find the right code.

Sections > chapters > headings > subheadings (> national lines when a national tariff was
imported), filled lazily as the user opens a branch; only a subheading or a national line can be
chosen. The tree's children come from ``services.classification.children``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from shipdesk.core.i18n import _
from shipdesk.core.services import classification
from shipdesk.gui.alt_letters import settle_alt_letters

if TYPE_CHECKING:
    from shipdesk.core.services import Workspace
    from shipdesk.core.services.classification import Node

CODE_ROLE = Qt.ItemDataRole.UserRole
DESC_ROLE = Qt.ItemDataRole.UserRole + 1


def dotted(code: str) -> str:
    """``610910`` as ``6109.10``, a national line as ``6109.10.0010``."""
    if len(code) == 6:
        return f"{code[:4]}.{code[4:]}"
    if len(code) > 6:
        return f"{code[:4]}.{code[4:6]}.{code[6:]}"
    return code


class BrowseDialog(QDialog):
    """The nomenclature as a lazily filled tree: sections > chapters > headings > subheadings
    (> national lines when a national tariff was imported).

    ``children_fn`` gives the nodes below a code (None: the sections); by default the
    ``workspace``'s, national lines included."""

    def __init__(
        self,
        parent: QWidget | None = None,
        children_fn: Callable[[str | None], list[Node]] | None = None,
        *,
        workspace: Workspace | None = None,
    ) -> None:
        super().__init__(parent)
        if children_fn is None:
            if workspace is None:
                raise ValueError("the browse dialog needs a workspace or a children function")
            ws = workspace

            def children_in_workspace(code: str | None) -> list[Node]:
                return classification.children(ws, code)

            children_fn = children_in_workspace
        self._children = children_fn
        self.setWindowTitle(_("Browse the HS 2022 nomenclature"))
        self.resize(760, 520)
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(_("HS nomenclature"))
        self.tree.setHeaderLabels([_("Code"), _("Description")])
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.itemExpanded.connect(self._fill)
        self.tree.itemActivated.connect(self._activated)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(QLabel(_("Open a chapter and a heading, then choose a subheading."), self))
        lay.addWidget(self.tree)
        lay.addWidget(buttons)
        self.chosen: tuple[str, str] | None = None
        self._add(None, None)
        settle_alt_letters(self)

    def _add(self, parent: QTreeWidgetItem | None, code: str | None) -> None:
        for node in self._children(code):
            label = node.code if node.level == "section" else dotted(node.code)
            item = QTreeWidgetItem([label, node.description])
            item.setData(0, CODE_ROLE, node.code)
            item.setData(0, DESC_ROLE, node.description)
            item.setData(1, CODE_ROLE, node.level)
            item.setToolTip(1, node.description)
            if node.has_children:
                item.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)

    def _fill(self, item: QTreeWidgetItem) -> None:
        if item.childCount() == 0:
            self._add(item, item.data(0, CODE_ROLE))

    def _selectable(self, item: QTreeWidgetItem | None) -> bool:
        return item is not None and item.data(1, CODE_ROLE) in ("subheading", "national")

    def _activated(self, item: QTreeWidgetItem) -> None:
        if self._selectable(item):
            self.tree.setCurrentItem(item)
            self._accept_current()
        else:
            item.setExpanded(not item.isExpanded())

    def _accept_current(self) -> None:
        item = self.tree.currentItem()
        if item is None or not self._selectable(item):
            return
        self.chosen = (item.data(0, CODE_ROLE), item.data(0, DESC_ROLE))
        self.accept()

    def expand_to(self, code: str) -> QTreeWidgetItem | None:
        """Open the tree down to ``code`` (a 2-, 4- or 6-digit code) and select it."""
        section = classification.section_of(code)
        if section is None:
            return None
        wanted = [section, code[:2], code[:4], code[:6]][: 1 + len(code) // 2]
        items = [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]
        found: QTreeWidgetItem | None = None
        for w in wanted:
            found = next((it for it in items if it and it.data(0, CODE_ROLE) == w), None)
            if found is None:
                return None
            found.setExpanded(True)
            items = [found.child(i) for i in range(found.childCount())]
        assert found is not None  # ``wanted`` holds at least the section
        self.tree.setCurrentItem(found)
        return found
