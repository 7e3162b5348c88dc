"""Classifying many descriptions at once: the bounded cache of repeated descriptions."""

from __future__ import annotations

from shipdesk.core.services import classification
from shipdesk.core.services.classification import SuggestionCache
from shipdesk.core.tariff.lookup import Suggestion


def _s(code: str, text: str = "") -> Suggestion:
    return Suggestion(code=code, description=text, score=0.5, source="hs2022")


def test_cache_drops_the_least_recently_used_beyond_its_entry_bound():
    cache = SuggestionCache(max_entries=3)
    for i in range(3):
        cache.put(5, f"q{i}", [_s("610910")])
    assert cache.get(5, "q0") is not None  # q0 is now the most recent
    cache.put(5, "q3", [_s("610910")])
    assert len(cache) == 3
    assert cache.get(5, "q1") is None
    assert cache.get(5, "q0") is not None and cache.get(5, "q3") is not None
    assert cache.get(3, "q0") is None  # another --top is another answer


def test_cache_stays_within_its_byte_bound():
    cache = SuggestionCache(max_entries=1_000, max_bytes=100_000)
    big = [_s("610910", "x" * 5_000) for _ in range(5)]
    assert 50_000 < SuggestionCache.cost("q", big) < 100_000
    for i in range(10):
        cache.put(5, f"q{i}", big)
        assert cache.bytes <= 100_000
    assert len(cache) == 1 and cache.get(5, "q9") is big
    cache.put(5, "huge", [_s("610910", "x" * 100_000)])  # larger than the whole cache
    assert cache.get(5, "huge") is None and cache.get(5, "q9") is big


def test_suggest_many_answers_repeats_from_the_cache_until_the_catalogue_changes(workspace):
    cache = SuggestionCache()
    texts = ["Handmade soap bar", "  Handmade soap bar ", "hoodie", "", "Handmade soap bar"]
    first = classification.suggest_many(workspace, texts, 3, cache)
    assert [len(x) for x in first] == [3, 3, 3, 0, 3]
    assert first[0] is first[1] is first[4]
    again = classification.suggest_many(workspace, texts, 3, cache)
    assert again[0] is first[0] and cache.hits >= 4
    classification.remember(workspace, "Handmade soap bar", "340120")
    after = classification.suggest_many(workspace, texts, 3, cache)
    assert after[0][0].code == "340120" and after[0][0].source == "catalogue"
    assert [s.to_json() for s in after[2]] == [s.to_json() for s in first[2]]
