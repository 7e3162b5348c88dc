"""Problems by field path and the result of validating a declaration."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from shipdesk.core.validation.messages import render

Level = Literal["error", "warning"]
ERROR: Level = "error"
WARNING: Level = "warning"


@dataclass(frozen=True)
class Problem:
    """One finding: ``level`` (error blocks printing, warning does not), the field path in the
    declaration file (``items[2].description``), a stable ``code`` and the message for the user."""

    level: str
    field: str
    code: str
    message: str

    def to_dict(self) -> dict[str, str]:
        return {
            "level": self.level,
            "field": self.field,
            "code": self.code,
            "message": self.message,
        }


def problem(level: str, field_path: str, code: str, /, **params: Any) -> Problem:
    """A Problem whose message comes from the message table (``messages.MESSAGES[code]``)."""
    return Problem(level, field_path, code, render(code, **params))


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

    def to_json(self) -> dict[str, Any]:
        return {"form": self.form, "problems": [p.to_dict() for p in self.problems]}
