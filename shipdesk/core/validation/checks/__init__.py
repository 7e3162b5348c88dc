"""The validation checks. Each reads the declaration from a ``Context`` and adds problems by
field path; ``RULES`` runs them in order.

Checks never raise on bad user data: text that does not parse is itself a problem. Shipped data
that is missing or broken (profiles, thresholds, term lists) raises DataError.
"""

from __future__ import annotations

from shipdesk.core.validation.checks.context import Context, Rule
from shipdesk.core.validation.checks.duties import rule_us_origin
from shipdesk.core.validation.checks.header import rule_form, rule_header
from shipdesk.core.validation.checks.item_id import rule_item_id
from shipdesk.core.validation.checks.items import rule_items
from shipdesk.core.validation.checks.parties import rule_parties
from shipdesk.core.validation.checks.printable import rule_glyphs, rule_typed_text
from shipdesk.core.validation.checks.regimes import (
    rule_eu_export,
    rule_gift_relief,
    rule_ioss,
    rule_uk,
    rule_us_export,
    schedule_b_classes,
    us_export_status,
)
from shipdesk.core.validation.checks.scripts import rule_latin_address
from shipdesk.core.validation.checks.terms import rule_incoterm
from shipdesk.core.validation.checks.totals import rule_category, rule_totals

__all__ = ["RULES", "Context", "Rule", "schedule_b_classes", "us_export_status"]

RULES: tuple[Rule, ...] = (
    rule_form,
    rule_header,
    rule_parties,
    rule_latin_address,
    rule_items,
    rule_totals,
    rule_category,
    rule_incoterm,
    rule_item_id,
    rule_ioss,
    rule_uk,
    rule_eu_export,
    rule_gift_relief,
    rule_us_export,
    rule_us_origin,
    rule_glyphs,
    rule_typed_text,
)
