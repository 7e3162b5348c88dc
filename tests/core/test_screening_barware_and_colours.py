"""Harmless goods that share a word with regulated ones, and regulated goods named by a word the
vocabulary lacked (rules 2026.12.11): barware and colour names beside alcohol, lighter cases,
pins and beanies beside poppies, vanilla pastes beside seeds, hemp seed oil in cosmetics; nail
enamel, CO2 cylinders, magnet balls, item finders, olive trees, ibuprofen by brand. Phrasings
here are not those of the blind rounds; they test the vocabulary, not a list of titles."""

from __future__ import annotations

import pytest

from tests.screening_case import level_of_text


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Wine red velvet scrunchie set", "KW"),
        ("Weinrot Strickmütze Damen", "SA"),
        ("Bonnet rouge vin en laine", "KW"),
        ("Sudadera rojo vino con capucha", "SA"),
        ("Décapsuleur mural en fonte", "SA"),
        ("Flaschenöffner aus Messing", "KW"),
        ("Kapselheber Schlüsselanhänger Edelstahl", "SA"),
        ("Abridor de botellas de madera", "KW"),
        ("Sektkühler Edelstahl mit Griffen", "SA"),
        ("Cubitera de acero inoxidable", "KW"),
        ("Seau à glace avec pince", "SA"),
        ("Champagne bucket hammered copper", "KW"),
        ("Feuerzeughülle Metall graviert", "DE"),
        ("Poppy lapel pin gold plated", "AE"),
        ("Remembrance poppy brooch with crystals", "AE"),
        ("Hemp seed oil face cream with Cannabis Sativa Seed Oil", "FR"),
        ("Vanilla bean paste 100g for baking", "GB"),
    ],
)
def test_harmless_goods_sharing_a_regulated_word_stay_clear(text: str, dest: str) -> None:
    assert level_of_text(text, dest) in ("none", "info")


@pytest.mark.parametrize(
    ("text", "dest", "level"),
    [
        ("Nail enamel quick dry 12ml", "FR", "prohibited"),
        ("CO2-Zylinder 60 l für Wassersprudler", "DE", "prohibited"),
        ("Magnetic balls 5mm 1000 pieces", "DE", "warning"),
        ("Magnetkugeln Set 216 Stück", "AT", "warning"),
        ("Bluetooth item finder for keys 4 pack", "NL", "restricted"),
        ("Key finder with app, replaceable battery", "SE", "restricted"),
        ("Olivo natural en maceta 1 m", "ES", "restricted"),
        ("Texas Holdem poker set 500 chips", "QA", "prohibited"),
        ("Poker size playing cards 2 decks", "TR", "prohibited"),
        ("Nurofen 400mg 12 tablets", "IE", "restricted"),
    ],
)
def test_regulated_goods_named_by_a_new_word(text: str, dest: str, level: str) -> None:
    assert level_of_text(text, dest) == level
