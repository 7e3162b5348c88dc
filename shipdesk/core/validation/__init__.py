"""Declaration validation: problems by field path (error blocks printing, warning does not).

``validate(decl)`` runs every rule and returns a ``ValidationResult`` holding the form that
applies (``cn22``/``cn23``) and the problems, each with a field path as in the declaration file
(``recipient.postcode``, ``items[0].hs_code``, ``gross_weight_kg``, ``items``).
"""

from __future__ import annotations

from shipdesk.core.validation.result import (
    ERROR,
    WARNING,
    Problem,
    ValidationResult,
    problem,
)
from shipdesk.core.validation.thresholds import near_fraction, thresholds

__all__ = [
    "ERROR",
    "WARNING",
    "Problem",
    "ValidationResult",
    "near_fraction",
    "problem",
    "thresholds",
]
