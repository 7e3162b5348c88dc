"""Rule files: validation errors name file and rule; the shipped set is complete and current."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.i18n import available_languages
from shipdesk.core.paths import resource
from shipdesk.core.screening.bundle import MANIFEST, build_manifest
from shipdesk.core.screening.rule_loader import compile_folder

HEADER = 'schema = "restricted-rules/1"\nfile_version = "1.0"\ndate = "2026-01-01"\n'
GOOD = """
[[rules]]
id = "T-ONE"
level = "warning"
category = "other"
confidence = "knowledge"
legal_basis = "test"
review_by = "2030-01-01"
scope = { destinations = ["ALL"] }
message = { en = "m", fr = "m", de = "m" }
advice = { en = "a", fr = "a", de = "a" }
[[rules.match]]
keywords = ["widget"]
exclude = []
"""

# Every rule id named in the reference catalogue (sections 1-4) must exist in the shipped set.
_REFERENCE_TEXT = """
UPU-NARCOTICS UPU-OBSCENE UPU-COUNTERFEIT UPU-LIVE-ANIMALS UPU-VALUABLES
DG-LI-ION-IN-EQUIP DG-LI-METAL-IN-EQUIP DG-LI-LOOSE DG-LI-LARGE DG-LEAD-ACID DG-PERFUME
DG-NAIL-POLISH DG-AEROSOL DG-GAS DG-MATCHES DG-LIGHTER DG-EXPLOSIVES DG-SAFETY-DEVICES
DG-FLAMMABLE DG-FLAMMABLE-MAYBE DG-CORROSIVE-TOXIC DG-DRY-ICE DG-MAGNET DG-RADIOACTIVE
DG-SMOKE-DETECTOR DG-BIO-SPECIMEN DG-ALCOHOL-HIGH DG-FUEL-EQUIP DG-ECIG
GEN-ALCOHOL GEN-TOBACCO GEN-MEDICINES GEN-CONTROLLED-MEDS GEN-CBD GEN-FIREARMS
GEN-REPLICA-AIRGUN GEN-WEAPONS-MISC GEN-CITES GEN-PLANT-SEEDS GEN-MEAT-DAIRY GEN-JAMMER
GEN-LASER-POINTER GEN-DRONE GEN-SPY-DEVICES GEN-ANTIQUITIES GEN-DUAL-USE DOGCAT-SEAL-FUR
US-KINDER-EGG US-ALCOHOL-MAIL US-ABSINTHE US-TOBACCO-ENDS-MAIL US-FDA-DRUGS US-USDA-MEAT-EGG
US-APHIS-PLANTS US-SWITCHBLADE US-LOTTERY US-EMBARGO-ORIGIN
CA-PROHIBITED-WEAPONS CA-REPLICA-FIREARM CA-BABY-WALKER CA-CANNABIS CA-CFIA CA-VAPE-NICOTINE
GB-OFFENSIVE-WEAPONS GB-KNIFE-REMOTE-SALE GB-RIF GB-POAO GB-PLANT-HEALTH GB-SINGLE-USE-VAPE
GB-INDECENT EU-POAO-PERSONAL EU-POAO-INFANT EU-PLANT-HEALTH EU-TPD-NICOTINE EU-SNUS
EU-MEDICINES EU-CULTURAL EU-MERCURY EU-COUNTERFEIT EU-RU-BY-ORIGIN DE-WAFFG-PROHIBITED
DE-AIRSOFT-F-MARK DE-UNCONSTITUTIONAL-SYMBOLS FR-TOBACCO-DISTANCE FR-COUNTERFEIT FR-WEAPONS-CAT
AU-VAPES AU-TOBACCO-POST AU-BIOSEC-ANIMAL AU-BIOSEC-SEEDS AU-BIOSEC-PLANT-FRESH AU-WEAPONS
AU-LASER AU-PIED AU-MISC-POSTAL NZ-PSEUDOEPHEDRINE NZ-BIOSEC NZ-WEAPONS NZ-OBJECTIONABLE
JP-STIMULANTS JP-PHARMA-QTY JP-IP-INFRINGING JP-ANIMAL-QUARANTINE JP-PLANT-QUARANTINE
JP-SWORDS-KNIVES JP-PROHIBITED-GENERAL CN-PROHIBITED-IMPORTS CN-IMITATION-ARMS CN-GACC-AG
CN-PERSONAL-VALUE CN-USED-CLOTHING CN-MAPS-PRINTED BR-ECIG BR-REPLICA-FIREARMS BR-ANVISA-MEDS
BR-MAPA-AG IN-ECIG IN-DRONES IN-GIFTS-POST IN-SATPHONE IN-PLANT-QUARANTINE IN-MAPS
RU-SPY-DEVICES RU-RADIO-CRYPTO RU-FOOD-COUNTERSANCTIONS SA-ALCOHOL SA-PORK SA-SWINE-DERIVED
SA-NUTMEG SA-SPY-DEVICES SA-LASER SA-SHOCK SA-RADAR-DETECTOR SA-NV-SCOPES SA-GAMBLING
SA-SEX-ITEMS SA-RELIGIOUS SA-DRONE SA-MEDS AE-POPPY-BETEL AE-GAMBLING AE-FISHING-NETS
AE-USED-TYRES AE-MORALS AE-ALCOHOL AE-ECIG AE-CONTROLLED-MEDS AE-DRONE-RADIO
SAN-KP SAN-IR SAN-CU SAN-SY SAN-RU SAN-BY SAN-UA-OCCUPIED SAN-ARMS-ONLY SAN-EU-RU-LUX
SAN-EU-RU-TECH SAN-EU-BY-LUX SAN-UK-RU-LUX SAN-US-RU-BY SAN-US-CU SAN-US-IR SAN-US-KP
SAN-CHP-TRANSHIP
"""
REFERENCE_IDS = _REFERENCE_TEXT.split()


def folder(tmp_path: Path, body: str, name: str = "r.toml") -> Path:
    (tmp_path / "groups.toml").write_text(
        HEADER + 'dataset_version = "1.0"\n[groups]\nEU = ["DE"]\n', encoding="utf-8"
    )
    (tmp_path / name).write_text(HEADER + body, encoding="utf-8")
    return tmp_path


def error(tmp_path: Path, body: str) -> str:
    with pytest.raises(DataError) as info:
        compile_folder(folder(tmp_path, body))
    return str(info.value)


def test_good_file_compiles(tmp_path: Path) -> None:
    rs = compile_folder(folder(tmp_path, GOOD))
    assert [r.id for r in rs.rules] == ["T-ONE"]
    assert rs.dataset_version == "1.0"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (('level = "warning"', 'levle = "warning"'), "r.toml: rule T-ONE: unknown field 'levle'"),
        (('level = "warning"', 'level = "banned"'), "r.toml: rule T-ONE: 'level' must be one of"),
        (('category = "other"', 'category = "misc"'), "'category' 'misc' is not a known"),
        (('["widget"]', '["widget", "<phrase>"]'), "rule T-ONE: match #1: 'keywords' has an empty"),
        (('["widget"]', '["widget", "  "]'), "'keywords' has an empty or placeholder phrase"),
        (('["widget"]', '"widget"'), "'keywords' must be a list of strings"),
        (("exclude = []", ""), "needs an 'exclude' list"),
        (('destinations = ["ALL"]', 'destinations = ["XYZ"]'), "unknown country or group 'XYZ'"),
        (('confidence = "knowledge"', 'confidence = "unconfirmed"\nlevel_x = 1'), "unknown field"),
        (('fr = "m", ', ""), "'message' lacks the language(s) fr"),
        (('review_by = "2030-01-01"', 'review_by = "soon"'), "'review_by' must be an ISO date"),
        (('keywords = ["widget"]', 'hs = ["85A7"]'), "'hs' entry '85A7' is not an HS prefix"),
        (('level = "warning"', 'level = "warning"\nsupersedes = ["NOPE"]'), "unknown rule 'NOPE'"),
        (('[[rules.match]]\nkeywords = ["widget"]\nexclude = []', ""), "at least one"),
    ],
)
def test_validation_errors_name_file_and_rule(
    tmp_path: Path, change: tuple[str, str], expected: str | None
) -> None:
    body = GOOD.replace(*change)
    msg = error(tmp_path, body)
    assert "r.toml" in msg
    if expected:
        assert expected in msg


def test_unconfirmed_rules_may_only_warn(tmp_path: Path) -> None:
    body = GOOD.replace('confidence = "knowledge"', 'confidence = "unconfirmed"').replace(
        'level = "warning"', 'level = "prohibited"'
    )
    assert "unconfirmed rule may only have the level 'warning'" in error(tmp_path, body)


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    folder(tmp_path, GOOD, "a.toml")
    (tmp_path / "b.toml").write_text(HEADER + GOOD, encoding="utf-8")
    with pytest.raises(DataError, match=r"b\.toml: rule T-ONE: duplicate id \(also in a\.toml\)"):
        compile_folder(tmp_path)


def test_supersedes_cycle(tmp_path: Path) -> None:
    two = GOOD.replace('level = "warning"', 'level = "warning"\nsupersedes = ["T-TWO"]')
    two += GOOD.replace("T-ONE", "T-TWO").replace(
        'level = "warning"', 'level = "warning"\nsupersedes = ["T-ONE"]'
    )
    assert "cycle in supersedes: T-ONE -> T-TWO -> T-ONE" in error(tmp_path, two)


def test_not_toml_and_missing_header(tmp_path: Path) -> None:
    assert "not valid TOML" in error(tmp_path, GOOD + "\n[[rules]\n")
    (tmp_path / "r.toml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(DataError, match="'schema' must be"):
        compile_folder(tmp_path)


SHIPPED_LANGS = available_languages()  # en, de, fr, es


def test_every_category_has_a_word_in_every_language() -> None:
    from shipdesk.core.screening.notes import category_word
    from shipdesk.core.screening.ruleset import CATEGORIES

    for category in CATEGORIES:
        words = {lang: category_word(category, lang) for lang in SHIPPED_LANGS}
        assert all(w and "_" not in w for w in words.values()), words
    assert category_word("dangerous_goods", "es") == "mercancías peligrosas"
    assert category_word("not_a_category", "de") == "not_a_category"


# -- the shipped data --------------------------------------------------------------------
def test_shipped_rules_cover_the_reference() -> None:
    rs = compile_folder(resource("rules"), eager=True)  # every pattern builds
    missing = sorted(set(REFERENCE_IDS) - set(rs.by_id))
    assert missing == []
    for r in rs.rules:
        # every language of the interface; a rule file of an older bundle or a local rule needs
        # only en, fr and de (LANGS_REQUIRED) and shows English for the others
        assert set(SHIPPED_LANGS) <= set(r.message) and set(SHIPPED_LANGS) <= set(r.advice), r.id
        assert r.review_by is not None
        if r.confidence == "unconfirmed":
            assert r.level == "warning" and set(r.channel_levels.values()) <= {"warning"}
    files = {f.path for f in rs.files}
    assert {"upu.toml", "dg.toml", "general.toml", "sanctions.toml"} <= files
    assert len([f for f in files if f.startswith("dest/")]) >= 15
    for f in rs.files:
        assert f.file_version and re.fullmatch(r"\d{4}-\d{2}-\d{2}", f.date)


def test_shipped_manifest_is_current() -> None:
    folder = resource("rules")
    on_disk = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert on_disk == build_manifest(folder), "run python tools/build_rules.py"


def test_shipped_rules_compile_from_a_copy(tmp_path: Path) -> None:
    shutil.copytree(resource("rules"), tmp_path / "copy")
    assert len(compile_folder(tmp_path / "copy").rules) == len(
        compile_folder(resource("rules")).rules
    )


def _inline_examples() -> list[tuple[str, dict]]:
    rs = compile_folder(resource("rules"))
    return [(r.id, t) for r in rs.rules for t in r.tests]


def test_some_rules_carry_inline_examples() -> None:
    assert len(_inline_examples()) >= 10


@pytest.mark.parametrize(
    ("rule_id", "example"), _inline_examples(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_inline_examples(rule_id: str, example: dict) -> None:
    from shipdesk.core.screening.screen import screen_item

    found = screen_item(
        example["text"],
        hs_code=example.get("hs", ""),
        destination=example.get("dest", ""),
        origin=example.get("origin", ""),
        channel=example.get("channel", "post"),
    )
    assert (rule_id in [f.rule for f in found]) is example["expect"]
