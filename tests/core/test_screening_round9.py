"""Goods named by a word the vocabulary lacked (rules 2026.12.12): battery devices whose battery
the title does not name (electric corkscrews, breast pumps, nebulisers, cleansing brushes, nail
grinders, voice recorders, kids' cameras, helmets with turn signals, bike pumps), a speaker or
hand warmer "with power bank", hand vacuums, screwdrivers, eye massagers, handheld consoles, RC
helicopters, e-ink tablets, hotspots, GPS and training collars, cans (brake cleaner, cold spray,
zinc spray, start spray, air horns), flammables, gases and pyrotechnics by product word, plants
by trade form, medicines by generic or brand name, spirits by regional name, batons and stun
guns, live insects, in English, German, French and Spanish; and harmless goods that share those
words. Phrasings here are not those of the round-9 tuning set; each regulated one must get the
level its plain naming gets at the same destination, so the test holds the reading, not a
level typed by hand."""

from __future__ import annotations

import pytest

from tests.screening_case import assert_level_of_plain_naming, level_of_text

PLAIN = {
    "device": "Electric shaver with built-in rechargeable battery",
    "loose": "Power bank 10000mAh",
    "can": "Aerosol spray can 400ml",
    "flammable": "Paint thinner 1L",
    "gas": "Butane gas cartridge",
    "pyro": "Fireworks",
    "plant": "Live houseplant",
    "medicine": "Ibuprofen tablets",
    "spirit": "Whisky 40% 70cl",
    "baton": "Telescopic baton",
    "stun": "Stun gun",
    "live": "Live insects",
    "cheese": "Cheese",
}

REGULATED = [
    ("Automatic electric corkscrew gift set", "GB", "device"),
    ("Hands free breast pump single", "US", "device"),
    ("Mesh nebulizer handheld quiet", "CA", "device"),
    ("Face cleansing brush silicone sonic", "AU", "device"),
    ("Pet nail grinder 2 speed", "NZ", "device"),
    ("Dictaphone 32GB USB", "IE", "device"),
    ("Voice recorder with noise reduction", "SG", "device"),
    ("Kids camera 2 inch screen", "JP", "device"),
    ("Bike helmet with turn signals LED", "NL", "device"),
    ("Wireless grill thermometer with app", "SE", "device"),
    ("Bluetooth barcode scanner for inventory", "US", "device"),
    ("Gaming keyboard wireless 100 hours battery life", "DK", "device"),
    ("Electric bike pump mini 150 PSI", "GB", "device"),
    ("Elektrische Milchpumpe doppelt", "DE", "device"),
    ("Gesichtsreinigungsbürste wasserdicht", "AT", "device"),
    ("Diktiergerät mit Sprachaktivierung", "CH", "device"),
    ("Kinderkamera 1080P mit Spielen", "DE", "device"),
    ("Fahrradhelm Blinker USB", "AT", "device"),
    ("Elektrische Luftpumpe für Fahrrad", "DE", "device"),
    ("Tire-lait électrique double", "FR", "device"),
    ("Brosse nettoyante visage étanche", "BE", "device"),
    ("Traducteur vocal 2 voies", "FR", "device"),
    ("Robot lave-vitres aspirant", "CH", "device"),
    ("Gonfleur électrique vélo mini", "FR", "device"),
    ("Sacaleches eléctrico doble", "ES", "device"),
    ("Cepillo limpiador facial impermeable", "MX", "device"),
    ("Grabadora de voz 16GB", "CO", "device"),
    ("Traductor de voz portátil", "AR", "device"),
    ("Robot limpiacristales magnético", "ES", "device"),
    ("Inflador eléctrico mini para bicicleta y moto", "CL", "device"),
    ("JBL Charge 5 speaker with powerbank", "GB", "device"),
    ("Bluetooth Lautsprecher mit Powerbank-Funktion", "DE", "device"),
    ("Hand warmer with power bank 10000mAh", "CA", "device"),
    ("Smartphone with power bank", "DE", "loose"),
    ("Speaker and power bank bundle", "FR", "loose"),
    ("Bike chain spray 300ml", "GB", "can"),
    ("Silly string 3 pack", "US", "can"),
    ("Schneespray weiß 150 ml", "DE", "can"),
    ("Kettenspray Motorrad", "AT", "can"),
    ("Spray pour chaîne moto", "FR", "can"),
    ("Espray para cadena de moto", "ES", "can"),
    ("Stärkespray 400 ml", "DE", "can"),
    ("Pannenspray 300 ml", "CH", "can"),
    ("Almidón en spray 400ml", "MX", "can"),
    ("Lampenöl für Gartenfackeln", "DE", "flammable"),
    ("Aceton technisch 1 l", "AT", "flammable"),
    ("Acetona 1 litro", "ES", "flammable"),
    ("Tiki torch fuel 64 oz", "US", "flammable"),
    ("Brenngel für Tischkamin", "DE", "flammable"),
    ("Gel combustible para chimenea", "ES", "flammable"),
    ("Heliumflasche 50 Ballons", "DE", "gas"),
    ("Bouteille d'hélium 30 ballons", "FR", "gas"),
    ("Cake fountain 3 pack", "GB", "pyro"),
    ("Knallerbsen Großpackung", "DE", "pyro"),
    ("Pétards à mèche", "FR", "pyro"),
    ("Petardos de feria", "ES", "pyro"),
    ("Feu de Bengale vert", "BE", "pyro"),
    ("Lucky bamboo 3 stalks in water", "GB", "plant"),
    ("Bare root apple tree", "US", "plant"),
    ("Erdbeerpflanze Sorte Elsanta", "DE", "plant"),
    ("Loratadine 10mg tablets", "DE", "medicine"),
    ("Diclofenac gel 50g", "FR", "medicine"),
    ("Imodium akut 6 Kapseln", "DE", "medicine"),
    ("Voltaren Schmerzgel 100 g", "AT", "medicine"),
    ("Frenadol forte sobres", "ES", "medicine"),
    ("Kräuterlikör 0,5 l", "DE", "spirit"),
    ("Orujo blanco 70cl", "ES", "spirit"),
    ("Aguardiente Néctar 750 ml", "CO", "spirit"),
    ("Expandable tactical steel baton 21 inch", "GB", "baton"),
    ("Shocker électrique 5 millions volts", "FR", "stun"),
    ("Live ladybird larvae 100", "GB", "live"),
    ("Comté 24 mois affiné", "DE", "cheese"),
    ("Cordless water flosser travel", "GB", "device"),
    ("Handheld vacuum 8000Pa for car", "US", "device"),
    ("Handstaubsauger für Tierhaare", "DE", "device"),
    ("Tournevis électrique avec embouts", "FR", "device"),
    ("Eye massager with Bluetooth music", "AU", "device"),
    ("Masajeador de ojos con calor", "ES", "device"),
    ("Retro handheld console 5 inch", "CA", "device"),
    ("Helicóptero teledirigido para niños", "MX", "device"),
    ("E-ink tablet 10.3 inch with pen", "NL", "device"),
    ("Mobile hotspot 4G LTE unlocked", "SE", "device"),
    ("Collier GPS pour chien étanche", "BE", "device"),
    ("Remote dog training collar 800m", "IE", "device"),
    ("Portable bottle warmer rechargeable for travel", "NZ", "device"),
    ("Bremsenreiniger 500 ml", "DE", "can"),
    ("Brake cleaner 500ml", "GB", "can"),
    ("Nettoyant frein 600 ml", "FR", "can"),
    ("Limpiador de frenos 500ml", "ES", "can"),
    ("Kältespray Sport 300 ml", "AT", "can"),
    ("Bombe de froid pour sportifs", "FR", "can"),
    ("Freeze spray for electronics", "US", "can"),
    ("Zinkspray hell 400 ml", "DE", "can"),
    ("Engine start spray 300ml", "GB", "can"),
    ("Marine air horn 300ml", "AU", "can"),
    ("CO2 inflator head with 2 cartridges", "GB", "gas"),
]

HARMLESS = [
    ("Gunpowder tea loose leaf 500g", "KW"),
    ("Alkoholfreier Sekt 0,75 l", "SA"),
    ("Alkoholfreies Weizenbier 6er", "KW"),
    ("Tapón de champán de acero", "SA"),
    ("Bouchon de champagne doré", "KW"),
    ("Posavasos de corcho", "SA"),
    ("Râpe à fromage rotative", "DE"),
    ("Nitrile gloves acetone resistant", "DE"),
    ("Le Comte de Monte Cristo roman poche", "DE"),
    ("Smart pen refills 5 pack", "DE"),
    ("Electric wine opener charging base", "GB"),
    ("Voice recorder case", "GB"),
    ("Kids camera bag with strap", "GB"),
    ("Meat thermometer digital instant read", "GB"),
    ("USB barcode scanner wired", "GB"),
    ("Electric air pump for air mattress", "GB"),
    ("Blinker Angeln Set 10 Stück", "DE"),
    ("Handheld vacuum filter replacement", "GB"),
    ("RC helicopter blades spare set", "DE"),
    ("Dog training collar nylon", "GB"),
    ("Neck massager pillow shiatsu", "DE"),
    ("Brake cleaner brush", "GB"),
    ("Cold spray bottle empty", "DE"),
    ("Air horn bike electric", "GB"),
]


@pytest.mark.parametrize(("text", "dest", "kind"), REGULATED)
def test_regulated_goods_named_by_new_words_get_the_level_of_their_plain_naming(
    text: str, dest: str, kind: str
) -> None:
    assert_level_of_plain_naming(text, dest, PLAIN[kind])


@pytest.mark.parametrize(("text", "dest"), HARMLESS)
def test_harmless_goods_sharing_the_new_words_get_nothing(text: str, dest: str) -> None:
    assert level_of_text(text, dest) == "none"
