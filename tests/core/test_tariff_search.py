import json
import subprocess
import sys

import pytest

from shipdesk.core.tariff import browse, lookup, narrowing


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("SHIPDESK_HOME", str(tmp_path))


def codes(query: str, top: int = 5) -> list[str]:
    return [s.code for s in lookup.suggest(query, top=top)]


@pytest.mark.parametrize(
    ("query", "gold"),
    [
        ("Men's cotton t-shirt", "610910"),
        ("laptop", "847130"),
        ("wireless earbuds", "851830"),
        ("Lippenstift", "330410"),
        ("LEGO building bricks", "950300"),
        ("USB stick 64GB", "852351"),
    ],
)
def test_everyday_items_in_top3(query, gold):
    assert gold in codes(query, 3)


def test_suggestion_fields_and_contract_json():
    s = lookup.suggest("cotton t-shirt", top=3)[0]
    assert len(s.code) == 6 and s.code.isdigit()
    assert s.heading == s.code[:4] and s.chapter == s.code[:2]
    assert s.heading_description and s.chapter_description
    assert 0.0 < s.score <= 1.0
    assert s.confidence in ("high", "medium", "low")
    j = s.to_json()
    assert {"code", "description", "score", "source"} <= set(j)
    assert j["code"] == s.code and j["description"] == s.description
    assert j["score"] == round(s.score, 4) and 0.0 < j["score"] <= 1.0
    assert json.loads(json.dumps(j))["score"] == j["score"]  # a plain JSON number


def test_empty_query_gives_nothing():
    assert lookup.suggest("   ") == []


def test_typos_are_corrected():
    res = lookup.search("leathr walet")
    assert res.corrections == {"leathr": "leather", "walet": "wallet"}
    assert res.suggestions[0].code == "420231"
    assert "851713" in codes("smartphnoe", 1)


def test_correct_words_are_never_changed():
    for q in ("wireless earbuds", "aluminium frying pan", "matte lipstick", "beard trimmer"):
        assert lookup.search(q).corrections == {}, q


def test_german_compound_and_modifiers():
    res = lookup.search("Herren Ledergürtel")
    assert res.suggestions[0].code == "420330"
    assert "men's" in res.interpreted


def test_catalogue_ranks_confirmed_classification_first(workspace):
    from shipdesk.core.services import classification

    before = codes("hand-knitted alpaca cardigan", 5)
    classification.remember(workspace, "Hand-knitted alpaca cardigan", "611019")
    after = classification.suggest(workspace, "hand knitted alpaca cardigan", 5)
    assert after[0].code == "611019" and after[0].source == "catalogue"
    assert after[0].confidence == "high"
    assert len(after) == 5 and after[1:] != before[:1]  # the rest still ranked


def test_catalogue_similar_but_not_unrelated(workspace):
    from shipdesk.core.services import classification

    classification.remember(workspace, "Organic cotton baby romper", "611120")
    found = classification.suggest(workspace, "organic cotton romper for babies", 3)
    assert found[0].source == "catalogue"
    assert all(s.source != "catalogue" for s in classification.suggest(workspace, "car tyre", 5))
    # without a workspace's catalogue the search is the nomenclature alone
    assert lookup.suggest("organic cotton romper for babies", top=3)[0].source != "catalogue"


def test_questions_and_narrowing_for_jeans():
    items = lookup.suggest("jeans", top=10)
    qs = narrowing.questions(items)
    gender = next(q for q in qs if q.id == "gender")
    assert {a.id for a in gender.answers} >= {"men", "women"}
    women = narrowing.narrow(items, "gender", "women")
    assert women and all("women's" in s.description for s in women)
    assert "620462" in [s.code for s in women]


def test_questions_knitted_or_woven():
    items = lookup.suggest("cotton shirt", top=10)
    q = next(q for q in narrowing.questions(items) if q.id == "construction")
    knitted = narrowing.narrow(items, "construction", "knitted")
    assert all(s.chapter == "61" for s in knitted)
    assert q.text


def test_narrow_rejects_unknown_question():
    with pytest.raises(ValueError):
        narrowing.narrow(lookup.suggest("jeans"), "nope", "x")


def test_no_question_when_candidates_agree():
    assert narrowing.questions(lookup.suggest("smartphone", top=1)) == []


def test_browse_tree():
    sections = browse.children(None)
    assert len(sections) == 21 and sections[0].level == "section"
    chapters = browse.children(sections[10].code)  # section XI: textiles
    assert any(n.code == "61" for n in chapters)
    headings = browse.children("61")
    assert any(n.code == "6109" and n.has_children for n in headings)
    subs = browse.children("6109")
    assert [n.code for n in subs] == ["610910", "610990"]
    assert browse.children("610910") == []


def test_fts_fallback_without_fts5_ranks_sensibly():
    from shipdesk.core.tariff.ranking import Engine

    eng = Engine(lookup.tariff_dir(), use_fts5=False)
    assert eng.db is None and eng.bm25 is not None
    hits = eng.fts("perfume eau de toilette", limit=5)
    assert "330300" in hits
    assert eng.fts("bicycle", limit=3)[0].startswith("8712")
    assert "851830" in eng.vocab_fts("bluetooth earbuds")


def test_import_is_cheap_and_data_version_loads_no_model():
    code = (
        "import sys; import shipdesk.core.tariff.lookup as a; v = a.data_version(); "
        "assert 'HS 2022' in v and 'vocabulary' in v, v; "
        "assert 'numpy' not in sys.modules, 'numpy imported'; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr


def test_foreign_term_that_is_an_english_word_does_not_rewrite_the_query():
    res = lookup.search("Scotch whisky")
    assert "whisky" in res.interpreted and "tape" not in res.interpreted
    assert res.suggestions[0].code == "220830"


def test_catalogue_grows_without_reembedding_everything(workspace):
    from shipdesk.core.services import classification

    def best(text: str) -> str:
        return classification.suggest(workspace, text, 1)[0].code

    classification.remember(workspace, "Handmade felt coasters", "560290")
    assert best("handmade felt coasters") == "560290"
    classification.remember(workspace, "Beeswax food wraps", "630790")
    assert best("beeswax food wraps") == "630790"
    assert best("handmade felt coasters") == "560290"


def test_a_code_typed_as_query_is_listed_first():
    assert codes("6109.10") == ["610910"]
    assert codes("610910") == ["610910"]
    assert codes("6109", 5) == ["610910", "610990"]
    assert codes("6109 10 00 12")[0] == "610910"
    assert codes("12345") != []  # not a code: searched as text
    assert lookup.suggest("!!!") == []


def test_two_word_glossary_phrase_and_foreign_jewellery():
    res = lookup.search("casque audio sans fil")
    assert res.interpreted == "earbuds wireless"
    assert res.suggestions[0].code == "851830"
    assert codes("Schmuck Silber Ohrringe", 1) == ["711311"]


def test_questions_follow_the_best_candidate_and_read_full_subheading_text():
    assert narrowing.questions(lookup.suggest("screwdriver", top=10)) == []
    painting = lookup.suggest("oil painting", top=10)
    age = next(q for q in narrowing.questions(painting) if q.id == "age")
    assert {a.id for a in age.answers} == {"recent", "old"}
    assert narrowing.narrow(painting, "age", "old")[0].code == "970121"
    pans = lookup.suggest("frying pan", top=10)
    assert "732393" in [s.code for s in narrowing.narrow(pans, "material_kitchen", "steel")]


@pytest.mark.parametrize(
    "disguised",
    ["роwer bank", "pоwеr bаnk", "power\u200b bank", "power\x00 bank", "power\u2060 bank"],
)
def test_hidden_and_look_alike_characters_are_read_before_the_lookup(disguised):
    res = lookup.search(disguised, top=3)
    assert res.interpreted == "power bank"
    assert [s.code for s in res.suggestions] == codes("power bank", 3)
    assert res.query == disguised  # what the user typed is kept


def test_a_soft_hyphen_inside_a_word_is_read_as_the_word_on_screen():
    assert codes("power\u00adbank", 3) == codes("powerbank", 3)


def test_genuine_russian_query_is_read_as_typed():
    # the reading folds accents (й -> и) as it always did; no letter is read as Latin
    assert lookup.search("Внешний аккумулятор", top=3).interpreted == "внешнии аккумулятор"
    assert lookup.search("сок яблочный", top=3).interpreted == "сок яблочныи"


def test_an_encoder_set_up_ahead_is_the_one_the_engine_uses():
    """The app sets up the sentence encoder before its window shows (its weights widened on
    the warm-up thread kept the window from the interpreter lock while keys were typed); the
    engine loaded later takes that encoder instead of setting up a second one."""
    code = (
        "import shipdesk.core.tariff.lookup as a, shipdesk.core.tariff.encoder as e; "
        "made = []; real = e.Encoder.__init__; "
        "e.Encoder.__init__ = lambda self, d: (made.append(self), real(self, d))[1]; "
        "a.load_encoder(); assert len(made) == 1, made; "
        "a.load_encoder(); assert len(made) == 1, 'set up twice'; "
        "assert a.engine().encoder is made[0] and len(made) == 1, made; "
        "assert a.search('cotton t-shirt').suggestions[0].code == '610910'; "
        "a.load_encoder(); assert len(made) == 1, 'set up again after the engine'; print('ok')"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
