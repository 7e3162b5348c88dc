"""Regulated goods found through the article a description names (``article_goods.toml``,
``screening/article_goods.py``): the tariff vocabulary's concept of the head article feeds the
rules in English, German, French and Spanish at once; the article reading's vetoes still apply.
Phrasings of their own, not rows of the evaluation sets."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.paths import resource
from shipdesk.core.screening.active_rules import shipped_ruleset
from shipdesk.core.screening.matching import make_context, screen
from shipdesk.core.screening.rule_loader import compile_folder, compile_local
from shipdesk.core.screening.ruleset import RuleSet

FLAGGED = ("prohibited", "restricted")


def _level(rs: RuleSet, text: str, dest: str) -> str:
    ctx = make_context(text, destination=dest, origin="GB" if dest != "GB" else "DE")
    hits = screen(rs, ctx, lang="en", applies_to="item")
    return hits[0].level if hits else "none"


def _with_and_without(text: str, dest: str) -> tuple[str, str]:
    """The level without the goods read from the article, and with them."""
    rs = shipped_ruleset()
    assert rs.article_goods is not None
    return _level(replace(rs, article_goods=None), text, dest), _level(rs, text, dest)


@pytest.mark.parametrize(
    ("text", "dest", "plain"),
    [
        # German compounds read by their German tail
        ("Grillstreichhölzer 50 Stück", "DK", "matches"),
        ("Walnusskerne 500 g", "CL", "walnuts"),
        ("Akazienhonig 500 g", "NZ", "honey"),
        # German, Spanish and French article words the rules' own lists do not hold
        ("Quadrocopter mit 4K Kamera", "DE", "drone"),
        ("Sprechfunkgerät 2er Set", "DE", "walkie talkie"),
        ("VR-Brille standalone 128GB", "DE", "vr headset"),
        ("Rasierapparat 3 Scherköpfe", "DE", "electric shaver"),
        ("Silberbarren 100 g", "SE", "silver bar"),
        ("Baraja de póker 54 cartas", "TR", "playing cards"),
        ("Soplete de cocina recargable", "DE", "butane torch"),
        # kinds sold with and without a battery: a battery word or a capacity says which
        ("Reifenfüller 2000mAh", "DE", "cordless tyre inflator"),
        ("Compresseur portable sans fil", "DE", "cordless tyre inflator"),
    ],
)
def test_goods_named_by_their_article_get_the_level_of_their_plain_naming(
    text: str, dest: str, plain: str
) -> None:
    before, after = _with_and_without(text, dest)
    _, level = _with_and_without(plain, dest)
    assert level != "none"
    assert after == level
    assert before != level  # the rules' own keywords did not find it: the article reading did


def test_a_concept_of_mixed_goods_is_read_as_what_they_all_are() -> None:
    # the vocabulary's lard holds goose and duck fat too: a meat product, not pork
    assert _with_and_without("Gänseschmalz im Glas", "QA") == ("none", "warning")


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        # a noun the vocabulary knows after the article heads the item
        ("Hair clipper oil 100 ml", "DE"),
        ("Laptop sleeve 15 inch", "DE"),
        # a colour, a scent, a name
        ("Robe couleur bordeaux", "SA"),
        ("Kerze Tabak und Leder Duft", "AU"),
        ("Ron Weasley figura coleccionable", "DE"),
        # an English word that is a German term only ("Liquid") and no compound ("beechams")
        ("Night Nurse liquid", "DE"),
        ("Beechams all in one", "GB"),
        # a kind sold with and without a battery, no battery word; a mains device
        ("Reifenfüller für Zigarettenanzünder", "DE"),
        ("Gonfleur électrique pour pneus", "DE"),
        ("Rasierapparat mit Netzkabel", "DE"),
    ],
)
def test_the_article_reading_adds_nothing_to_look_alikes(text: str, dest: str) -> None:
    before, after = _with_and_without(text, dest)
    assert after == before


def _copy_rules(tmp_path: Path) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(resource("rules"), folder)
    return folder


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('rules = ["DG-MATCHES"]', 'rules = ["NO-SUCH-RULE"]', "names no rule of the set"),
        ('battery = "usually"', 'battery = "sometimes"', "'battery' must be"),
        ('confidence = "confirmed"', 'confidence = "likely"', "'confidence' must be"),
        ('reads_as = "matches"', "reads_as = 3", "'reads_as' must be"),
    ],
)
def test_a_bad_entry_is_refused_naming_the_file_and_entry(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    folder = _copy_rules(tmp_path)
    path = folder / "article_goods.toml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        compile_folder(folder)
    assert "article_goods.toml: goods " in str(err.value)
    assert message in str(err.value)


def test_an_entry_without_source_or_date_is_refused(tmp_path: Path) -> None:
    folder = _copy_rules(tmp_path)
    path = folder / "article_goods.toml"
    text = path.read_text(encoding="utf-8")
    head, goods = text.split("[[goods]]", 1)
    path.write_text(head + "[[goods]]" + goods.replace("date = ", "when = ", 1), encoding="utf-8")
    with pytest.raises(DataError, match="'date' is required"):
        compile_folder(folder)
    path.write_text(head + "[[goods]]" + goods.replace("source = ", "origin = ", 1), "utf-8")
    with pytest.raises(DataError, match="'source' is required"):
        compile_folder(folder)


def test_local_rules_cannot_add_goods_read_from_the_article(tmp_path: Path) -> None:
    local = tmp_path / "local"
    local.mkdir()
    shutil.copy(resource("rules", "article_goods.toml"), local / "article_goods.toml")
    with pytest.raises(DataError, match="goods read from the article"):
        compile_local(local, shipped_ruleset())


def test_every_entry_is_dated_sourced_and_feeds_a_rule_of_the_shipped_set() -> None:
    rs = shipped_ruleset()
    assert rs.article_goods is not None
    entries = [g for gs in rs.article_goods.by_concept.values() for g in gs]
    assert len(entries) >= 80
    for g in entries:
        assert g.source and g.date and g.confidence in ("confirmed", "unconfirmed")
        assert set(g.rules) & set(rs.by_id), g.concept


def test_every_entry_names_a_concept_of_the_shipped_tariff_vocabulary() -> None:
    """A concept renamed or split in vocabulary.csv would silently stop feeding its rules."""
    from shipdesk.core.tariff.vocabulary import read_vocabulary

    terms, _ = read_vocabulary(resource("tariff", "vocabulary.csv"))
    concepts = {t.concept for t in terms}
    rs = shipped_ruleset()
    assert rs.article_goods is not None
    missing = sorted(set(rs.article_goods.by_concept) - concepts)
    assert not missing, f"article_goods.toml names concepts vocabulary.csv lacks: {missing}"
