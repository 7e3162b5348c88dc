"""Each finding carries a sentence for the customer (plain words, what to do) apart from the
clerk's detail (rule, source, limit, date), in English, French, German and Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.screening.active_rules import active_ruleset
from shipdesk.core.screening.rule_loader import compile_folder
from shipdesk.core.screening.ruleset import LANGS_CUSTOMER, LEVELS, SEVERITY
from shipdesk.core.screening.screen import screen_item

HEADER = 'schema = "restricted-rules/1"\nfile_version = "1.0"\ndate = "2026-01-01"\n'
RULE = """
[[rules]]
id = "T-ONE"
level = "restricted"
category = "other"
confidence = "confirmed"
legal_basis = "test"
review_by = "2030-01-01"
scope = {{ destinations = ["ALL"] }}
message = {{ en = "m", fr = "m", de = "m" }}
advice = {{ en = "a", fr = "a", de = "a" }}
{customer}
[[rules.match]]
keywords = ["widget"]
exclude = []
"""
DEFAULTS = """
[customer.default]
prohibited = { en = "p", fr = "p", de = "p", es = "p" }
restricted = { en = "r", fr = "r", de = "r", es = "r" }
warning = { en = "w", fr = "w", de = "w", es = "w" }
"""


def _levels(rule_level: str, channel_levels: dict[str, str]) -> set[str]:
    """Every level a rule can fire at: its own, its channels', and warning (an unknown value
    or an unconfirmed rule lowers it to a warning)."""
    return {rule_level, *channel_levels.values(), "warning"}


def test_every_shipped_rule_has_a_customer_sentence_in_four_languages_at_every_level() -> None:
    rs = active_ruleset()
    missing = []
    for rule in rs.rules:
        for level in _levels(rule.level, rule.channel_levels):
            assert level in SEVERITY
            table = rs.customer_table(rule, level)
            for lang in LANGS_CUSTOMER:
                if not table.get(lang, "").strip():
                    missing.append(f"{rule.file}: {rule.id} at {level} in {lang}")
    assert not missing, "\n".join(missing)


def test_own_sentences_cover_the_everyday_battery_cases() -> None:
    rs = active_ruleset()
    for rid in ("DG-LI-ION-IN-EQUIP", "DG-LI-METAL-IN-EQUIP", "DG-LI-LOOSE", "DG-LI-LARGE"):
        assert set(rs.by_id[rid].customer) == set(LANGS_CUSTOMER), rid


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "battery must stay inside"),
        ("fr", "batterie doit rester à l'intérieur"),
        ("de", "Akku muss im Gerät bleiben"),
        ("es", "batería debe quedarse dentro"),
    ],
)
def test_phone_gets_the_plain_sentence_in_the_language_asked(lang: str, words: str) -> None:
    findings = screen_item("Smartphone with lithium battery", destination="DE", lang=lang)
    assert [f.rule for f in findings] == ["DG-LI-ION-IN-EQUIP"]
    f = findings[0]
    assert words in f.customer_text
    assert f.customer_text != f.message
    assert "DG-LI-ION-IN-EQUIP" in f.detail and "PI 967" in f.detail and "2026-01" in f.detail


def test_courier_level_takes_the_category_sentence_not_the_posts() -> None:
    post = screen_item("Power bank 20000mAh", destination="AU")[0]
    courier = screen_item("Power bank 20000mAh", destination="AU", channel="courier")[0]
    assert (post.level, courier.level) == ("prohibited", "restricted")
    assert "cannot go by post" in post.customer_text
    assert "cannot go by post" not in courier.customer_text
    assert courier.customer_text


def test_detail_names_the_limit_of_a_value_or_quantity_rule() -> None:
    f = screen_item("Power bank 30000mAh 3.7V", destination="DE")[0]
    assert f.rule == "DG-LI-LARGE"
    assert "Limit: above 100 Wh" in f.detail
    de = screen_item("Power bank 30000mAh 3.7V", destination="DE", lang="de")[0]
    assert "Grenzwert: über 100 Wh" in de.detail and "Regel DG-LI-LARGE" in de.detail


def test_json_keeps_the_contract_keys_and_adds_the_two_texts() -> None:
    data = screen_item("Elf Bar 600 disposable vape", destination="DE")[0].to_json()
    assert {
        "rule", "level", "category", "message", "advice", "item_index", "title", "source",
        "confidence", "local",
    } <= set(data)  # fmt: skip
    assert data["customer_text"] and data["detail"].startswith("Rule ")


def _folder(tmp_path: Path, customer: str, defaults: str = DEFAULTS) -> Path:
    (tmp_path / "groups.toml").write_text(
        HEADER + 'dataset_version = "1.0"\n[groups]\nEU = ["DE"]\n' + defaults, encoding="utf-8"
    )
    (tmp_path / "r.toml").write_text(HEADER + RULE.format(customer=customer), encoding="utf-8")
    return tmp_path


def test_a_rules_own_sentence_needs_all_four_languages(tmp_path: Path) -> None:
    with pytest.raises(
        DataError, match=r"r.toml: rule T-ONE.*'customer' lacks the language\(s\) es"
    ):
        compile_folder(_folder(tmp_path, 'customer = { en = "c", fr = "c", de = "c" }'))


def test_the_default_sentences_need_every_level(tmp_path: Path) -> None:
    partial = "\n".join(line for line in DEFAULTS.splitlines() if not line.startswith("warning"))
    with pytest.raises(DataError, match=r"'customer.default' lacks the level\(s\) warning"):
        compile_folder(_folder(tmp_path, "", partial))
    bad = DEFAULTS + '[customer.sweets]\nwarning = { en = "w", fr = "w", de = "w", es = "w" }\n'
    with pytest.raises(DataError, match="unknown category 'sweets'"):
        compile_folder(_folder(tmp_path, "", bad))


def test_own_sentence_at_its_level_else_the_default(tmp_path: Path) -> None:
    own = 'customer = { en = "own", fr = "propre", de = "eigen", es = "propia" }'
    rs = compile_folder(_folder(tmp_path, own))
    rule = rs.by_id["T-ONE"]
    assert rs.customer_table(rule, "restricted")["es"] == "propia"
    assert rs.customer_table(rule, "warning")["es"] == "w"
    found = screen_item("blue widget", destination="DE", ruleset=rs, lang="es")
    assert [(f.customer_text, f.level) for f in found] == [("propia", "restricted")]
    assert set(LEVELS) == set(rs.customer["default"])
