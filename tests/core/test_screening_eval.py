"""The screening evaluation sets (tests/data/screening_eval/*.csv) against the shipped rules.

Both parts of each set are held to their expected highest level: ``dev`` cases were used while
writing the rules, ``holdout`` cases never were (``benchmarks/screening_eval.py`` reports the
two apart). Harmless items must get no prohibited or restricted finding. The blind rounds 5 to 7,
no longer blind once their fixes were made, blind rounds 8 to 14 once scored after their work,
and the round-8, round-9, round-10 (harmless look-alikes and battery phrasings) and the two round-11
(regulated goods not recognised; harmless look-alikes and regulated items of the same look) tuning
sets are held too, their misses left as expected failures. The misses, each with the reason it
is left, are data: ``tests/data/screening_expected_misses.csv``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

import pytest

from shipdesk.core.countries import eu_members
from shipdesk.core.screening.screen import screen_item
from tests.screening_case import assert_case, level_of

EVAL_DIR = Path(__file__).resolve().parent.parent / "data" / "screening_eval"
# The cases the rules still get wrong, each with the reason it is left: (case file, text) -> reason
MISSES_FILE = EVAL_DIR.parent / "screening_expected_misses.csv"


def _read_misses() -> dict[tuple[str, str], str]:
    with MISSES_FILE.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(line for line in fh if not line.startswith("#"))
        return {(row["file"], row["text"]): row["reason"] for row in reader}


MISSES = _read_misses()


def _misses_of(name: str) -> dict[str, str]:
    """The misses left in the case file ``name``: text -> reason."""
    return {t: r for (f, t), r in MISSES.items() if f == name}


SETS = ("batteries.csv", "hidden.csv")
# held-out cases the rules still get wrong: reported in docs/benchmarks.md, not tuned away
KNOWN_MISSES: set[tuple[str, str]] = set()
# The blind rounds 5 to 7 after their fixes and blind rounds 8 to 14 after their work (no longer
# blind; rounds 13 and 14 are representative of a counter's goods, ordinary goods included):
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
    "blind_round13.csv",
    "blind_round14.csv",
)
BLIND_MISSES = {(f, t): r for (f, t), r in MISSES.items() if f in BLIND_ROUNDS}
# The round-8 tuning set (written before the round-8 vocabulary, then tuned on): held to its
# levels, its misses left, each with the reason it is left.
DEV_ROUND8 = "dev_round8.csv"
DEV8_MISSES = _misses_of(DEV_ROUND8)


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
DEV9_MISSES = _misses_of(DEV_ROUND9)
DEV9_CASES = _cases([DEV_ROUND9])
# The round-10 tuning set (written before the round-10 vocabulary, then tuned on): held to its
# levels, its misses left, each with the reason it is left.
DEV_ROUND10 = "dev_round10.csv"
DEV10_MISSES = _misses_of(DEV_ROUND10)
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
    eu = eu_members()
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
    eu = eu_members()
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
    eu = eu_members()
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


def test_blind_round_thirteen_holds_ordinary_goods_and_every_kind_of_destination() -> None:
    round13 = [c for c in BLIND_CASES if c["file"] == "blind_round13.csv"]
    assert len(round13) >= 500
    dests = {c["dest"] for c in round13}
    assert len(dests) >= 75
    eu = eu_members()
    gulf_asia = {"AE", "SA", "QA", "KW", "BH", "OM", "KR", "SG", "HK", "TW", "TH", "MY", "PH"}
    gulf_asia |= {"VN"}
    latam_africa = {"MX", "AR", "CL", "CO", "PE", "UY", "EC", "GT", "BO", "PA", "CR", "PY", "DO"}
    latam_africa |= {"SV", "ZA", "MA", "SN", "DZ", "TN", "CI", "CM", "NG", "KE", "EG", "GH"}
    older = {"GB", "US", "CA", "AU", "NZ", "JP", "IN", "BR", "CN", "CH", "NO", "TR", "IL", "UA"}
    assert dests >= eu | gulf_asia | latam_africa | older
    harmless = [c for c in round13 if c["harmless"] == "1"]
    assert len(harmless) >= 0.35 * len(round13)
    # representative, not only hard cases: ordinary goods with no trigger word are a share of it
    assert sum(c["category"] == "everyday" for c in harmless) >= 50
    assert sum(c["channel"] == "courier" for c in round13) >= 25
    texts = " ".join(c["text"] for c in round13).lower()
    assert all(w in texts for w in (" with ", " mit ", " pour ", " para "))


def test_blind_round_fourteen_is_written_as_round_thirteen_with_every_kind_of_destination() -> None:
    round14 = [c for c in BLIND_CASES if c["file"] == "blind_round14.csv"]
    assert len(round14) >= 500
    lines = (EVAL_DIR / "blind_round14.csv").read_text(encoding="utf-8").splitlines()
    langs = {line.split(":")[1].split()[0] for line in lines if line.startswith("# lang:")}
    assert langs == {"en", "de", "fr", "es"}
    dests = {c["dest"] for c in round14}
    assert len(dests) >= 80
    gulf_asia = {"AE", "SA", "QA", "KW", "BH", "OM", "KR", "SG", "HK", "TW", "TH", "MY", "PH"}
    gulf_asia |= {"VN", "ID"}
    latam_africa = {"MX", "AR", "CL", "CO", "PE", "UY", "EC", "GT", "BO", "PA", "CR", "PY", "DO"}
    latam_africa |= {"SV", "ZA", "MA", "SN", "DZ", "TN", "CI", "CM", "NG", "KE", "EG", "GH"}
    older = {"GB", "US", "CA", "AU", "NZ", "JP", "IN", "BR", "CN", "CH", "NO", "TR", "IL", "UA"}
    assert dests >= eu_members() | gulf_asia | latam_africa | older
    harmless = [c for c in round14 if c["harmless"] == "1"]
    assert len(harmless) >= 0.35 * len(round14)
    # representative, as round 13: ordinary goods with no trigger word are a share of it
    assert sum(c["category"] == "everyday" for c in harmless) >= 50
    installed = [c for c in round14 if c["expect"] == "restricted" and c["harmless"] == "0"]
    assert len(installed) >= 0.25 * len(round14)
    assert sum(c["channel"] == "courier" for c in round14) >= 20
    texts = " ".join(c["text"] for c in round14).lower()
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
DEVH10_MISSES = _misses_of(DEV_HARMLESS10)
DEVH10_CASES = _cases([DEV_HARMLESS10])
# The round-11 tuning set of regulated goods not recognised or recognised at the wrong level
# (battery devices by brand or kind, coin-cell devices, lighters, weapons and replicas, fireworks,
# plants, soils and foods; a quarter harmless look-alikes), written before the round-11 work and
# then tuned on: held to its levels, its misses left with their reasons.
DEV_ROUND11 = "dev_round11.csv"
DEV11_MISSES = _misses_of(DEV_ROUND11)
DEV11_CASES = _cases([DEV_ROUND11])
# The round-11 tuning set of harmless look-alikes and regulated items of the same look (written
# before the round-11 reading work, then tuned on): held to its levels, its misses left with
# their reasons.
DEV_HARMLESS11 = "dev_harmless11.csv"
DEVH11_MISSES = _misses_of(DEV_HARMLESS11)
DEVH11_CASES = _cases([DEV_HARMLESS11])
# The round-12 tuning set of harmless look-alikes (prints and motifs, empty containers,
# accessories for/für/pour/para, parts, compounds and names holding a trigger word, costumes, toys,
# decorations, books, stickers, printed clothes) and regulated items of the same look, written
# before the round-12 article reading and then tuned on: held to its levels, its misses left with
# their reasons.
DEV_HARMLESS12 = "dev_harmless12.csv"
DEVH12_MISSES = _misses_of(DEV_HARMLESS12)
DEVH12_CASES = _cases([DEV_HARMLESS12])
# The round-12 tuning set of regulated goods not recognised (battery devices by store department
# with no battery word; dangerous goods, drinks, tobacco, plants, foods and medicines in everyday
# and regional German, French and Spanish words; goods packed beside their article; a fifth
# look-alikes), written before the round-12 work and then tuned on: held to its levels, its misses
# left with their reasons.
DEV_ROUND12 = "dev_round12.csv"
DEV12_MISSES = _misses_of(DEV_ROUND12)
DEV12_CASES = _cases([DEV_ROUND12])
# The round-13 tuning set of harmless items whose name holds a trigger word by accident (brands,
# colours, flavours, sport, music and stationery words, kitchen tools and tool accessories, words
# that are a regulated good in another language, "X-free", costumes, toys and garden décor) and
# regulated items of the same look, written before the round-13 reading work and then tuned on:
# held to its levels, its misses left with their reasons.
DEV_HARMLESS13 = "dev_harmless13.csv"
DEVH13_MISSES = _misses_of(DEV_HARMLESS13)
DEVH13_CASES = _cases([DEV_HARMLESS13])
# The round-14 tuning set of regulated goods and battery items named as local sellers and counter
# customers write them (by brand, model or kind only, local and regional German, French and Spanish
# words; batteries beside a device, tools sold without one; a quarter look-alikes), written before
# the round-14 work and then tuned on: held to its levels, its misses left with their reasons.
DEV_ROUND14 = "dev_round14.csv"
DEV14_MISSES = _misses_of(DEV_ROUND14)
DEV14_CASES = _cases([DEV_ROUND14])
# The round-14 tuning set of harmless items with a trigger word (negation and absence in four
# languages, parts and accessories for cordless tools and devices, toys, pictures and likenesses,
# foods and cosmetics made with a drink, equipment for brewing and serving, brand names) and
# regulated items of the same look, written before the round-14 reading work and then tuned on:
# held to its levels, its misses left with their reasons.
DEV_HARMLESS14 = "dev_harmless14.csv"
DEVH14_MISSES = _misses_of(DEV_HARMLESS14)
DEVH14_CASES = _cases([DEV_HARMLESS14])
DEV_ROUNDS = {
    "round8": (DEV8_CASES, DEV8_MISSES),
    "round9": (DEV9_CASES, DEV9_MISSES),
    "round10": (DEV10_CASES, DEV10_MISSES),
    "harmless10": (DEVH10_CASES, DEVH10_MISSES),
    "round11": (DEV11_CASES, DEV11_MISSES),
    "harmless11": (DEVH11_CASES, DEVH11_MISSES),
    "harmless12": (DEVH12_CASES, DEVH12_MISSES),
    "round12": (DEV12_CASES, DEV12_MISSES),
    "harmless13": (DEVH13_CASES, DEVH13_MISSES),
    "round14": (DEV14_CASES, DEV14_MISSES),
    "harmless14": (DEVH14_CASES, DEVH14_MISSES),
}
# the share of harmless look-alikes each tuning set holds at least (rounds 11 and 12 are written
# for the regulated goods that were missed, with a quarter and a fifth look-alikes to measure what
# a fix breaks; round 14 likewise, with a quarter)
HARMLESS_SHARE = {"round11": 0.25, "round12": 0.19, "round14": 0.24}
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


def test_round_thirteen_tuning_set_has_three_hundred_look_alikes_and_eighty_regulated() -> None:
    harmless = [c for c in DEVH13_CASES if c["harmless"] == "1"]
    regulated = [c for c in DEVH13_CASES if c["harmless"] == "0"]
    assert len(harmless) >= 300 and len(regulated) >= 80
    assert {c["lang"] for c in DEVH13_CASES} == {"en", "de", "fr", "es"}
    assert len({c["dest"] for c in DEVH13_CASES}) >= 60
    assert all(c["expect"] != "none" for c in regulated)
    kinds = {c["category"] for c in harmless}
    assert kinds >= {"brand", "colour", "flavour", "sport", "stationery", "kitchen", "tools"}
    assert kinds >= {"compound", "costume", "toy", "decor"}


def test_round_fourteen_tuning_set_has_two_hundred_look_alikes_and_sixty_regulated() -> None:
    harmless = [c for c in DEVH14_CASES if c["harmless"] == "1"]
    regulated = [c for c in DEVH14_CASES if c["harmless"] == "0"]
    assert len(harmless) >= 200 and len(regulated) >= 60
    assert {c["lang"] for c in DEVH14_CASES} == {"en", "de", "fr", "es"}
    assert len({c["dest"] for c in DEVH14_CASES}) >= 60
    assert all(c["expect"] != "none" for c in regulated)
    kinds = {c["category"] for c in harmless}
    assert kinds >= {"negation", "part", "toy", "picture", "food", "cosmetic", "equipment"}
    assert "brand" in kinds


def test_round_twelve_tuning_set_covers_the_departments_and_sixty_destinations() -> None:
    assert {c["lang"] for c in DEV12_CASES} == {"en", "de", "fr", "es"}
    assert len({c["dest"] for c in DEV12_CASES}) >= 60
    kinds = {c["category"] for c in DEV12_CASES if c["harmless"] == "0"}
    assert kinds >= {"gadget", "health", "smarthome", "toy", "camera", "light", "battery"}
    assert kinds >= {"aerosol", "gas", "flammable", "corrosive", "alcohol", "tobacco", "vape"}
    assert kinds >= {"plant", "food", "medicine", "perfume"}
    assert sum(c["harmless"] == "1" for c in DEV12_CASES) >= 60
    assert all(c["expect"] != "none" for c in DEV12_CASES if c["harmless"] == "0")


def test_every_expected_miss_names_a_case_of_a_held_file() -> None:
    """An entry of the misses file whose case was reworded or removed would hide nothing: each
    names a case of a blind round or a tuning set held here, with a reason."""
    held = {(c["file"], c["text"]) for c in BLIND_CASES} | {
        (c["file"], c["text"]) for _, c in DEV_CASES
    }
    for (name, text), reason in MISSES.items():
        assert (name, text) in held, (name, text)
        assert reason.strip(), (name, text)
