"""The screening evaluation sets (tests/data/screening_eval/*.csv) against the shipped rules.

Both parts of each set are held to their expected highest level: ``dev`` cases were used while
writing the rules, ``holdout`` cases never were (``benchmarks/screening_eval.py`` reports the
two apart). Harmless items must get no prohibited or restricted finding. The blind rounds 5 to 7,
no longer blind once their fixes were made, blind rounds 8 to 12 once scored after their work,
and the round-8, round-9, round-10 (harmless look-alikes and battery phrasings) and the two round-11
(regulated goods not recognised; harmless look-alikes and regulated items of the same look) tuning
sets are held too, their misses left as expected failures.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pytest

from shipdesk.core.screening.screen import screen_item
from tests.screening_case import assert_case, level_of

EVAL_DIR = Path(__file__).resolve().parent.parent / "data" / "screening_eval"
SETS = ("batteries.csv", "hidden.csv")
# held-out cases the rules still get wrong: reported in docs/benchmarks.md, not tuned away
KNOWN_MISSES: set[tuple[str, str]] = set()
# The blind rounds 5 to 7 after their fixes and blind rounds 8 to 12 after their work (no longer
# blind):
# held to their levels so that later vocabulary does not lose what they found; the misses left,
# each with the reason it is left.
BLIND_ROUNDS = (
    "blind_round5.csv",
    "blind_round6.csv",
    "blind_round7.csv",
    "blind_round8.csv",
    "blind_round9.csv",
    "blind_round10.csv",
    "blind_round11.csv",
    "blind_round12.csv",
)
BLIND_MISSES = {
    ("blind_round5.csv", "Cigarette électronique kit Innokin Coolfire Z80"): (
        "questionable expectation: BE-ECIG-SALE applies to sales and the case states no category"
    ),
    ("blind_round8.csv", "Saatkarte Geburtstag mit Blumensamen zum Einpflanzen"): (
        "the plain seed rule does not stand down for a German seed card as it does for 'card'"
    ),
    # blind round 9, scored once after the round-9 vocabulary (rules 2026.12.13); not tuned on
    ("blind_round9.csv", "Amazon Fire HD 8 Kids Edition tablet 32GB blue kid-proof case"): (
        "the Kids Edition tablet sold in its case is not read as a battery device"
    ),
    # blind round 10, scored once after the round-10 vocabulary and reading (rules 2026.12.15);
    # not tuned on
    ("blind_round10.csv", "Live Christmas cactus Schlumbergera in 10cm pot"): (
        "KR-FRESH-PRODUCE does not read a live potted plant as a plant with soil attached"
    ),
    ("blind_round10.csv", "Coros Pace 3 GPS sport watch white nylon band"): (
        "a 'GPS sport watch' named by brand is not read as a battery device"
    ),
    ("blind_round10.csv", "Bordeaux rouge AOC 2020 carton de 6 bouteilles"): (
        "a wine named by its appellation (Bordeaux rouge) is not read as wine"
    ),
    ("blind_round10.csv", "Olivier en pot 1 m plante d'extérieur"): (
        "KR-FRESH-PRODUCE does not read French 'olivier en pot' as a plant with soil"
    ),
    (
        "blind_round10.csv",
        "Taladro percutor inalámbrico 20V con batería de litio 2Ah incluida y maletín",
    ): (
        "a Spanish drill 'con batería ... incluida' is read as installed, not as a battery beside"
        " it"
    ),
    ("blind_round10.csv", "Cámara instantánea Polaroid Now Gen 2 blanca"): (
        "a Spanish 'cámara instantánea' named by brand is not read as a battery device"
    ),
    ("blind_round10.csv", "Sustrato universal para plantas 50 litros"): (
        "Spanish 'sustrato' (potting substrate) is not read as soil"
    ),
    # blind round 11, scored once after the round-11 screening work (rules 2026.12.16); not tuned
    # on
    ("blind_round11.csv", "Kids digital camera instant print with paper rolls toddler gift"): (
        "the battery rules' shared merchandise veto 'print' stops the kids' instant-print camera"
    ),
    ("blind_round11.csv", "Casio G-Shock GBD-H2000 GPS heart rate watch"): (
        "a 'GPS heart rate watch' named by brand and model is not read as a battery device"
    ),
    ("blind_round11.csv", "Kids electric balance bike 24V 5Ah"): (
        "a kids' electric balance bike is not read as an e-bike; Wh is not computed from V and Ah"
    ),
    ("blind_round11.csv", "Airhorn for boats and sports 380ml can with trumpet"): (
        "'airhorn ... can' (one word) is not read as a pressurised air horn"
    ),
    ("blind_round11.csv", "Pimm's No. 1 cup 25% 70cl"): (
        "a fruit cup named by brand (Pimm's) is not read as a spirit above 24 %"
    ),
    ("blind_round11.csv", "Tulip and narcissus bulb collection 40 bulbs autumn"): (
        "CN-GACC-AG does not read 'bulb collection' or plain 'bulbs' as flower bulbs"
    ),
    ("blind_round11.csv", "Mousse volumising Tresemme 200ml can"): (
        "'mousse ... can' (hair mousse named by brand) is not read as an aerosol"
    ),
    ("blind_round11.csv", "Sally Hansen Miracle Gel nail polish 14.7ml 2 pack"): (
        "'Miracle Gel nail polish' (a line of ordinary polish) is read as gel polish (warning)"
    ),
    ("blind_round11.csv", "Bar juice 5000 salts 10ml 20mg blue razz 5 pack"): (
        "BE-ELIQUID does not read 'bar juice ... salts' as an e-liquid"
    ),
    ("blind_round11.csv", "Co-codamol 30/500 tablets 100"): (
        "'co-codamol' is not read as a codeine medicine (AE-CONTROLLED-MEDS), only as a medicine"
    ),
    ("blind_round11.csv", "Insulin cooling case for travel pens"): (
        "'cooling case for travel pens' is not read as an accessory of insulin (EU-MEDICINES)"
    ),
    ("blind_round11.csv", "Magnetic fishing game wooden toddler"): (
        "a toddler's 'magnetic fishing game' is read as a fishing magnet (DG-MAGNET)"
    ),
    ("blind_round11.csv", "Chorizo-red enamel casserole dish 24cm"): (
        "a colour named after a food ('chorizo-red') is read as chorizo (MX-PORK)"
    ),
    ("blind_round11.csv", "Beer-battered onion rings frozen"): (
        "'beer-battered' (a cooking style) is read as beer (GEN-ALCOHOL)"
    ),
    ("blind_round11.csv", "Fire starter flint steel rod survival"): (
        "'flint steel rod' (a firesteel) is read as a steel rod weapon (DE-WAFFG-PROHIBITED)"
    ),
    ("blind_round11.csv", "Milchaufschäumer elektrisch Akku mit Ladestation"): (
        "German 'Milchaufschäumer ... Akku' (milk frother) is not read as a battery device"
    ),
    ("blind_round11.csv", "Elektroschocker Taschenlampe 2in1"): (
        "a German stun-gun torch is read only as a weapon, not as a device with its battery"
    ),
    ("blind_round11.csv", "Röstkaffee gemahlen 500g"): (
        "PH-COFFEE-POST does not read German 'Röstkaffee' (roast coffee)"
    ),
    ("blind_round11.csv", "Kakteen Set 5 Stück im Topf echt"): (
        "KR-FRESH-PRODUCE does not read German 'Kakteen ... im Topf' as a plant with soil"
    ),
    ("blind_round11.csv", "Tilidin Tropfen 50ml"): (
        "German 'Tilidin' (tilidine, an opioid) is not read as a controlled medicine"
    ),
    ("blind_round11.csv", "Tabakerhitzer Sticks 10 Päckchen"): (
        "German 'Tabakerhitzer Sticks' (heated tobacco sticks) are not read by US-TOBACCO-ENDS-MAIL"
    ),
    ("blind_round11.csv", "Butterflymesser Trainer stumpf Übungsmesser"): (
        "a blunt German butterfly-knife trainer ('Trainer stumpf') is read as a butterfly knife"
    ),
    ("blind_round11.csv", "Zigarettenhose Damen schwarz Stretch"): (
        "German 'Zigarettenhose' (a cut of trousers) is read as cigarettes (GEN-TOBACCO)"
    ),
    ("blind_round11.csv", "Spielzeug Walkie Talkie Pappe Bastelset ohne Funk"): (
        "a cardboard toy walkie-talkie craft set is read as a radio with a battery"
    ),
    ("blind_round11.csv", "Knete Spielset Pizzabäcker mit Salami-Formen"): (
        "play-dough 'Salami-Formen' (salami moulds) are read as salami (QA-PORK)"
    ),
    ("blind_round11.csv", "Weingummi Fruchtgummi 1kg Tüte"): (
        "German 'Weingummi' (wine gums) is read as wine (GEN-ALCOHOL)"
    ),
    ("blind_round11.csv", "Kamerariemen Leder Vintage für Fujifilm X100VI"): (
        "German 'Kamerariemen ... für' (camera strap for) is read as the camera"
    ),
    ("blind_round11.csv", "Bonsaï ficus ginseng 10 ans en pot"): (
        "KR-FRESH-PRODUCE does not read French 'bonsaï ... en pot' as a plant with soil"
    ),
    ("blind_round11.csv", "Réplique fusil airsoft électrique AK47 avec batterie et chargeur"): (
        "French 'avec batterie et chargeur' is read as installed, not as a battery beside the rifle"
    ),
    ("blind_round11.csv", "Pistolet jouet réaliste en métal"): (
        "CN-IMITATION-ARMS does not read French 'pistolet jouet' (toy pistol)"
    ),
    ("blind_round11.csv", "Beurre de karité pur 100g bio"): (
        "French 'beurre de karité' (shea butter) is read as butter (AR-DAIRY-POST)"
    ),
    ("blind_round11.csv", "Drone en peluche doudou"): (
        "a French plush drone ('en peluche') is read as a drone with a battery"
    ),
    ("blind_round11.csv", "Porte-allumettes en laiton pour cheminée vide"): (
        "an empty French match holder ('porte-allumettes') is read as matches"
    ),
    ("blind_round11.csv", "Biscuits au beurre bretons 400g"): (
        "French butter biscuits ('biscuits au beurre') are read as butter (IL-DAIRY-POST)"
    ),
    ("blind_round11.csv", "Filtre lavable de rechange pour robot aspirateur Roborock"): (
        "a French spare filter 'pour robot aspirateur' is read as the robot vacuum"
    ),
    ("blind_round11.csv", "Feu d'artifice en peluche décoration nouvel an"): (
        "a French plush firework ('en peluche') is read as fireworks"
    ),
    ("blind_round11.csv", "Pâte à tartiner cacao noisettes 750g"): (
        "French 'pâte à tartiner' (a spread) is read as pâté (GEN-MEAT-DAIRY)"
    ),
    ("blind_round11.csv", "Cámara instantánea Kodak Mini Shot 3 Retro amarilla"): (
        "a Spanish 'cámara instantánea' named by brand is not read as a battery device"
    ),
    ("blind_round11.csv", "Agua de perfume hombre amaderada 100ml estuche regalo"): (
        "Spanish 'agua de perfume' (eau de parfum) is not read as perfume"
    ),
    ("blind_round11.csv", "Cuchillo balisong entrenamiento sin filo"): (
        "a blunt Spanish balisong trainer ('entrenamiento sin filo') is read as a butterfly knife"
    ),
    ("blind_round11.csv", "Pantalón pitillo cigarette mujer negro"): (
        "Spanish 'pantalón ... cigarette' (a cut of trousers) is read as cigarettes (TR-TOBACCO)"
    ),
    ("blind_round11.csv", "Caramelos de cigarrillo de chocolate"): (
        "BH-CANDY-CIGARETTES does not read Spanish 'caramelos de cigarrillo' (candy cigarettes)"
    ),
    ("blind_round11.csv", "Filtros de recambio para robot aspirador Conga 4 unidades"): (
        "Spanish spare filters 'para robot aspirador' are read as the robot vacuum"
    ),
    # blind round 12, scored once after the round-12 work (rules 2026.12.18); not tuned on
    ("blind_round12.csv", "Beer can chicken roaster stand"): (
        "a kitchen article named after a drink ('beer can ... stand') is read as the drink"
    ),
    ("blind_round12.csv", "Fresh lychees 1kg"): (
        "fresh fruit named by kind is not read as fresh produce (KR-FRESH-PRODUCE)"
    ),
    ("blind_round12.csv", "Walking stick with hidden sword blade"): (
        "a swordstick described in words is not read as an offensive weapon"
    ),
    ("blind_round12.csv", "Romeo y Julieta cigar sampler with cutter and travel humidor"): (
        "cigars sold as a sampler with a cutter and a travel humidor are not read as tobacco"
    ),
    ("blind_round12.csv", "NP-F970 camcorder battery 7800mAh with charger"): (
        "a camcorder battery named by model 'with charger' is not read as a battery on its own"
    ),
    ("blind_round12.csv", "Paraffin heater fuel 4L"): (
        "heater fuel named 'paraffin' is not read as a flammable liquid"
    ),
    ("blind_round12.csv", "Fenix E35R 3100 lumen EDC torch USB-C"): (
        "a torch named by brand and model is not read as a battery device"
    ),
    ("blind_round12.csv", "Mead honey wine 14% 75cl"): (
        "questionable expectation: a honey wine is read as honey (CL-SAG-FOOD) as well as alcohol"
    ),
    ("blind_round12.csv", "Butter churn antique look decorative"): (
        "a decorative object named after a food ('butter churn') is read as the food"
    ),
    ("blind_round12.csv", "Soju 16.9% 360ml x 6"): (
        "a drink named only by its kind (soju) is read as alcohol but not by the Gulf alcohol ban"
    ),
    ("blind_round12.csv", "Apple Magic Keyboard with Touch ID UK layout"): (
        "a keyboard named by brand and model is not read as a battery device"
    ),
    ("blind_round12.csv", "JBL PartyBox Encore Essential 2"): (
        "a party speaker named by brand and model without 'speaker' is not read as a battery device"
    ),
    ("blind_round12.csv", "Boost Oxygen canned oxygen 10L"): (
        "canned oxygen is not read as a gas cylinder"
    ),
    ("blind_round12.csv", "Bombay Sapphire gin 70cl with copa glass gift set"): (
        "spirits named by brand in a gift set with a glass are not read as alcohol"
    ),
    ("blind_round12.csv", "Kids sonic toothbrush USB charging dinosaur timer"): (
        "a kids' sonic toothbrush with 'USB charging' is not read as a battery device"
    ),
    ("blind_round12.csv", "Spray paint respirator mask with filters"): (
        "a mask 'for' spray painting is read as the spray paint"
    ),
    ("blind_round12.csv", "Nothing Headphone (1) over ear grey"): (
        "headphones named by brand and model ('Headphone (1)') are not read as a battery device"
    ),
    ("blind_round12.csv", "DJI Osmo Action extreme battery plus 2 pack"): (
        "an action-cam battery pack named by model is read as the camera, not as loose batteries"
    ),
    ("blind_round12.csv", "Car key fob battery CR2032 replacement x2"): (
        "coin cells sold as a 'key fob battery' are read as a device holding a coin cell"
    ),
    ("blind_round12.csv", "Bed bug fogger total release 3 pack"): (
        "an insect fogger ('total release') is not read as an aerosol can"
    ),
    ("blind_round12.csv", "Heineken 0.0 12 pack"): (
        "a 0.0 % beer named by brand is read as beer: '0.0' is not read as alcohol-free"
    ),
    ("blind_round12.csv", "Brandy snap baskets 12"): (
        "a biscuit named after a spirit ('brandy snap') is read as the spirit"
    ),
    ("blind_round12.csv", "Pretend play chainsaw with sound 2 AA batteries"): (
        "a toy chainsaw is read as fuel equipment (warning)"
    ),
    ("blind_round12.csv", "Chafing dish fuel cans 6 pack 2 hour"): (
        "chafing-dish fuel is not read as a flammable fuel"
    ),
    ("blind_round12.csv", "Nordmann fir Christmas tree 6ft real cut"): (
        "a cut Christmas tree named by species is not read as a plant"
    ),
    ("blind_round12.csv", "Toy fire extinguisher with water spray"): (
        "a toy fire extinguisher is read as a gas cylinder"
    ),
    ("blind_round12.csv", "Scotchgard fabric water shield 10oz can"): (
        "a protector spray named by brand with 'can' is not read as an aerosol"
    ),
    ("blind_round12.csv", "RC rock crawler 1:10 with two rechargeable batteries"): (
        "an RC crawler 'with two rechargeable batteries' is not read as batteries beside a device"
    ),
    ("blind_round12.csv", "Milwaukee M18 HB12 12.0Ah High Output battery"): (
        "a tool battery named by model and Ah ('M18 ... 12.0Ah') is not read as a battery"
    ),
    ("blind_round12.csv", "Wired earbuds with mic USB-C"): (
        "'wired' earbuds are read as a battery device ('wired' is not read as not wireless)"
    ),
    ("blind_round12.csv", "Terrarium moss live 1 box"): "live moss is not read as a plant",
    ("blind_round12.csv", "Wine Folly magnum edition"): ("a book named after wine is read as wine"),
    ("blind_round12.csv", "Pico 4 Ultra mixed reality headset 256GB"): (
        "a VR headset named by brand and model is not read as a battery device"
    ),
    ("blind_round12.csv", "Uranium ore specimen in display box"): (
        "a mineral specimen of uranium ore is not read as radioactive material"
    ),
    ("blind_round12.csv", "Metabo PowerMaxx BS 12 with two 2.0Ah packs in MetaBOX"): (
        "a drill 'with two 2.0Ah packs' is not read as a device with batteries beside it"
    ),
    ("blind_round12.csv", "Ozempic pen 1mg semaglutide"): (
        "a medicine pen named by brand and substance (semaglutide) is not read as a medicine"
    ),
    ("blind_round12.csv", "Analogue Pocket black"): (
        "a handheld console named by brand only is not read as a battery device"
    ),
    ("blind_round12.csv", "Philips Hue Go portable table lamp"): (
        "a 'portable' lamp named by brand is not read as carrying a battery"
    ),
    ("blind_round12.csv", "Mounjaro KwikPen 5mg"): (
        "a medicine pen named by brand is not read as a medicine"
    ),
    ("blind_round12.csv", "Philips Rasierer Series 7000 Nass- und Trockenrasur"): (
        "German 'Rasierer' (shaver) named by brand is not read as a battery device"
    ),
    ("blind_round12.csv", "Brennenstuhl Akku-LED-Baustrahler 20W"): (
        "German 'Akku-' light compounds ('Akku-LED-Baustrahler') are not read as battery devices"
    ),
    ("blind_round12.csv", "Saatband Möhren 5m"): (
        "German 'Saatband' (seed tape) is not read as seeds"
    ),
    ("blind_round12.csv", "Kärcher Akku-Druckreiniger OC 3 mobil"): (
        "German 'Akku-' appliance compounds ('Akku-Druckreiniger') are not read as battery devices"
    ),
    ("blind_round12.csv", "Akkuschrauber Bitset 32-teilig"): (
        "a bit set for a cordless screwdriver ('Akkuschrauber Bitset') is read as the screwdriver"
    ),
    ("blind_round12.csv", "Codeinsaft Hustenstiller 100ml"): (
        "German compounds with 'Codein' ('Codeinsaft') are not read as controlled medicines"
    ),
    ("blind_round12.csv", "Nitecore NU25 UL Stirnlampe 400 Lumen ultraleicht"): (
        "a German 'Stirnlampe' (headlamp) named by brand is not read as a battery device"
    ),
    ("blind_round12.csv", "Skatkarten französisches Bild 2 Decks"): (
        "German 'Skatkarten' (playing cards) are not read by TR-PLAYING-CARDS"
    ),
    ("blind_round12.csv", "Ryze Tello Minidrohne mit Kamera"): (
        "German compounds of 'Drohne' ('Minidrohne') are not read as drones"
    ),
    ("blind_round12.csv", "Schweineschmalz 250g"): (
        "German 'Schweineschmalz' (lard) is not read as pork"
    ),
    ("blind_round12.csv", "Stopftabak 200g Dose"): (
        "German 'Stopftabak' (filling tobacco) is read as tobacco but not by US-TOBACCO-ENDS-MAIL"
    ),
    ("blind_round12.csv", "Silbermünze 1 oz Maple Leaf"): (
        "German 'Silbermünze' (silver coin) is not read as valuables"
    ),
    ("blind_round12.csv", "Kaminstreichhölzer lang 100 Stück"): (
        "German compounds of 'Streichhölzer' ('Kaminstreichhölzer') are not read as matches"
    ),
    ("blind_round12.csv", "Rosen wurzelnackt 3 Stück"): (
        "German 'Rosen wurzelnackt' (bare-root roses) is not read as plants"
    ),
    ("blind_round12.csv", "Storz & Bickel Crafty+ Vaporizer"): (
        "a herb vaporizer named by brand is not read as a vaping device with a battery"
    ),
    ("blind_round12.csv", "Deko-Schwert Mittelalter mit Scheide"): (
        "German 'Schwert' compounds ('Deko-Schwert') are not read by SG-TOY-GUNS"
    ),
    ("blind_round12.csv", "Aufsteckbürsten kompatibel mit Philips Sonicare 8 Stück"): (
        "replacement heads 'kompatibel mit' a device are read as the device"
    ),
    ("blind_round12.csv", "Gebrauchte Kleidung Sack 10kg"): (
        "German 'gebrauchte Kleidung' (used clothing) is not read by CO-USED-CLOTHING"
    ),
    ("blind_round12.csv", "Perceuse visseuse Bosch EasyDrill 12"): (
        "a French 'perceuse visseuse' named by brand is not read as a battery device"
    ),
    ("blind_round12.csv", "Le Parfum de Patrick Süskind poche"): (
        "a French novel named 'Le Parfum' is read as perfume"
    ),
    ("blind_round12.csv", "Film de protection pour liseuse Kindle"): (
        "a French screen film 'pour' an e-reader is read as the e-reader"
    ),
    ("blind_round12.csv", "Pierres à briquet lot de 10"): (
        "French 'pierres à briquet' (lighter flints) are read as lighters"
    ),
    ("blind_round12.csv", "Gonfleur sans fil portable pour pneus de vélo"): (
        "a French 'gonfleur sans fil' (cordless inflator) is not read as a battery device"
    ),
    ("blind_round12.csv", "Machine à sous de bar"): (
        "French 'machine à sous' (slot machine) is not read by AE-GAMBLING"
    ),
    ("blind_round12.csv", "Pistolet à mastic professionnel pour cartouches de silicone"): (
        "a French caulking gun ('pistolet à mastic') is read as a firearm"
    ),
    ("blind_round12.csv", "Manteau en fourrure de vison"): (
        "French 'fourrure' (fur) is not read by ZA-FURS-POST"
    ),
    ("blind_round12.csv", "Accu de rechange pour appareil photo Nikon EN-EL15c"): (
        "French 'accu de rechange' (spare battery) is not read as a battery on its own"
    ),
    ("blind_round12.csv", "Crème de cassis 15% 70cl"): (
        "a French liqueur named 'crème de' is not read as alcohol"
    ),
    ("blind_round12.csv", "Sac en peau de phoque"): (
        "French 'peau de phoque' (seal skin) is not read by DOGCAT-SEAL-FUR"
    ),
    ("blind_round12.csv", "Cigarillos Café Crème boîte de 10"): (
        "French cigarillos named by brand ('Café Crème') are not read as tobacco"
    ),
    ("blind_round12.csv", "Dague de chasse double tranchant"): (
        "French 'dague' (dagger) is not read by CY-PROHIBITED-KNIVES"
    ),
    ("blind_round12.csv", "Pistolet de gonflage pour compresseur avec manomètre"): (
        "a French tyre-inflating gun ('pistolet de gonflage') is read as a firearm"
    ),
    ("blind_round12.csv", "Adaptateur allume-cigare double USB"): (
        "a French car-socket adapter ('allume-cigare') is read as tobacco (warning)"
    ),
    ("blind_round12.csv", "Bande dessinée Le Grand Vin tome 1"): (
        "a French comic named after wine is read as wine"
    ),
    ("blind_round12.csv", "Ammoniaque 1L"): (
        "French 'ammoniaque' (ammonia solution) is not read as corrosive"
    ),
    ("blind_round12.csv", "Noix de Grenoble 1kg"): (
        "French 'noix' (walnuts) named by origin is not read by CL-SAG-FOOD"
    ),
    ("blind_round12.csv", "Après-rasage lotion 100ml"): (
        "French 'après-rasage' (aftershave) is not read as perfume"
    ),
    ("blind_round12.csv", "Sabre japonais décoratif avec fourreau"): (
        "French 'sabre' (sword) is not read by JP-SWORDS-KNIVES"
    ),
    ("blind_round12.csv", "Plant de figuier en pot 60cm"): (
        "KR-FRESH-PRODUCE does not read a French potted plant ('en pot') as a plant with soil"
    ),
    ("blind_round12.csv", "Nikon Z50 II kit avec batterie supplémentaire"): (
        "French 'batterie supplémentaire' (extra battery) is read as installed, not beside"
    ),
    ("blind_round12.csv", "Sticks de tabac chauffé menthol"): (
        "French 'tabac chauffé' (heated tobacco) is not read by SG-IMITATION-TOBACCO"
    ),
    ("blind_round12.csv", "Treillis militaire camouflage"): (
        "French 'treillis militaire' (military fatigues) is not read by OM-MILITARY-CLOTHING"
    ),
    ("blind_round12.csv", "Bulbos de azafrán para plantar"): (
        "Spanish 'bulbos' (bulbs) 'para plantar' are not read as plants"
    ),
    ("blind_round12.csv", "Mini impresora térmica portátil para fotos"): (
        "a Spanish 'impresora ... portátil' (portable printer) is not read as a battery device"
    ),
    ("blind_round12.csv", "Limpiafondos de piscina robot inalámbrico"): (
        "a Spanish cordless pool robot ('limpiafondos') is not read as a battery device"
    ),
    ("blind_round12.csv", "Petróleo para lámparas de aceite 1L"): (
        "Spanish 'petróleo para lámparas' (lamp kerosene) is not read as a flammable liquid"
    ),
    ("blind_round12.csv", "Espada toledana decorativa"): (
        "Spanish 'espada' (sword) is not read by SG-TOY-GUNS"
    ),
    ("blind_round12.csv", "Cámara de fotos compacta Sony DSC-W830"): (
        "a Spanish 'cámara de fotos compacta' named by brand is not read as a battery device"
    ),
    ("blind_round12.csv", "Soplete de cocina con gas incluido"): (
        "a Spanish kitchen torch 'con gas incluido' is not read as holding gas"
    ),
    ("blind_round12.csv", "Bolas magnéticas 5mm 216 piezas"): (
        "Spanish 'bolas magnéticas' (magnet balls) are not read as strong magnets"
    ),
    ("blind_round12.csv", "Naipes españoles Fournier"): (
        "Spanish 'naipes' (playing cards) are not read by TR-PLAYING-CARDS"
    ),
    ("blind_round12.csv", "Cargas de CO2 para sifón 10 unidades"): (
        "Spanish 'cargas de CO2' (CO2 chargers) for a siphon are not read as gas"
    ),
    ("blind_round12.csv", "Zumo de naranja 100% puro 1L"): (
        "Spanish 'puro' (pure) is read as a cigar (tobacco warning)"
    ),
    ("blind_round12.csv", "Abrigo de piel de zorro"): (
        "Spanish 'piel de zorro' (fox fur) is not read by ZA-FURS-POST"
    ),
    ("blind_round12.csv", "Agua oxigenada 30 volúmenes 1L"): (
        "Spanish 'agua oxigenada 30 volúmenes' (9 % hydrogen peroxide) is not read as an oxidiser"
    ),
    ("blind_round12.csv", "Sierra de cadena a batería 20V para podar"): (
        "a Spanish tool 'a batería' (battery-powered) is read as a loose battery, not installed"
    ),
    ("blind_round12.csv", "Puritos con boquilla 20 unidades"): (
        "Spanish 'puritos' (cigarillos) are not read as tobacco"
    ),
}
# The round-8 tuning set (written before the round-8 vocabulary, then tuned on): held to its
# levels, its misses left, each with the reason it is left.
DEV_ROUND8 = "dev_round8.csv"
DEV8_MISSES = {
    "Heated vest USB electric heating jacket": (
        "a USB heated vest is often sold without its power bank: 'heated vest' needs a battery word"
    ),
    "Heated socks rechargeable for skiing": (
        "the battery rules' shared veto 'socks' (brand merchandise) also stops heated socks"
    ),
    "Electric toothbrush sonic 5 modes 2 brush heads": (
        "the included brush heads, named without 'with', read as the accessory the item is"
    ),
}


def _cases(names: Iterable[str]) -> list[dict[str, str]]:
    """The rows of the case files ``names``, each with its file's name."""
    rows: list[dict[str, str]] = []
    for name in names:
        with (EVAL_DIR / name).open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(line for line in fh if not line.startswith("#"))
            rows += [{**row, "file": name} for row in reader]
    return rows


CASES = _cases(SETS)
BLIND_CASES = _cases(BLIND_ROUNDS)
DEV8_CASES = _cases([DEV_ROUND8])
# The round-9 tuning set (written before the round-9 vocabulary, then tuned on): held to its
# levels, its misses left, each with the reason it is left.
DEV_ROUND9 = "dev_round9.csv"
DEV9_MISSES = {
    "Electric lint remover fabric shaver for sweaters": (
        "many lint removers run on AA cells: 'lint remover' needs a battery word"
    ),
    "Electric nail drill portable 35000 RPM": (
        "many nail drills are corded: 'nail drill' needs a battery word ('portable' is not one)"
    ),
    "Kids instant print camera 1080P": (
        "the battery rules' shared merchandise veto 'print' (posters, prints) stops the camera"
    ),
    "Roll-on perfume oil in alcohol 10ml": (
        "a perfume oil is read as an oil, not perfume; 'in alcohol' gives only the alcohol warning"
    ),
    "Protector solar en spray SPF 50": (
        "a sunscreen spray is often a pump: 'spray' alone is not read as a pressurised can"
    ),
}
DEV9_CASES = _cases([DEV_ROUND9])
# The round-10 tuning set (written before the round-10 vocabulary, then tuned on): held to its
# levels, its misses left, each with the reason it is left.
DEV_ROUND10 = "dev_round10.csv"
DEV10_MISSES = {
    "Ember Mug 2 temperature control smart mug 295 ml": (
        "the battery rules' shared merchandise veto 'mug' stops the heated mug"
    ),
    "Rechargeable book light clip-on amber": (
        "'clip' reads as an accessory noun, so the clip-on light is taken for an accessory"
    ),
    "Pistol crossbow 80lbs with bolts": (
        "'pistol' fires GEN-FIREARMS; a pistol crossbow is no firearm (a crossbow is a warning)"
    ),
    "Self tanning mousse 200ml": (
        "a tanning mousse is often a pump foam: 'mousse' alone is not read as a pressurised can"
    ),
    "Bräunungsspray 200 ml": (
        "a tanning spray is often a pump mist: 'spray' alone is not read as a pressurised can"
    ),
    "Holzlasur lösemittelhaltig 750 ml": (
        "a solvent-based wood stain is not read as a flammable liquid"
    ),
    "Cordless electric kettle 1.7L stainless steel": (
        "'cordless' alone is read as a battery device; a kettle's base holds the cord"
    ),
    "Wasserkocher kabellos 1,7 l": (
        "'kabellos' (cordless) alone is read as a battery device; a kettle's base holds the cord"
    ),
    "Plantas de acuario naturales": (
        "BR-MAPA-AG names aquarium plants (restricted) while a plain live plant to BR is a warning"
    ),
}
DEV10_CASES = _cases([DEV_ROUND10])


def test_battery_set_has_sixty_phrasings_in_four_languages() -> None:
    battery = [c for c in CASES if c["file"] == "batteries.csv"]
    assert len(battery) >= 60
    assert {c["dest"] for c in battery} >= {"DE", "FR", "ES", "GB", "US"}
    assert {c["set"] for c in battery} == {"dev", "holdout"}


def test_known_misses_are_still_misses() -> None:
    """A known miss that the rules now get right must leave the list (and the docs)."""
    for case in CASES:
        if (case["file"], case["text"]) not in KNOWN_MISSES:
            continue
        assert level_of(case)[0] != case["expect"], case["text"]


@pytest.mark.parametrize(
    "case", CASES, ids=[f"{c['set']}-{c['dest']}-{c['text'][:40]}" for c in CASES]
)
def test_case(case: dict[str, str]) -> None:
    if (case["file"], case["text"]) in KNOWN_MISSES:
        pytest.xfail("known miss of the held-out part")
    assert_case(case)


@pytest.mark.parametrize(
    ("text", "dest", "rule", "level"),
    [
        ("Plantable seed paper wedding invitations", "AU", "GEN-SEEDED-GIFTS", "restricted"),
        ("Seed paper greeting cards", "DE", "GEN-SEEDED-GIFTS-CHECK", "warning"),
        ("Vanilla extract 118ml 35% alcohol", "GB", "DG-FLAVOUR-EXTRACT", "prohibited"),
        ("Bourbon vanilla extract 50ml", "GB", "DG-FLAVOUR-EXTRACT-CHECK", "warning"),
        ("Tokyo Marui Glock 17 gas blowback pistol", "DE", "DE-AIRSOFT-F-MARK", "restricted"),
        ("Leatherman Wave Plus multitool", "GB", "GB-KNIFE-REMOTE-SALE", "warning"),
        ("Shortfill 50ml 0mg", "FR", "DG-ECIG", "restricted"),
    ],
)
def test_regulated_part_not_in_the_name(text: str, dest: str, rule: str, level: str) -> None:
    findings = screen_item(text, destination=dest, origin="GB" if dest != "GB" else "DE")
    assert (findings[0].rule, findings[0].level) == (rule, level), [f.rule for f in findings]
    assert "GEN-FIREARMS" not in {f.rule for f in findings}


@pytest.mark.parametrize(
    ("text", "dest"),
    [
        ("Smartphone with lithium battery", "DE"),
        ("Laptop with Li-ion battery 56 Wh", "FR"),
        ("Electric shaver with built-in rechargeable battery", "GB"),
    ],
)
def test_device_with_its_battery_is_installed_not_loose(text: str, dest: str) -> None:
    rules = {f.rule: f.level for f in screen_item(text, destination=dest)}
    assert rules == {"DG-LI-ION-IN-EQUIP": "restricted"}


@pytest.mark.parametrize(
    "text",
    [
        "Smartphone with spare battery",
        "Drill + 2 batteries",
        "Akkuschrauber mit Ersatzakku",
        "Appareil photo avec batterie de rechange",
        "Cámara con batería de repuesto",
        "Makita 18V battery pack",
    ],
)
def test_battery_beside_the_device_is_loose(text: str) -> None:
    rules = {f.rule: f.level for f in screen_item(text, destination="DE")}
    assert rules.get("DG-LI-LOOSE") == "prohibited"


def test_wh_from_mah_and_volts_decides_the_large_battery_rule() -> None:
    small = {f.rule for f in screen_item("Power bank 10000 mAh 3.7 V", destination="FR")}
    large = {f.rule for f in screen_item("Power bank 30000 mAh 3.7 V", destination="FR")}
    assert "DG-LI-LOOSE" in small and "DG-LI-LARGE" not in small  # 37 Wh
    assert "DG-LI-LARGE" in large  # 111 Wh


def test_blind_round_seven_covers_four_languages_and_the_newer_destinations() -> None:
    round7 = [c for c in BLIND_CASES if c["file"] == "blind_round7.csv"]
    assert len(round7) >= 150
    newer = {"CH", "NO", "KR", "SG", "HK", "TW", "MX", "IL", "TR", "ZA", "TH", "MY", "ID", "PH"}
    newer |= {"VN", "AR", "CL", "CO", "UA", "AE", "SA", "QA", "KW", "BH", "OM"}
    assert {c["dest"] for c in round7} >= newer
    assert len({c["dest"] for c in round7}) >= 30
    assert sum(c["harmless"] == "1" for c in round7) >= len(round7) // 4


def test_blind_round_eight_covers_four_languages_and_every_kind_of_destination() -> None:
    round8 = [c for c in BLIND_CASES if c["file"] == "blind_round8.csv"]
    assert len(round8) >= 160
    assert len({c["dest"] for c in round8}) >= 30
    assert {c["dest"] for c in round8} >= {"RO", "SK", "LU", "HR", "BG", "CY", "MT", "DE", "FR"}
    assert sum(c["harmless"] == "1" for c in round8) >= len(round8) // 4


def test_blind_round_nine_covers_four_languages_and_every_kind_of_destination() -> None:
    round9 = [c for c in BLIND_CASES if c["file"] == "blind_round9.csv"]
    assert len(round9) >= 260
    dests = {c["dest"] for c in round9}
    assert len(dests) >= 40
    gulf_asia_latam = {"AE", "SA", "QA", "KW", "BH", "OM", "KR", "SG", "HK", "TW", "MX", "AR", "CL"}
    assert dests >= gulf_asia_latam | {"GB", "US", "CA", "AU", "JP", "DE", "FR", "MT", "CY"}
    assert sum(c["harmless"] == "1" for c in round9) >= 0.3 * len(round9)
    texts = " ".join(c["text"] for c in round9).lower()
    assert all(w in texts for w in (" with ", " mit ", " pour ", " para "))


def test_blind_round_ten_covers_four_languages_and_every_kind_of_destination() -> None:
    round10 = [c for c in BLIND_CASES if c["file"] == "blind_round10.csv"]
    assert len(round10) >= 500
    dests = {c["dest"] for c in round10}
    assert len(dests) >= 70
    eu = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"}
    eu |= {"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
    gulf_asia_latam_africa = {"AE", "SA", "QA", "KW", "BH", "OM", "KR", "SG", "HK", "TW", "MX"}
    gulf_asia_latam_africa |= {"AR", "CL", "CO", "PE", "UY", "ZA", "MA", "SN", "NG", "KE", "EG"}
    assert dests >= eu | gulf_asia_latam_africa | {"GB", "US", "CA", "AU", "JP", "CH", "NO"}
    assert sum(c["harmless"] == "1" for c in round10) >= 0.3 * len(round10)
    texts = " ".join(c["text"] for c in round10).lower()
    assert all(w in texts for w in (" with ", " mit ", " pour ", " para "))


def test_blind_round_eleven_covers_four_languages_and_every_kind_of_destination() -> None:
    round11 = [c for c in BLIND_CASES if c["file"] == "blind_round11.csv"]
    assert len(round11) >= 500
    dests = {c["dest"] for c in round11}
    assert len(dests) >= 75
    eu = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"}
    eu |= {"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
    gulf_asia = {"AE", "SA", "QA", "KW", "BH", "OM", "KR", "SG", "HK", "TW", "TH", "MY", "ID"}
    gulf_asia |= {"PH", "VN"}
    latam_africa = {"MX", "AR", "CL", "CO", "PE", "UY", "EC", "GT", "BO", "PA", "CR", "PY", "DO"}
    latam_africa |= {"SV", "VE", "ZA", "MA", "SN", "DZ", "TN", "CI", "NG", "KE", "EG"}
    older = {"GB", "US", "CA", "AU", "NZ", "JP", "IN", "BR", "CN", "CH", "NO", "TR", "IL", "UA"}
    assert dests >= eu | gulf_asia | latam_africa | older
    assert sum(c["harmless"] == "1" for c in round11) >= 0.35 * len(round11)
    texts = " ".join(c["text"] for c in round11).lower()
    assert all(w in texts for w in (" with ", " mit ", " pour ", " para "))


def test_blind_round_twelve_covers_four_languages_and_every_kind_of_destination() -> None:
    round12 = [c for c in BLIND_CASES if c["file"] == "blind_round12.csv"]
    assert len(round12) >= 500
    dests = {c["dest"] for c in round12}
    assert len(dests) >= 75
    eu = {"AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE"}
    eu |= {"IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE"}
    gulf_asia = {"AE", "SA", "QA", "KW", "BH", "OM", "KR", "SG", "HK", "TW", "TH", "MY", "ID"}
    gulf_asia |= {"PH"}
    latam_africa = {"MX", "AR", "CL", "CO", "PE", "UY", "EC", "GT", "BO", "PA", "CR", "PY", "DO"}
    latam_africa |= {"SV", "ZA", "MA", "SN", "DZ", "TN", "CI", "CM", "NG", "KE", "EG", "GH"}
    older = {"GB", "US", "CA", "AU", "NZ", "JP", "IN", "BR", "CN", "CH", "NO", "TR", "IL", "UA"}
    assert dests >= eu | gulf_asia | latam_africa | older
    assert sum(c["harmless"] == "1" for c in round12) >= 0.35 * len(round12)
    assert sum(c["channel"] == "courier" for c in round12) >= 30
    texts = " ".join(c["text"] for c in round12).lower()
    assert all(w in texts for w in (" with ", " mit ", " pour ", " para "))


def test_blind_misses_are_still_misses() -> None:
    """A miss left that the rules now get right must leave the list (and the docs)."""
    for case in BLIND_CASES:
        if (case["file"], case["text"]) in BLIND_MISSES:
            assert level_of(case)[0] != case["expect"], case["text"]


@pytest.mark.parametrize(
    "case",
    BLIND_CASES,
    ids=[f"{c['file'][6:-4]}-{c['dest']}-{c['text'][:40]}" for c in BLIND_CASES],
)
def test_blind_round_case(case: dict[str, str]) -> None:
    reason = BLIND_MISSES.get((case["file"], case["text"]))
    if reason:
        pytest.xfail(reason)
    assert_case(case)


# The round-10 tuning set of harmless look-alikes and battery phrasings (written before the
# round-10 reading work, then tuned on): held to its levels, its misses left with their reasons.
DEV_HARMLESS10 = "dev_harmless10.csv"
DEVH10_MISSES = {
    "Tobacco leaf and oud reed diffuser 100ml": (
        "questionable expectation: a reed diffuser's oil is often flammable (DG-FLAMMABLE-MAYBE "
        "warns); its tobacco note no longer counts"
    ),
    "Heated socks with rechargeable battery": (
        "the battery rules' shared veto 'socks' (brand merchandise) also stops heated socks"
    ),
}
DEVH10_CASES = _cases([DEV_HARMLESS10])
# The round-11 tuning set of regulated goods not recognised or recognised at the wrong level
# (battery devices by brand or kind, coin-cell devices, lighters, weapons and replicas, fireworks,
# plants, soils and foods; a quarter harmless look-alikes), written before the round-11 work and
# then tuned on: held to its levels, its misses left with their reasons.
DEV_ROUND11 = "dev_round11.csv"
DEV11_MISSES = {
    "Nuki Smart Lock 4.0 Pro with power pack": (
        "a smart lock line that also runs on AA cells: 'power pack' is not read as its battery"
    ),
    "Plants de fraisiers racines nues": (
        "questionable expectation: CN-GACC-AG prohibits bare-root plants while the plain naming "
        "'Live houseplant' gets only the plant warning in China"
    ),
    "Porte-clés pour AirTag en cuir": (
        "a French key ring 'pour AirTag' is read as the tracker (an accessory for it)"
    ),
    "Pelle à terreau en plastique": ("a French potting-soil scoop is read as soil (a look-alike)"),
    "Japanese maple tree 60cm": (
        "questionable expectation: a plant named by kind gets Canada's plant-health rule "
        "(restricted) while the plain naming 'Live houseplant' gets only the plant warning"
    ),
    "Hydrangea shrub in 3L pot": (
        "questionable expectation: a plant named by kind gets NZ-BIOSEC (restricted) while the "
        "plain naming 'Live houseplant' gets only the plant warning"
    ),
    "Foam throwing stars for kids ninja party": (
        "foam toy throwing stars are read as throwing stars (a look-alike)"
    ),
    "Nasenhaartrimmer Edelstahl USB": (
        "many nose trimmers run on an AA cell: 'USB' alone is not read as a battery word"
    ),
    "Unterwasserkamera 4K 30m wasserdicht": (
        "an underwater camera may be a film camera: it needs a battery word"
    ),
    "Elektrischer Kinder Roboterhund": (
        "many toy robot dogs run on AA cells: a robot dog needs a battery word"
    ),
    "Saatgut Wildblumenwiese 100 g": (
        "questionable expectation: the plain naming 'Vegetable seeds' is read as a seeded gift "
        "(restricted outside the EU) while seeds named otherwise get the plain seed warning"
    ),
    "Silvester Tischdeko Servietten Feuerwerk": (
        "New Year table napkins with a firework motif are read as fireworks (a look-alike)"
    ),
    "Tondeuse nez et oreilles Philips": (
        "many nose and ear trimmers run on an AA cell: they need a battery word"
    ),
    "Appareil électrostimulation Compex": (
        "an EMS device is not read as a battery device (some run on AAA cells; the brand also "
        "sells electrodes)"
    ),
    "Chien robot interactif pour enfant": (
        "many toy robot dogs run on AA cells: a robot dog needs a battery word"
    ),
    "Recortador de nariz y orejas Philips": (
        "many nose and ear trimmers run on an AA cell: they need a battery word"
    ),
    "Electroestimulador Compex": (
        "an EMS device is not read as a battery device (some run on AAA cells; the brand also "
        "sells electrodes)"
    ),
    "Perro robot interactivo para niños": (
        "many toy robot dogs run on AA cells: a robot dog needs a battery word"
    ),
}
DEV11_CASES = _cases([DEV_ROUND11])
# The round-11 tuning set of harmless look-alikes and regulated items of the same look (written
# before the round-11 reading work, then tuned on): held to its levels, its misses left with
# their reasons.
DEV_HARMLESS11 = "dev_harmless11.csv"
DEVH11_MISSES = {
    "Coupe-cigare en acier inoxydable": (
        "French 'coupe-cigare' (cigar cutter) names the cigar inside the article's own name: "
        "GEN-TOBACCO warns"
    ),
    "Nagellackentferner Pads acetonfrei": (
        "questionable expectation: an acetone-free remover is still flammable (the round-9 sets "
        "expect it prohibited); the pads are not read as pads without remover"
    ),
    "Dissolvant sans acétone lingettes": (
        "questionable expectation: acetone-free remover wipes are still soaked in a flammable "
        "solvent (DG-NAIL-POLISH)"
    ),
    "Quitaesmalte sin acetona toallitas": (
        "questionable expectation: acetone-free remover wipes are still soaked in a flammable "
        "solvent (DG-NAIL-POLISH)"
    ),
    "Toy walkie talkie wooden": (
        "'walkie talkie' is a battery device noun; a wooden toy one is not told apart"
    ),
    "Vape pen kit with carrying case and charger": (
        "VN-ECIG-BAN is unconfirmed (a warning); the kit's battery is not read by DG-ECIG here"
    ),
    "Liquid zum Nachfüllen 10 ml 12 mg Nikotin": (
        "German 'Liquid' alone (without 'E-') is not read as an e-liquid"
    ),
    "Cocktail book with miniature gin 5cl 40%": (
        "the alcohol rules' veto 'book' stops the gin packed with the book"
    ),
    "Spielzeugpistole mit Munitionsringen": (
        "German 'Munitionsringe' (ring caps) is not read after 'Spielzeugpistole mit'"
    ),
}
DEVH11_CASES = _cases([DEV_HARMLESS11])
# The round-12 tuning set of harmless look-alikes (prints and motifs, empty containers,
# accessories for/für/pour/para, parts, compounds and names holding a trigger word, costumes, toys,
# decorations, books, stickers, printed clothes) and regulated items of the same look, written
# before the round-12 article reading and then tuned on: held to its levels, its misses left with
# their reasons.
DEV_HARMLESS12 = "dev_harmless12.csv"
DEVH12_MISSES = {
    "Cigar travel tube aluminium for one cigar": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (GEN-TOBACCO)"
    ),
    "Vape drip tip 510 resin": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-ECIG)"
    ),
    "Vape coil building jig tool kit": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-ECIG)"
    ),
    "Landing gear extension for Mavic Air 2": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-LI-ION-IN-EQUIP)"
    ),
    "Mundstück für E-Zigarette Drip Tip 510": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (IN-ECIG)"
    ),
    "Landegestell für DJI Mavic 3": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-LI-ION-IN-EQUIP, GEN-DRONE)"
    ),
    "Filterset für DJI Mini 2 Kamera": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-LI-ION-IN-EQUIP, GEN-DRONE)"
    ),
    "Handykette für iPhone 14 Umhängeband": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-LI-ION-IN-EQUIP)"
    ),
    "Lederscheide für Jagdmesser": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (GR-KNIVES)"
    ),
    "Zielscheibe für Softair mit Kugelfang": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (GEN-REPLICA-AIRGUN)"
    ),
    "Embout buccal pour cigarette électronique 510": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-ECIG)"
    ),
    "Train d'atterrissage pour drone DJI Mavic 3": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-LI-ION-IN-EQUIP, GEN-DRONE)"
    ),
    "Filtres ND pour DJI Mini 3": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-LI-ION-IN-EQUIP, GEN-DRONE)"
    ),
    "Cible pour airsoft avec récupérateur de billes": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (GEN-REPLICA-AIRGUN)"
    ),
    "Couteau à fromage lame ajourée": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (GEN-MEAT-DAIRY)"
    ),
    "Boquilla para cigarrillo electrónico 510": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-ECIG)"
    ),
    "Tren de aterrizaje para dron DJI Mavic 3": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-LI-ION-IN-EQUIP, GEN-DRONE)"
    ),
    "Filtros ND para dron DJI Mini 3": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (DG-LI-ION-IN-EQUIP, GEN-DRONE)"
    ),
    "Diana para airsoft con recogebolas": (
        "an accessory named with for/für/pour/para by a word the vocabulary does not name as an"
        " article is read as the good (GEN-REPLICA-AIRGUN)"
    ),
    "Pierres à briquet de rechange lot de 9": (
        "a spare part or refill named by a word the vocabulary does not know is read as the "
        "good (DG-LIGHTER)"
    ),
    "Weinbergpfirsich Sirup 500ml": (
        "a word built on the good's name (a derived or compound word the vocabulary does not "
        "split) is read as the good (GEN-ALCOHOL)"
    ),
    "Käsefondue Set Keramik ohne Käse": (
        "a word built on the good's name (a derived or compound word the vocabulary does not "
        "split) is read as the good (GEN-MEAT-DAIRY)"
    ),
    "Feuerwerkskörper Kostüm Kinder Filz": (
        "a word built on the good's name (a derived or compound word the vocabulary does not "
        "split) is read as the good (DG-EXPLOSIVES)"
    ),
    "Fromagère en verre avec couvercle": (
        "a word built on the good's name (a derived or compound word the vocabulary does not "
        "split) is read as the good (GEN-MEAT-DAIRY)"
    ),
    "Porte-cigarettes en métal vintage vide": (
        "a word built on the good's name (a derived or compound word the vocabulary does not "
        "split) is read as the good (GEN-TOBACCO)"
    ),
    "Plantoir à bulbes en inox": (
        "a word built on the good's name (a derived or compound word the vocabulary does not "
        "split) is read as the good (EU-PLANT-HEALTH)"
    ),
    "Tarta de queso molde desmontable 24cm": (
        "a word built on the good's name (a derived or compound word the vocabulary does not "
        "split) is read as the good (NZ-BIOSEC)"
    ),
    "Rakete Kostüm Kinder Fasching Feuerwerk": (
        "a costume named in German word order is read as the good (DG-EXPLOSIVES)"
    ),
    "Toy drone wooden push along": (
        "a toy of the good is read as the good (toys lie under the good's own headings, 9503) "
        "(DG-LI-ION-IN-EQUIP, GEN-DRONE)"
    ),
    "Drohne Holzspielzeug zum Schieben": (
        "a toy of the good is read as the good (toys lie under the good's own headings, 9503) "
        "(DG-LI-ION-IN-EQUIP, GEN-DRONE)"
    ),
    "Drone en bois jouet à tirer": (
        "a toy of the good is read as the good (toys lie under the good's own headings, 9503) "
        "(DG-LI-ION-IN-EQUIP, GEN-DRONE)"
    ),
    "Dron de madera de juguete para arrastrar": (
        "a toy of the good is read as the good (toys lie under the good's own headings, 9503) "
        "(DG-LI-ION-IN-EQUIP, GEN-DRONE)"
    ),
    "Cactus bailarín de juguete que habla": (
        "a toy of the good is read as the good (toys lie under the good's own headings, 9503) "
        "(EU-PLANT-HEALTH)"
    ),
    "Juguete parrilla con chorizos de fieltro": (
        "a toy of the good is read as the good (toys lie under the good's own headings, 9503) "
        "(EU-POAO-PERSONAL)"
    ),
    "Korken Deko Kranz Wein": (
        "a decoration or artificial plant is read as the good (no article the vocabulary names "
        "stands last or first) (GEN-ALCOHOL)"
    ),
    "Couronne en bouchons de vin décorative": (
        "a decoration or artificial plant is read as the good (no article the vocabulary names "
        "stands last or first) (GEN-ALCOHOL)"
    ),
    "Corona de corchos de vino decorativa": (
        "a decoration or artificial plant is read as the good (no article the vocabulary names "
        "stands last or first) (GEN-ALCOHOL)"
    ),
    "Cacti and succulents care handbook": (
        "a book or guide named by a word the vocabulary does not know is read as the good (GEN-"
        "PLANT-SEEDS)"
    ),
    "Bier Aufkleber Set Retro 30 Stück": (
        "stickers named by a word the vocabulary does not name as an article are read as the "
        "good (GEN-ALCOHOL)"
    ),
    "Huile à barbe parfum whisky": (
        "a flavour or scent of the good on a product the note reading does not know is read as "
        "the good (DG-PERFUME, GEN-ALCOHOL)"
    ),
    "Bougies fontaine pour gâteau étincelles": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (nothing)"
    ),
    "Beer gift pack with branded glass 4 bottles": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (nothing)"
    ),
    "Vape pen with cartoon print 20mg": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (nothing)"
    ),
    "Lipstick style stun gun with torch": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (GEN-WEAPONS-MISC)"
    ),
    "Bombe au poivre porte-clés avec motif": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (nothing)"
    ),
    "Comté affiné 18 mois 400g": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (nothing)"
    ),
    "Seed packets gift set with wooden box": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (GEN-PLANT-SEEDS)"
    ),
    "Saatgut Geschenkset Kräuter mit Holzkiste": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (GEN-PLANT-SEEDS)"
    ),
    "Estuche perfume con neceser 100ml": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (nothing)"
    ),
    "Power bank with cactus print 10000mAh": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (nothing)"
    ),
    "Kameradrohne mit Tasche und Ersatzpropellern": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (nothing)"
    ),
    "Set de esmaltes de uñas con neceser estampado": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (nothing)"
    ),
    "Boîtes d'allumettes imprimées pleines lot de 10": (
        "a regulated item of the same look the rules did not recognise at its plain naming's "
        "level before this work either (nothing)"
    ),
}
DEVH12_CASES = _cases([DEV_HARMLESS12])
# The round-12 tuning set of regulated goods not recognised (battery devices by store department
# with no battery word; dangerous goods, drinks, tobacco, plants, foods and medicines in everyday
# and regional German, French and Spanish words; goods packed beside their article; a fifth
# look-alikes), written before the round-12 work and then tuned on: held to its levels, its misses
# left with their reasons.
DEV_ROUND12 = "dev_round12.csv"
_AA_OR_CORDED = "a kind also sold with AA cells or a cord: it needs a battery word"
_BRAND_ONLY = "a line named by brand and model only, not among the battery lines"
_AMBIGUOUS = "a word that also means something else, so it is not read alone"
DEV12_MISSES = {
    "Xiaomi portable electric air compressor 1S tyre pump": (
        "portable tyre inflators also run on a car's 12 V socket: " + _AA_OR_CORDED
    ),
    "Gonfleur électrique portatif pneus": (
        "portable tyre inflators also run on a car's 12 V socket: " + _AA_OR_CORDED
    ),
    "Apple Magic Keyboard with Touch ID": (
        "'Magic Keyboard' also names the iPad keyboard cases, which hold no battery"
    ),
    "Bosch GLM 50-27 C laser measure": "the GLM line also runs on AAA cells: " + _BRAND_ONLY,
    "Kopfhörerverstärker Gitarre": "guitar headphone amps also run on AAA cells: " + _AA_OR_CORDED,
    "Überwachungskamera außen ohne Strom": (
        "'ohne Strom' (needing no mains) is not read as a battery word"
    ),
    "Bone conduction hearing amplifier": (
        "hearing amplifiers also run on zinc-air cells: " + _AA_OR_CORDED
    ),
    "Vaporizador de ropa inalámbrico de viaje": (
        "a garment steamer is not among the battery kinds (most are corded)"
    ),
    "Beurer EM 59 TENS unit": "TENS units also run on AAA cells: " + _AA_OR_CORDED,
    "Limpiafondos de piscina inalámbrico": (
        "'inalámbrico' (cordless or wireless) is not a battery word for a pool cleaner, which may "
        "be corded"
    ),
    "Tyre shine spray 500ml": (
        "a product 'spray' is often a trigger pump: 'spray' alone is not read as a pressurised can"
    ),
    "Wasp and hornet killer 400ml": (
        "a wasp killer is also a powder or a trap: it is read as an aerosol only with 'spray'"
    ),
    "Perfume gift set with body lotion 50ml EDP": (
        "'body lotion' (a scented product) reads the perfume as its scent note"
    ),
    "Gift hamper with cheese, salami and crackers": (
        "'crackers' (a flavoured snack) reads the cheese and salami as its flavour notes"
    ),
    "Kirsch Schweiz 70 cl": "German 'Kirsch' is also cherry as a flavour: " + _AMBIGUOUS,
    "Most aus Österreich 1 l": "German 'Most' is also grape must (juice): " + _AMBIGUOUS,
    "Genièvre 50 cl 35 %": "French 'genièvre' is also the juniper berry (a spice): " + _AMBIGUOUS,
    "Caribou du Québec 750 ml": "'caribou' is also the animal: " + _AMBIGUOUS,
    "Crème de cassis 50 cl": (
        "a blackcurrant liqueur is not read (as 'liqueur' it would be a spirit of unstated "
        "strength)"
    ),
    "Eierlikör 0,5 l": (
        "questionable expectation: a liqueur of unstated strength is read as a spirit above 24 % "
        "(DG-ALCOHOL-HIGH) while an egg liqueur is about 20 %"
    ),
    "Thinner 1 litro": "'thinner' is also an English comparative: " + _AMBIGUOUS,
    "Dulce de leche 1 kg": (
        "China's dairy rule does not read a milk caramel (the EU rules do, through 'milk jam')"
    ),
    "Soil pH test strips": "soil test strips are read as soil (a look-alike)",
    "Tomato cage plant support 5 pack": "a tomato cage is read as a tomato plant (a look-alike)",
}
DEV12_CASES = _cases([DEV_ROUND12])
DEV_ROUNDS = {
    "round8": (DEV8_CASES, DEV8_MISSES),
    "round9": (DEV9_CASES, DEV9_MISSES),
    "round10": (DEV10_CASES, DEV10_MISSES),
    "harmless10": (DEVH10_CASES, DEVH10_MISSES),
    "round11": (DEV11_CASES, DEV11_MISSES),
    "harmless11": (DEVH11_CASES, DEVH11_MISSES),
    "harmless12": (DEVH12_CASES, DEVH12_MISSES),
    "round12": (DEV12_CASES, DEV12_MISSES),
}
# the share of harmless look-alikes each tuning set holds at least (rounds 11 and 12 are written
# for the regulated goods that were missed, with a quarter and a fifth look-alikes to measure what
# a fix breaks)
HARMLESS_SHARE = {"round11": 0.25, "round12": 0.19}
DEV_CASES = [(name, c) for name, (cases, _) in DEV_ROUNDS.items() for c in cases]


@pytest.mark.parametrize("name", DEV_ROUNDS)
def test_dev_round_is_large_and_covers_four_languages_and_thirty_destinations(name: str) -> None:
    cases = DEV_ROUNDS[name][0]
    assert len(cases) >= 250
    assert len({c["dest"] for c in cases}) >= 30
    assert sum(c["harmless"] == "1" for c in cases) >= HARMLESS_SHARE.get(name, 0.3) * len(cases)
    texts = " ".join(c["text"] for c in cases).lower()
    assert all(w in texts for w in (" with ", " mit ", " pour ", " para "))


@pytest.mark.parametrize("name", DEV_ROUNDS)
def test_dev_round_misses_are_still_misses(name: str) -> None:
    """A miss left that the rules now get right must leave the list (and the docs)."""
    cases, misses = DEV_ROUNDS[name]
    for case in cases:
        if case["text"] in misses:
            assert level_of(case)[0] != case["expect"], case["text"]


@pytest.mark.parametrize(
    ("name", "case"),
    DEV_CASES,
    ids=[f"{n}-{c['dest']}-{c['channel']}-{c['text'][:40]}" for n, c in DEV_CASES],
)
def test_dev_round_case(name: str, case: dict[str, str]) -> None:
    reason = DEV_ROUNDS[name][1].get(case["text"])
    if reason:
        pytest.xfail(reason)
    assert_case(case)


def test_round_eleven_tuning_set_covers_the_classes_and_sixty_destinations() -> None:
    assert {c["lang"] for c in DEV11_CASES} == {"en", "de", "fr", "es"}
    assert len({c["dest"] for c in DEV11_CASES}) >= 60
    kinds = {c["category"] for c in DEV11_CASES if c["harmless"] == "0"}
    assert kinds >= {"speaker", "watch", "tracker", "shaver", "toy", "drill", "camera", "health"}
    assert kinds >= {
        "smarthome",
        "gadget",
        "lighter",
        "weapon",
        "firework",
        "plant",
        "soil",
        "food",
    }
    assert sum(c["harmless"] == "1" for c in DEV11_CASES) >= 60


def test_harmless_tuning_set_has_two_hundred_look_alikes_and_a_hundred_battery_phrasings() -> None:
    harmless = [c for c in DEVH10_CASES if c["harmless"] == "1"]
    battery = [c for c in DEVH10_CASES if c["harmless"] == "0" or c["category"] == "battery"]
    assert len(harmless) >= 200 and len(battery) >= 100
    assert {c["lang"] for c in DEVH10_CASES} == {"en", "de", "fr", "es"}
    assert len({c["dest"] for c in DEVH10_CASES}) >= 40


def test_round_eleven_tuning_set_has_three_hundred_look_alikes_and_eighty_regulated() -> None:
    harmless = [c for c in DEVH11_CASES if c["harmless"] == "1"]
    regulated = [c for c in DEVH11_CASES if c["harmless"] == "0"]
    assert len(harmless) >= 300 and len(regulated) >= 80
    assert {c["lang"] for c in DEVH11_CASES} == {"en", "de", "fr", "es"}
    assert len({c["dest"] for c in DEVH11_CASES}) >= 60
    assert all(c["expect"] != "none" for c in regulated)


def test_round_twelve_tuning_set_has_three_hundred_look_alikes_and_ninety_regulated() -> None:
    harmless = [c for c in DEVH12_CASES if c["harmless"] == "1"]
    regulated = [c for c in DEVH12_CASES if c["harmless"] == "0"]
    assert len(harmless) >= 300 and len(regulated) >= 90
    assert {c["lang"] for c in DEVH12_CASES} == {"en", "de", "fr", "es"}
    assert len({c["dest"] for c in DEVH12_CASES}) >= 60
    assert all(c["expect"] != "none" for c in regulated)
    kinds = {c["category"] for c in harmless}
    assert kinds >= {"print", "empty", "accessory", "part", "compound", "name", "costume"}
    assert kinds >= {"toy", "decoration", "book", "sticker", "clothing"}


def test_round_twelve_tuning_set_covers_the_departments_and_sixty_destinations() -> None:
    assert {c["lang"] for c in DEV12_CASES} == {"en", "de", "fr", "es"}
    assert len({c["dest"] for c in DEV12_CASES}) >= 60
    kinds = {c["category"] for c in DEV12_CASES if c["harmless"] == "0"}
    assert kinds >= {"gadget", "health", "smarthome", "toy", "camera", "light", "battery"}
    assert kinds >= {"aerosol", "gas", "flammable", "corrosive", "alcohol", "tobacco", "vape"}
    assert kinds >= {"plant", "food", "medicine", "perfume"}
    assert sum(c["harmless"] == "1" for c in DEV12_CASES) >= 60
    assert all(c["expect"] != "none" for c in DEV12_CASES if c["harmless"] == "0")
