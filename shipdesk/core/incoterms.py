"""Incoterms on a declaration: the trade term of the sale ("DAP Mountain View"), read against the
edition in ``resources/incoterms.toml``.

The declaration keeps the term as typed under the extra key ``incoterm`` (older files simply
have none); the invoice prints it, validation checks its code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from shipdesk.core.errors import DataError
from shipdesk.core.paths import resource


@dataclass(frozen=True)
class Edition:
    name: str  # "Incoterms® 2020"
    rules: dict[str, tuple[str, bool]]  # code -> (English name, seller pays import duties)
    retired: dict[str, str]  # old code -> the rule that replaced it


@dataclass(frozen=True)
class Term:
    code: str  # "DAP", upper case; "" when the text starts with no code
    place: str  # the named place after the code, as typed
    known: bool  # a rule of the current edition
    replaced_by: str = ""  # for a retired code (DDU -> DAP)


@lru_cache(maxsize=1)
def edition() -> Edition:
    path = resource("incoterms.toml")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        rules = {str(k).upper(): (str(v[0]), bool(v[1])) for k, v in data["rules"].items()}
        retired = {str(k).upper(): str(v).upper() for k, v in data.get("retired", {}).items()}
        return Edition(str(data["edition"]), rules, retired)
    except (OSError, KeyError, IndexError, TypeError, tomllib.TOMLDecodeError) as exc:
        raise DataError(f"{path}: not a valid Incoterms file ({exc})") from exc


def parse(text: str) -> Term:
    """``"dap  Mountain View"`` -> Term("DAP", "Mountain View", known=True)."""
    first, _, rest = (text or "").strip().partition(" ")
    code = first.strip(",;:").upper()
    ed = edition()
    if code in ed.rules:
        return Term(code, rest.strip(), True)
    if code in ed.retired:
        return Term(code, rest.strip(), False, ed.retired[code])
    return Term(code if len(code) == 3 and code.isalpha() else "", rest.strip(), False)


def seller_pays_duties(text: str) -> bool:
    """True for a term under which the seller pays the import duties and taxes (DDP)."""
    term = parse(text)
    return term.known and edition().rules[term.code][1]
