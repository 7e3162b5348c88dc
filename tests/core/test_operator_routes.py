"""Operators' own refusals of devices with lithium batteries by destination and service
(``[[lithium.routes]]`` in the operator profiles): reported as the operator's refusal
(``OP-LI-REFUSED``, the operator's id in ``Finding.operator``), never as a destination
prohibition, and the destination's rules are screened the same with or without an operator."""

from __future__ import annotations

from dataclasses import replace

import pytest

from shipdesk.core.errors import DataError
from shipdesk.core.model import Declaration, Item, Party
from shipdesk.core.operators import (
    LithiumRoute,
    get_profile,
    lithium_routes,
    load_profiles,
    parse_route,
)
from shipdesk.core.screening.active_rules import active_ruleset
from shipdesk.core.screening.operator_routes import REFUSED_RULE, level
from shipdesk.core.screening.screen import highest_level, screen_declaration, screen_item

PHONE = "Smartphone Samsung Galaxy A15"


def _refusals(findings: list) -> list:
    return [f for f in findings if f.rule == REFUSED_RULE]


def _route(**changes: object) -> LithiumRoute:
    base = LithiumRoute(
        mode="refuse",
        destinations=frozenset({"NZ"}),
        services=(),
        confidence="confirmed",
        source="test source",
        url="https://example.org/",
        accessed="2026-12",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def _with_routes(operator_id: str, *routes: LithiumRoute):  # type: ignore[no-untyped-def]
    profile = get_profile(operator_id)
    assert profile.lithium is not None
    return replace(profile, lithium=replace(profile.lithium, routes=tuple(routes)))


def test_australia_post_refuses_devices_to_france_by_international_courier_only() -> None:
    """Australia Post's guide for France: no lithium batteries by International Courier; its
    other services take them, so the phone is restricted (another service), not prohibited."""
    ap = get_profile("australia_post")
    found = screen_item(PHONE, destination="FR", origin="AU", operator=ap)
    (refusal,) = _refusals(found)
    assert (refusal.level, refusal.category, refusal.operator) == (
        "restricted",
        "postal_rules",
        "australia_post",
    )
    assert "Australia Post" in refusal.message and "International Courier" in refusal.message
    assert "not the destination's law" in refusal.message
    assert "International Courier" in refusal.advice
    assert "auspost.com.au" in refusal.detail and "2026-12" in refusal.detail
    assert highest_level(found) == "restricted"
    # not to a destination the operator takes it to, not without the operator, not by courier
    assert _refusals(screen_item(PHONE, destination="DE", origin="AU", operator=ap)) == []
    assert _refusals(screen_item(PHONE, destination="FR", origin="AU")) == []
    assert _refusals(screen_item(PHONE, destination="FR", channel="courier", operator=ap)) == []


def test_unconfirmed_refusals_are_warnings_that_say_so() -> None:
    usps = screen_item("Apple iPhone 15 128GB", destination="ZA", operator=get_profile("usps"))
    (refusal,) = _refusals(usps)
    assert refusal.level == "warning" and refusal.confidence == "unconfirmed"
    assert "confirm it with" in refusal.message
    dp = screen_item(
        "Laptop Lenovo ThinkPad", destination="US", operator=get_profile("deutsche_post")
    )
    (refusal,) = _refusals(dp)
    assert refusal.level == "warning" and "DHL Paket International" in refusal.message


def test_a_confirmed_refusal_by_every_service_is_prohibited() -> None:
    profile = _with_routes("royal_mail", _route())
    found = screen_item(PHONE, destination="NZ", operator=profile, lang="fr")
    (refusal,) = _refusals(found)
    assert refusal.level == "prohibited" and refusal.operator == "royal_mail"
    assert "Royal Mail" in refusal.message and "Nouvelle-Zélande" in refusal.message
    assert "(NZ)" not in refusal.message
    assert level(_route(services=("Tracked 48",))) == "restricted"
    assert level(_route(confidence="unconfirmed")) == "warning"


def test_accept_only_refuses_every_destination_not_listed() -> None:
    route = _route(mode="accept_only", destinations=frozenset({"FR", "DE"}))
    assert route.refuses("JP") and not route.refuses("FR") and not route.refuses("")
    profile = _with_routes("royal_mail", route)
    assert lithium_routes(profile, "JP") == [route]
    assert _refusals(screen_item(PHONE, destination="DE", operator=profile)) == []
    assert len(_refusals(screen_item(PHONE, destination="JP", operator=profile))) == 1


@pytest.mark.parametrize(
    "text", ["Power bank 10000mAh", "Cotton T-shirt", "Alkaline AA batteries 4 pack"]
)
def test_only_devices_with_an_installed_battery_get_the_refusal(text: str) -> None:
    """A loose battery is prohibited by post anyway (DG-LI-LOOSE); other goods are not
    concerned."""
    profile = _with_routes("royal_mail", _route())
    assert _refusals(screen_item(text, destination="NZ", operator=profile)) == []


def test_declaration_refusal_per_item_with_the_items_index() -> None:
    profile = _with_routes("royal_mail", _route())
    decl = Declaration(
        sender=Party(name="S", country="GB"),
        recipient=Party(name="R", country="NZ"),
        items=[
            Item(description="Cotton T-shirt", quantity="1", value="10"),
            Item(description=PHONE, quantity="1", value="150"),
            Item(description="Kindle Paperwhite e-reader", quantity="1", value="120"),
        ],
        date="2026-12-05",
    )
    refusals = _refusals(screen_declaration(decl, operator=profile))
    assert [f.item_index for f in refusals] == [1, 2]
    assert all(f.to_json()["operator"] == "royal_mail" for f in refusals)
    assert _refusals(screen_declaration(decl, operator=profile, channel="courier")) == []


DEVICES = (
    "Smartphone Samsung Galaxy A15",
    "Apple MacBook Air M2",
    "Wireless earbuds with charging case",
    "Kindle Paperwhite e-reader",
)


def test_an_operator_refusal_never_changes_the_destination_findings() -> None:
    """With any shipped operator, the findings of the rule files are the same as with the UPU
    default, and every prohibition of a device for its battery is the operator's own (OP-*,
    operator named): the destination test (no installed-battery device prohibited at any
    destination) stays a statement about the destinations."""
    rs = active_ruleset()
    destinations = sorted({d for r in rs.rules if r.destinations for d in r.destinations})
    operators = [p for p in load_profiles().values() if p.lithium and p.lithium.routes]
    assert {p.id for p in operators} >= {"australia_post", "usps", "deutsche_post"}
    for dest in destinations:
        origin = "GB" if dest != "GB" else "DE"
        for text in DEVICES:
            base = screen_item(text, destination=dest, origin=origin)
            rules = [(f.rule, f.level) for f in base if not f.operator]
            for profile in operators:
                found = screen_item(text, destination=dest, origin=origin, operator=profile)
                assert [(f.rule, f.level) for f in found if not f.operator] == rules
                for f in found:
                    if f.level == "prohibited" and f.category in (
                        "dangerous_goods",
                        "postal_rules",
                    ):
                        assert f.operator and f.rule.startswith("OP-"), (dest, text, f.rule)


def test_every_shipped_route_is_dated_and_sourced() -> None:
    seen = 0
    for pid, profile in load_profiles().items():
        for route in profile.lithium.routes if profile.lithium else ():
            seen += 1
            assert route.url.startswith(("http://", "https://")), pid
            assert route.source and route.accessed == "2026-12", pid
            assert route.confidence in ("confirmed", "unconfirmed"), pid
    assert seen >= 4


GOOD = {
    "mode": "refuse",
    "destinations": ["ZA"],
    "confidence": "confirmed",
    "source": "s",
    "url": "https://example.org/",
    "accessed": "2026-12",
}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"mode": "block"}, "lithium.routes.mode must be one of refuse, accept_only"),
        ({"destinations": ["South Africa"]}, "'South Africa' is not a two-letter country code"),
        ({"destinations": []}, "lithium.routes.destinations must be a list"),
        ({"mode": "accept_only", "destinations": ["ALL"]}, "accept_only cannot list 'ALL'"),
        ({"services": [""]}, "lithium.routes.services must be a list of service names"),
        ({"confidence": "likely"}, "lithium.routes.confidence must be one of"),
        ({"url": "auspost.com.au"}, "lithium.routes.url must be a web address"),
        ({"accessed": "December"}, "lithium.routes.accessed must be YYYY-MM"),
        ({"colour": "red"}, "unknown key(s) colour"),
    ],
)
def test_bad_route_tables_are_refused_naming_the_file_and_key(
    table: dict[str, object], message: str
) -> None:
    parse_route(GOOD, "ops/x.toml")
    with pytest.raises(DataError, match=r"^ops/x\.toml: ") as exc:
        parse_route({**GOOD, **table}, "ops/x.toml")
    assert message in str(exc.value)
    missing = {k: v for k, v in GOOD.items() if k != "url"}
    with pytest.raises(DataError, match="missing key 'url'"):
        parse_route(missing, "ops/x.toml")


def test_the_customer_hears_the_operator_not_a_ban_of_the_destination() -> None:
    """The answer across the counter names the operator that will not carry the device, and
    does not say the destination forbids it."""
    from shipdesk.core.screening.answer import customer_answer

    profile = _with_routes("royal_mail", _route())
    decl = Declaration(
        sender=Party(name="S", country="GB"),
        recipient=Party(name="R", country="NZ"),
        items=[Item(description=PHONE, quantity="1", value="150")],
        date="2026-12-05",
    )
    findings = screen_declaration(decl, operator=profile)
    (line,) = customer_answer(decl, findings)
    assert line.startswith(f"No: “{PHONE}” cannot go to New Zealand with Royal Mail.")
    assert "may not be sent" not in line
    (german,) = customer_answer(decl, screen_declaration(decl, operator=profile, lang="de"), "de")
    assert "Royal Mail" in german and "Neuseeland" in german
