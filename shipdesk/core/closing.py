"""One way for the core's resources to close at the end of a ``with`` block.

The workspace, the user database and the spreadsheet reader each hold open files or
connections; each ends a ``with`` block by calling its own ``close()``, whatever happened
inside the block (an exception still propagates).
"""

from __future__ import annotations

from types import TracebackType
from typing import Self


class Closing:
    """Mixin: ``with obj:`` calls ``obj.close()`` on the way out."""

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
