"""Setting up the query reader while the window takes keys: no single call over all words."""

from __future__ import annotations

import builtins
import random
import string

from shipdesk.core.tariff import query
from shipdesk.core.tariff.query import QueryReader
from shipdesk.core.tariff.vocabulary import Term


def _words(n: int, seed: int) -> set[str]:
    rng = random.Random(seed)
    return {"".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 12))) for _ in range(n)}


def test_the_correction_words_are_sorted_by_initial_not_all_at_once(monkeypatch):
    """The words a typo may be corrected to are kept sorted under their first letter. Sorting
    all of them (20,000) in one call kept the interpreter lock 5-15 ms on the warm-up thread
    while the window took keys (docs/benchmarks.md, "Typing latency"); each initial's words
    are sorted on their own, and the lists are exactly what one sort gives."""
    nom, vocab, gloss = _words(6000, 1), _words(6000, 2), _words(500, 3)
    terms = [Term(f"c{i}", w, "en", ("610910",), "") for i, w in enumerate(sorted(vocab))]
    sizes: list[int] = []

    def sorted_noting(iterable, *args, **kwargs):
        out = builtins.sorted(iterable, *args, **kwargs)
        sizes.append(len(out))
        return out

    monkeypatch.setattr(query, "sorted", sorted_noting, raising=False)
    reader = QueryReader(terms, {w: w for w in gloss}, nom, set())
    targets = {w for w in nom | vocab | gloss if len(w) >= 3 and w.isalpha()}
    one_sort: dict[str, list[str]] = {}
    for w in builtins.sorted(targets):
        one_sort.setdefault(w[0], []).append(w)
    assert list(reader.by_initial.items()) == list(one_sort.items())
    largest = max(len(ws) for ws in one_sort.values())
    assert sizes and max(sizes) <= largest < len(targets) // 10, (max(sizes), largest)
