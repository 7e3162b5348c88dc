"""Devices named by brand product line or in German, French or Spanish carry their battery, and a
brand that holds a veto word ("Label") or a wine word in another language is read as the drink
(groups.toml: phrase set ``battery_devices``, ``[synonyms]``; the rules' alcohol vetoes).
Phrasings here are not those of the blind rounds; they test the vocabulary, not a list of titles."""

from __future__ import annotations

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.screening.rule_loader import compile_folder
from shipdesk.core.screening.screen import screen_item
from tests.screening_case import level_of_text, write_one_rule_folder


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Redmi Note 12 4G 128GB Ice Blue", "GB"),
        ("OnePlus Nord 4 5G 256GB Obsidian", "FR"),
        ("Galaxy S23 FE 128GB Cream", "US"),
        ("Pixel 7a 128GB Sea entsperrt", "DE"),
        ("Lenovo ThinkPad X1 Carbon Gen 11 i7 32GB", "CH"),
        ("ASUS Vivobook 15 X1504 i5 16GB", "ES"),
        ("Dell XPS 15 9530 OLED", "AU"),
        ("Fire HD 8 Kids Edition 32GB", "CA"),
        ("Kobo Libra 2 7 pouces noir", "BE"),
        ("tolino vision 6 eBook Reader", "AT"),
        ("Garmin Venu 3 Slate", "NL"),
        ("Insta360 X4 8K", "JP"),
        ("Steam Deck LCD 256GB", "US"),
        ("JBL Charge 5 Blue", "SE"),
        ("Sonos Roam 2 Olive", "GB"),
        ("Oral-B Vitality Pro Black", "IE"),
        ("Dyson V8 Absolute", "NZ"),
        ("Bluetooth Lautsprecher wasserdicht 20W", "DE"),
        ("Enceinte Bluetooth étanche 20W", "FR"),
        ("Altavoz Bluetooth resistente al agua", "ES"),
        ("Tablette tactile Android 10 pouces 64 Go", "FR"),
        ("Laufuhr mit GPS und Pulsmessung", "AT"),
        ("Teléfono inteligente 6,5 pulgadas 128GB", "MX"),
        ("PC portable 15,6 pouces 8 Go", "FR"),
    ],
)
def test_a_device_named_by_its_line_or_its_own_language_carries_a_battery(
    text: str, dest: str
) -> None:
    assert level_of_text(text, dest) == "restricted", text


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("ThinkPad X1 Carbon sleeve 14 inch", "GB"),
        ("Hülle für Redmi Note 12", "DE"),
        ("Coque pour Pixel 7a", "FR"),
        ("Funda para Galaxy S23 FE", "ES"),
        ("JBL Charge 5 carrying case", "US"),
        ("Dyson V8 filter replacement", "AU"),
        ("Galaxy notebook A5 dotted pages", "GB"),
        ("Tableta de chocolate negro 85 %", "ES"),
        ("Tablette de chocolat au lait 100 g", "BE"),
        ("Robe pour femme enceinte, coton", "FR"),
        ("Sac portable en cuir", "FR"),
        ("Lautsprecherkabel 2x1,5mm 10m", "DE"),
    ],
)
def test_the_same_names_on_an_accessory_or_another_good_are_harmless(text: str, dest: str) -> None:
    assert level_of_text(text, dest) in ("none", "warning"), text


@pytest.mark.parametrize(
    ("text", "dest", "expect"),
    [
        ("Johnnie Walker Gold Label Reserve Scotch whisky 70cl 40%", "DE", "prohibited"),
        ("Johnnie Walker Blue Label Blended Scotch Whisky 70cl", "FR", "prohibited"),
        ("Vino rosado Navarra 75cl 12,5%", "US", "prohibited"),
        ("Vino tinto Ribera del Duero 75cl 14%", "DE", "warning"),
        ("Schaumwein trocken 0,75l", "KW", "prohibited"),
    ],
)
def test_a_drink_is_read_through_its_brand_and_its_language(
    text: str, dest: str, expect: str
) -> None:
    assert level_of_text(text, dest) == expect, text


@pytest.mark.parametrize(
    "text",
    [
        "Personalised wine labels, pack of 24",
        "Whisky bottle labels, custom printed",
        "Etiquetas para botellas de vino x 20",
        "Label for gin bottles, kraft paper",
    ],
)
def test_labels_for_bottles_are_not_the_drink(text: str) -> None:
    assert level_of_text(text, "US") in ("none", "warning"), text


def test_keyword_sets_must_name_a_known_phrase_set(tmp_path) -> None:
    folder = tmp_path / "rules"
    things = '[phrase_sets]\nthings = ["thing"]\n'
    write_one_rule_folder(folder, groups=things, match='keyword_sets = ["things"]\nexclude = []\n')
    rs = compile_folder(folder)
    assert [f.rule for f in screen_item("A thing", destination="DE", ruleset=rs)] == ["X-1"]
    write_one_rule_folder(folder, groups=things, match='keyword_sets = ["nothing"]\nexclude = []\n')
    with pytest.raises(DataError, match="keyword_sets"):
        compile_folder(folder)
