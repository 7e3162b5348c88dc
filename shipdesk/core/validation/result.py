"""Problems by field path and the result of validating a declaration."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field, replace
from typing import Any, Literal

from shipdesk.core.validation.problem_texts import MESSAGES, render, render_in

Level = Literal["error", "warning"]
ERROR: Level = "error"
WARNING: Level = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: ``level`` (error blocks printing, warning does not), the field path in the
    declaration file (``items[2].description``), a stable ``code`` and the message for the user.

    ``params`` keeps the values a message from the table was filled with (None for a message
    written by hand), so the same problem can be told in another language (``in_language``); it
    is not part of the problem's identity or its JSON."""

    level: str
    field: str
    code: str
    message: str
    # spelled out: inside this class ``field`` names the path attribute above
    params: tuple[tuple[str, Any], ...] | None = dataclasses.field(
        default=None, compare=False, repr=False
    )

    def in_language(self, lang: str) -> Problem:
        """This problem with its message in ``lang``; a message written by hand rather than
        from the table is kept as it is."""
        if self.params is None or self.code not in MESSAGES:
            return self
        return replace(self, message=render_in(lang, self.code, **dict(self.params)))

    def to_dict(self) -> dict[str, str]:
        return {
            "level": self.level,
            "field": self.field,
            "code": self.code,
            "message": self.message,
        }


def problem(level: str, field_path: str, code: str, /, **params: Any) -> Problem:
    """A Problem whose message comes from the message table (``problem_texts.MESSAGES[code]``), in
    English; ``Problem.in_language`` tells it in another language."""
    return Problem(level, field_path, code, render(code, **params), tuple(params.items()))


@dataclass
class ValidationResult:
    form: str
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.level == WARNING]

    @property
    def has_errors(self) -> bool:
        return any(p.level == ERROR for p in self.problems)

    def by_field(self) -> dict[str, list[Problem]]:
        """Problems grouped by field path, errors first (for marking fields in a form)."""
        out: dict[str, list[Problem]] = {}
        for p in sorted(self.problems, key=lambda p: p.level != ERROR):
            out.setdefault(p.field, []).append(p)
        return out

    def for_field(self, path: str) -> list[Problem]:
        """Problems about ``path`` or anything under it (``items[0]`` covers its fields)."""
        return [
            p
            for p in self.problems
            if p.field == path or p.field.startswith(path + ".") or p.field.startswith(path + "[")
        ]

    def in_language(self, lang: str) -> ValidationResult:
        """The same result with every message in ``lang``."""
        return ValidationResult(self.form, [p.in_language(lang) for p in self.problems])

    def to_json(self) -> dict[str, Any]:
        return {"form": self.form, "problems": [p.to_dict() for p in self.problems]}
