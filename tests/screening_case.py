"""One screening evaluation case (a row of the case CSVs: text, dest, origin, channel, expect,
harmless) screened and judged the same way by every evaluation test."""

from __future__ import annotations

from pathlib import Path

from shipdesk.core.screening.screen import highest_level, screen_item


def level_of(case: dict[str, str]) -> tuple[str, list[str]]:
    """The highest level the case gets ("none" when nothing is found) and the rules found."""
    findings = screen_item(
        case["text"], destination=case["dest"], origin=case["origin"], channel=case["channel"]
    )
    return highest_level(findings) or "none", [f.rule for f in findings]


def assert_case(case: dict[str, str]) -> None:
    """The case gets its expected level; a harmless item is never prohibited or restricted."""
    got, rules = level_of(case)
    if case["harmless"] == "1":
        assert got not in ("prohibited", "restricted"), rules
    assert got == case["expect"], rules


def level_of_text(text: str, dest: str = "DE", channel: str = "post") -> str:
    """The highest level a description gets to ``dest`` from another country ("none" if none)."""
    origin = "GB" if dest != "GB" else "DE"
    case = {"text": text, "dest": dest, "origin": origin, "channel": channel}
    return level_of(case)[0]


def assert_level_of_plain_naming(text: str, dest: str, plain: str) -> None:
    """``text`` gets at ``dest`` the level its plain naming ``plain`` gets there (which must be
    one), so a test holds the reading of a new word, not a level typed by hand."""
    level = level_of_text(plain, dest)
    assert level != "none", plain
    assert level_of_text(text, dest) == level


def battery_prohibitions(texts: tuple[str, ...] | list[str]) -> list[tuple[str, str, str]]:
    """(destination, text, rule) for each of ``texts`` prohibited for its battery at any
    destination of the shipped rules. A prohibition blocks printing: a device whose battery is
    installed may be blocked only by law or an operator rule on the device itself (import bans
    and sanctions, other categories than dangerous goods and postal rules, are left out)."""
    from shipdesk.core.screening.active_rules import active_ruleset

    rs = active_ruleset()
    destinations = sorted({d for r in rs.rules if r.destinations for d in r.destinations})
    return [
        (dest, text, f.rule)
        for dest in destinations
        for text in texts
        for f in screen_item(text, destination=dest, origin="GB" if dest != "GB" else "DE")
        if f.level == "prohibited" and f.category in ("dangerous_goods", "postal_rules")
    ]


def write_one_rule_folder(folder: Path, *, groups: str = "", rule: str = "", match: str) -> None:
    """A rules folder with a groups file and one warning rule "X-1" for every destination:
    ``groups`` is added to the groups file, ``rule`` to the rule's table and ``match`` is its
    match table (TOML lines), for tests of what the loader accepts."""
    folder.mkdir(exist_ok=True)
    (folder / "groups.toml").write_text(
        'schema = "restricted-rules/1"\ndataset_version = "1"\nfile_version = "1"\n'
        f'date = "2026-12-05"\ntitle = "g"\n[groups]\n{groups}',
        encoding="utf-8",
    )
    (folder / "x.toml").write_text(
        'schema = "restricted-rules/1"\nfile_version = "1"\ndate = "2026-12-05"\ntitle = "x"\n'
        '[[rules]]\nid = "X-1"\nlevel = "warning"\ncategory = "other"\ntitle = "x"\n'
        f'{rule}scope = {{ destinations = ["ALL"] }}\n'
        'legal_basis = "x"\nconfidence = "knowledge"\nreview_by = "2027-01-01"\n'
        'message = { en = "m", fr = "m", de = "m" }\nadvice = { en = "a", fr = "a", de = "a" }\n'
        f"[[rules.match]]\n{match}",
        encoding="utf-8",
    )
