"""Country groups come from dated data, and the rule data agrees with them."""

from __future__ import annotations

import tomllib

from shipdesk.core.countries import eu_members
from shipdesk.core.paths import resource


def test_eu_members_from_the_dated_data_file() -> None:
    eu = eu_members()
    assert len(eu) == 27
    assert {"DE", "FR", "GR", "HR", "IE"} <= eu
    assert "GB" not in eu and "CH" not in eu and "NO" not in eu
    data = tomllib.loads(resource("thresholds.toml").read_text(encoding="utf-8"))
    assert data["eu_members"]["valid_from"] and data["eu_members"]["source"]


def test_screening_rule_groups_agree_with_the_eu_list() -> None:
    # The rule bundle ships its own groups (it is imported and verified as a whole), so the two
    # data files must be updated together when membership changes.
    data = tomllib.loads(resource("rules", "groups.toml").read_text(encoding="utf-8"))
    groups = data["groups"]
    assert frozenset(groups["EU"]) == eu_members()
    assert frozenset(groups["EU_EXCEPT_SE"]) == eu_members() - {"SE"}


def test_warm_up_builds_every_table_the_first_key_needs():
    from shipdesk.core import countries

    for fn in (countries._names, countries._aliases, countries._other_keys, countries._codes):
        fn.cache_clear()
    countries._countries.cache_clear()
    countries._read.cache_clear()
    countries.warm_up("de")
    assert countries._names.cache_info().currsize == 1
    assert countries._aliases.cache_info().currsize == 1
    assert countries._other_keys.cache_info().currsize == 1
    before = countries._countries.cache_info().misses
    countries.country_choices("US", "de")  # the first key: no table is built any more
    assert countries._countries.cache_info().misses == before
    assert countries.country_choices("US", "de")[0][0] == "US"
