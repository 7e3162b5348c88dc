"""A scroll area for a page or a pane that should scroll only below its minimum size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


class _MinimumLayout(QVBoxLayout):
    """Holds the content without passing on its height-for-width.

    With wrapped labels inside, content reports a height for each width, and a scroll area
    takes that (the comfortable height) as the least it may show: a scroll bar although
    everything fits. Without it, the scroll area scrolls only below the minimum size."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setContentsMargins(0, 0, 0, 0)

    def hasHeightForWidth(self) -> bool:
        return False


def scrolling(content: QWidget, parent: QWidget | None = None) -> QScrollArea:
    """``content`` in a frameless scroll area that grows with the space it is given."""
    holder = QWidget()
    _MinimumLayout(holder).addWidget(content)
    area = QScrollArea(parent)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    # Not a Tab stop of its own (it would be one without a name for screen readers): the
    # controls inside take the focus, and the area scrolls to the one that has it.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    area.setWidget(holder)
    return area
