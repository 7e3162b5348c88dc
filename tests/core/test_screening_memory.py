"""Screening memory is linear in the text: the ceilings stated in docs/reliability.md.

Before the anchor look-up was capped, every prefix of every word was kept, so memory grew with
the square of a word's length (one 60,000-character word: 1.75 GB).
"""

from __future__ import annotations

import tracemalloc
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from shipdesk.core.services import Workspace

# Python heap peak while screening one item (docs/reliability.md, "Limits and memory").
LONG_WORD_CEILING = 5_000_000  # one word of up to 60,000 characters (measured 0.7 MB)
MEGABYTE_CEILING = 20_000_000  # 1 MB of ordinary words (measured 12 MB)

WORDS = ["wireless", "earbuds", "with", "charging", "case", "lithium", "battery", "cotton", "shirt"]


def _peak(ws: Workspace, description: str) -> int:
    """Heap peak of the matching engine on ``description``, called directly: the screening
    entry points read no more than the 500 characters of a description's limit."""
    from shipdesk.core.screening import matching
    from shipdesk.core.screening.active_rules import active_ruleset

    rules = active_ruleset(ws.rules_dir)
    # the rules are loaded and the patterns built before measuring
    matching.screen(rules, matching.make_context("Power bank 20000mAh"), lang="en", applies_to=None)
    tracemalloc.start()
    try:
        ctx = matching.make_context(description, destination="AU")
        matching.screen(rules, ctx, lang="en", applies_to=None)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("length", [20_000, 60_000])
def test_one_long_word_screens_in_bounded_memory(workspace: Workspace, length: int) -> None:
    peak = _peak(workspace, "x" * length)
    assert peak < LONG_WORD_CEILING, f"{peak / 1e6:.1f} MB for a {length}-character word"


def test_a_megabyte_of_words_screens_in_bounded_memory(workspace: Workspace) -> None:
    text = " ".join(WORDS[i % len(WORDS)] for i in range(170_000))[:1_000_000]
    peak = _peak(workspace, text)
    assert peak < MEGABYTE_CEILING, f"{peak / 1e6:.1f} MB for 1 MB of text"
