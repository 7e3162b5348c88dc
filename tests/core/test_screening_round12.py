"""Regulated goods the rules did not read (rules 2026.12.17): battery and coin-cell devices by
store department, dangerous goods, drinks, tobacco, plants, foods and medicines in everyday and
regional German, French and Spanish words, German compounds read by their last part, goods packed
beside an article, and an e-cigarette that is no tobacco product. Phrasings of their own, none
taken from an evaluation set; each is held to the level of its plain naming at the same
destination."""

from __future__ import annotations

from pathlib import Path

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.screening.active_rules import active_ruleset
from shipdesk.core.screening.phrases import normalise
from shipdesk.core.screening.rule_loader import compile_folder
from tests.screening_case import (
    assert_level_of_plain_naming,
    level_of_text,
    write_one_rule_folder,
)

BATTERY_DEVICE = "Electric shaver with built-in rechargeable battery"
COIN_CELL_DEVICE = "Bluetooth key finder tracker with CR2032 battery"


@pytest.mark.parametrize(
    ("text", "dest", "plain"),
    [
        # battery and coin-cell devices by kind, in four languages
        ("Rasenmähroboter mit App 800 m²", "DE", BATTERY_DEVICE),
        ("Robot tondeuse connecté", "FR", BATTERY_DEVICE),
        ("Robot cortacésped con GPS", "ES", BATTERY_DEVICE),
        ("Video baby monitor 2K pan tilt", "GB", BATTERY_DEVICE),
        ("Babyphone avec caméra vision nocturne", "FR", BATTERY_DEVICE),
        ("Monitor para bebé con cámara y audio", "MX", BATTERY_DEVICE),
        ("Fahrradradar mit Rücklicht", "AT", BATTERY_DEVICE),
        ("Radar para bicicleta trasero", "CL", BATTERY_DEVICE),
        ("Chauffe-mains rechargeable double face", "CA", BATTERY_DEVICE),
        ("Calentadores de manos eléctricos par", "AR", BATTERY_DEVICE),
        ("Gourde connectée rappel d'hydratation", "BE", BATTERY_DEVICE),
        ("Batidora portátil para batidos", "CO", BATTERY_DEVICE),
        ("Auriculares para dormir antifaz", "ES", BATTERY_DEVICE),
        ("Akku Salzmühle mit LED", "CH", BATTERY_DEVICE),
        ("Smart pet collar with activity tracking", "US", BATTERY_DEVICE),
        ("Accordeur clip pour ukulélé", "FR", COIN_CELL_DEVICE),
        ("Capteurs de pression des pneus Bluetooth", "BE", COIN_CELL_DEVICE),
        ("Sensores TPMS para moto", "MX", COIN_CELL_DEVICE),
        # dangerous goods in everyday words
        ("Pannenspray für Fahrräder", "DE", "Aerosol spray can 400ml"),
        ("Amidon en bombe pour repassage", "FR", "Aerosol spray can 400ml"),
        ("Lachgas Sahnekapseln 24 Stück", "AT", "Nitrous oxide cream chargers"),
        ("Bouteille de CO2 pour gazéificateur", "BE", "CO2 cartridges"),
        ("Fackelöl für Gartenfackeln 1 l", "DE", "Lighter fluid"),
        ("Brennpaste für Rechaud", "CH", "Lighter fluid"),
        ("Colle contact gel 125 ml", "FR", "Contact adhesive solvent-based"),
        ("Rohrreiniger Gel 1 l", "DE", "Drain cleaner sodium hydroxide"),
        ("Sosa cáustica en escamas 1 kg", "ES", "Drain cleaner sodium hydroxide"),
        ("Ácido sulfúrico para baterías", "MX", "Hydrochloric acid"),
        ("Pastilles de chlore multifonction", "FR", "Pool chlorine tablets"),
        ("Veneno para ratones en pasta", "CL", "Rat poison"),
        ("Slug killer pellets organic 1kg", "GB", "Weed killer"),
        ("Aimants néodyme très puissants", "FR", "Strong magnet"),
        ("Bengalas de emergencia para barco", "ES", "Signal flare"),
        ("Chinaböller 100 Stück", "AT", "Fireworks"),
        # an air gun named with 'aire comprimido' / 'air comprimé' is an air gun, not a
        # compressed-air spray or a firearm
        ("Escopeta de aire comprimido 5,5 mm", "GB", "Air rifle"),
        ("Carabine à air comprimé 4,5 mm", "DE", "Air rifle"),
        ("Pistolet à air comprimé CO2", "GB", "Air pistol"),
        ("Luftdruckpistole 4,5 mm", "DE", "Air pistol"),
        # drinks, tobacco, plants, foods and medicines
        ("Zwetschgenbrand 0,5 l", "AT", "Vodka 70cl 40%"),
        ("Himbeergeist 0,35 l", "DE", "Vodka 70cl 40%"),
        ("Jenever oude 1 l", "NL", "Vodka 70cl 40%"),
        ("Singani reserva 700 ml", "US", "Vodka 70cl 40%"),
        ("Geuze Oud 37,5 cl", "BE", "Beer"),
        ("Chelas artesanales 6 pack", "MX", "Beer"),
        ("Feinschnitttabak 100 g", "AU", "Rolling tobacco 50g"),
        ("Tabac à chicha menthe 50 g", "FR", "Shisha tobacco"),
        ("Sel de nicotine 20 mg framboise", "DE", "E-liquid 10ml 20mg nicotine"),
        ("Topfpflanzen Mix 3 Stück", "DE", "Live houseplant"),
        ("Plantas carnívoras en maceta", "ES", "Live houseplant"),
        ("Kirschen frisch 1 kg", "DE", "Fresh fruit"),
        ("Almendras con cáscara 1 kg", "CL", "Fresh fruit"),
        ("Charque de llama 100 g", "IT", "Beef jerky"),
        ("Antibabypille Packung 3x21", "DE", "Contraceptive pills"),
        ("Pastilla anticonceptiva de emergencia", "ES", "Contraceptive pills"),
    ],
)
def test_everyday_and_regional_words_get_the_level_of_their_plain_naming(
    text: str, dest: str, plain: str
) -> None:
    assert_level_of_plain_naming(text, dest, plain)


@pytest.mark.parametrize(
    ("word", "english"),
    [
        ("kirschschnaps", "schnapps"),
        ("walnusslikor", "liqueur"),
        ("kalbsleberwurst", "sausage"),
        ("raclettekase", "cheese"),
        ("rindfleisch", "beef"),  # a [synonyms] entry reads the whole word first
        ("schnupftabak", "snuff"),
        ("hackfleisch", "meat"),
        ("rauchbier", "beer"),
        ("dessertwein", "wine"),
        ("kiwipflanzen", "plants"),
        ("radieschensamen", "seeds"),
    ],
)
def test_a_german_compound_is_read_by_its_last_part(word: str, english: str) -> None:
    read = active_ruleset().expand(normalise(word))
    assert read.split(" . ")[1] == english


@pytest.mark.parametrize(
    ("word", "tail"),
    [
        ("sparschwein", "wine"),
        ("zahnfleisch", "meat"),
        ("seidenpflanze", "plant"),
        ("einpflanzen", "plants"),
        ("leinsamen", "seeds"),
    ],
)
def test_a_word_ending_in_an_exception_is_no_compound(word: str, tail: str) -> None:
    read = active_ruleset().expand(normalise(word))
    assert tail not in read.split()


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        # harmless compounds and look-alikes stay harmless
        ("Sparschwein Keramik rosa", "DE"),
        ("Zahnfleisch Pflegegel 20 ml", "DE"),
        ("Kunstpflanzen Set mit Topf", "AU"),
        ("Weintrauben Lichterkette Deko", "BG"),
        ("Termómetro digital sin mercurio", "US"),
        ("Liqueur douce à l'orange 355 ml", "CA"),
    ],
)
def test_harmless_words_of_the_new_vocabulary_are_not_flagged(text: str, dest: str) -> None:
    assert level_of_text(text, dest) not in ("prohibited", "restricted")


@pytest.mark.parametrize(
    ("text", "dest", "plain"),
    [
        ("Cigar travel case with 3 cigars", "GB", "Cigars"),
        ("Coffret sommelier avec tire-bouchon et vin rouge", "GB", "Red wine 75cl"),
        ("Estuche regalo con sacacorchos y botella de vino tinto", "GB", "Red wine 75cl"),
        ("Champagne with ice bucket gift set", "AE", "Red wine 75cl"),
        ("Bierset mit Flaschenöffner und 6 Flaschen Bier", "DE", "Beer"),
    ],
)
def test_a_good_packed_beside_its_article_stays_a_finding(text: str, dest: str, plain: str) -> None:
    assert_level_of_plain_naming(text, dest, plain)


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Cigar case with cigar cutter", "GB"),
        ("Wine glasses with wine stopper", "GB"),
        ("Whisky glass set with whisky stones", "DE"),
        ("Corkscrew with bottle opener", "FR"),
    ],
)
def test_an_article_packed_with_another_article_is_still_no_good(text: str, dest: str) -> None:
    assert level_of_text(text, dest) == "none"


def test_an_e_cigarette_is_no_tobacco_product_in_turkiye() -> None:
    """An e-cigarette kit holds no tobacco: its battery is DG-ECIG's (restricted), and the
    Turkish postal ban on tobacco (prohibited) stays for cigarettes and tobacco."""
    assert level_of_text("Elektronische Zigarette Set mit 2 Pods", "TR") == "restricted"
    assert level_of_text("Cigarrillo electrónico recargable", "TR") == "restricted"
    assert level_of_text("Zigaretten 10 Schachteln", "TR") == "prohibited"


def test_the_loader_checks_the_compound_tails(tmp_path: Path) -> None:
    folder = tmp_path / "r"
    write_one_rule_folder(folder, match='keywords = ["schnapps"]\nexclude = []\n')
    groups = folder / "groups.toml"
    head = 'schema = "restricted-rules/1"\ndataset_version = "1"\nfile_version = "1"\n'
    head += 'date = "2026-12-06"\ntitle = "g"\nsynonym_tail_exceptions = ["nichtschnaps"]\n'
    groups.write_text(head + '[groups]\n[synonym_tails]\n"schnaps" = "schnapps"\n', "utf-8")
    rs = compile_folder(folder)
    assert rs.expand("obstschnaps") == "obstschnaps . schnapps"
    assert rs.expand("nichtschnaps") == "nichtschnaps"
    groups.write_text(head + '[groups]\n[synonym_tails]\n"zwei worte" = "x"\n', "utf-8")
    with pytest.raises(DataError, match="synonym tail"):
        compile_folder(folder)
