"""Perfumes and drinks named by brand and line only, and devices named by camera, doorbell,
massage-gun brand or controller line, are read as what they are (groups.toml phrase sets
``fragrance_lines``, ``spirit_brands``, ``drink_brands`` and ``battery_devices``; the Spanish,
German and French words of ``[synonyms]``); merchandise of the same brands and tools named like
guns stay harmless. Phrasings here are not those of the blind rounds; they test the vocabulary,
not a list of titles."""

from __future__ import annotations

import pytest

from tests.screening_case import level_of, level_of_text


@pytest.mark.parametrize(
    ("text", "dest", "channel", "expect"),
    [
        ("Coco Mademoiselle 100ml", "FR", "post", "prohibited"),
        ("Bleu de Chanel 150 ml", "GB", "post", "prohibited"),
        ("Acqua di Gio Profondo 75ml", "US", "post", "prohibited"),
        ("Black Opium 90 ml femme", "DE", "post", "prohibited"),
        ("Baccarat Rouge 540 70ml", "AE", "post", "prohibited"),
        ("Carolina Herrera Good Girl Blush 50ml", "MX", "courier", "restricted"),
        ("Glenfiddich 12 Year Old 70cl", "DE", "post", "prohibited"),
        ("Hennessy XO 70cl", "SG", "courier", "restricted"),
        ("Bombay Sapphire 1L", "FR", "post", "prohibited"),
        ("Captain Morgan Original Spiced Gold 1L", "AU", "post", "prohibited"),
        ("Don Julio Blanco 70cl", "JP", "post", "prohibited"),
        ("Jack Daniel's Tennessee Honey 70cl 35%", "GB", "post", "prohibited"),
        ("Jack Daniel's & Coca-Cola 330ml can", "DE", "post", "warning"),
        ("Baileys Salted Caramel 70cl", "KW", "post", "prohibited"),
        ("Veuve Clicquot Brut 75cl", "DE", "post", "warning"),
        ("Chianti Classico 2020 75cl", "SA", "post", "prohibited"),
        ("Aperol 70cl", "US", "post", "prohibited"),
    ],
)
def test_a_perfume_or_a_drink_is_read_through_its_brand_and_line(
    text: str, dest: str, channel: str, expect: str
) -> None:
    origin = "GB" if dest != "GB" else "DE"
    case = {"text": text, "dest": dest, "origin": origin, "channel": channel}
    assert level_of(case)[0] == expect, (text, level_of(case)[1])


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Jack Daniel's whiskey glass set of 2", "KW"),
        ("Hennessy bucket hat black", "SA"),
        ("Grey Goose cocktail shaker", "QA"),
        ("Moët & Chandon ice bucket", "KW"),
        ("Glenfiddich empty gift tin", "GB"),
        ("Miss Dior scented candle 85g", "FR"),
        ("Dior Sauvage travel case leather", "DE"),
        ("Merlot colour satin bedding set", "SA"),
        ("Weinglas 6er Set", "QA"),
        ("Copa de vino tinto de cristal", "KW"),
        ("Hennessy Hammock Expedition Zip", "US"),
        ("Yamazaki Home Tower bread box", "KW"),
        ("Shiraz Persian rug 200x300", "KW"),
        ("J'adore Paris necklace", "SA"),
        ("La petite robe noire coton", "FR"),
        ("Dior Sauvage deodorant stick 75g", "DE"),
        ("Gucci Flora silk scarf", "SA"),
        ("Rallador de queso de acero", "AR"),
        ("Tabla de quesos de bambú", "IL"),
        ("Joy-Con charging grip", "FR"),
    ],
)
def test_merchandise_of_the_same_brands_is_harmless(text: str, dest: str) -> None:
    assert level_of_text(text, dest) in ("none", "warning"), text


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Canon EOS R8 Gehäuse", "DE"),
        ("Nikon Z fc Body silber", "AT"),
        ("Sony ZV-E10 Vlog Kit schwarz", "FR"),
        ("Ring Stick Up Cam Battery", "GB"),
        ("Arlo Essential XL Spotlight 2K", "US"),
        ("Hypervolt 2 Pro", "AU"),
        ("Theragun Pro Plus", "CH"),
        ("DualSense Edge Wireless Controller", "JP"),
        ("Appareil photo numérique compact 48 MP", "BE"),
        ("Cámara digital compacta 4K", "ES"),
    ],
)
def test_a_camera_doorbell_or_massage_gun_line_carries_a_battery(text: str, dest: str) -> None:
    assert level_of_text(text, dest) == "restricted", text


@pytest.mark.parametrize(
    ("text", "dest", "expect"),
    [
        ("DJI Mini 3 Fly More Combo", "DE", "prohibited"),
        ("Powerstation 1000W LiFePO4 tragbar", "DE", "prohibited"),
        ("Cargador portátil 10000mAh USB-C", "ES", "prohibited"),
        ("Caja de cerillas largas", "MX", "prohibited"),
        ("Encendedores desechables 10 unidades", "CL", "prohibited"),
        ("Semillas de tomate cherry", "ES", "restricted"),
        ("Ibuprofeno 600 mg 40 comprimidos", "ES", "restricted"),
        ("Queso de cabra curado 500 g", "GB", "prohibited"),
        ("Grana Padano 1 kg", "IL", "prohibited"),
        ("Creatina monohidrato 300g", "KW", "restricted"),
        ("Whey Isolate 1kg Vanilla", "KW", "restricted"),
        ("Schaumfestiger Taft 150ml", "DE", "prohibited"),
        ("Espuma de afeitar Nivea 200ml", "ES", "prohibited"),
        ("Hubba Bubba Bubble Tape", "SG", "prohibited"),
    ],
)
def test_spare_batteries_and_goods_in_other_words(text: str, dest: str, expect: str) -> None:
    assert level_of_text(text, dest) == expect, text


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Pistolet à colle chaude 60W", "FR"),
        ("Pistola térmica 2000W", "ES"),
        ("Klebepistole mit 20 Sticks", "DE"),
        ("Hot Wheels Matchbox car 5 pack", "HK"),
        ("Flacon vaporisateur rechargeable 10 ml vide", "FR"),
        ("Nikon Z 24-70mm f/4 S lens", "DE"),
        ("Massage gun carrying case", "GB"),
        ("Camera bag for Canon EOS R8", "DE"),
    ],
)
def test_tools_named_like_guns_and_accessories_stay_harmless(text: str, dest: str) -> None:
    assert level_of_text(text, dest) in ("none", "warning"), text
