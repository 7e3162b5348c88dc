"""Fields longer than their limit (``core.model`` text limits): one error each, naming it.

Not a rule of ``RULES``: ``validate`` asks this first and lets the rules look at a copy with the
over-long text cut to its limit, so no check ever works on megabytes of text.
"""

from __future__ import annotations

from shipdesk.core.model import OverLong
from shipdesk.core.validation.fields import FieldName
from shipdesk.core.validation.result import ERROR, Problem, problem


def over_long_problems(fields: list[OverLong]) -> list[Problem]:
    return [
        problem(
            ERROR,
            f.path,
            "text_too_long",
            name=FieldName(f.path),
            length=f.length,
            limit=f.limit,
        )
        for f in fields
    ]
