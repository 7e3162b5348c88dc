"""Settings: saved senders with a default, currency, weight unit, paper, printer, theme.

Each is typed, persisted, refused when outside its choices, and read back as its default when
the stored value is damaged. Weights typed in another unit are converted in the core and kept
in kg; what is shown can be typed again without changing the kept value."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.model import Party
from shipdesk.core.services import Workspace, declarations, records
from shipdesk.core.storage.settings import PAPER_SIZES, Settings, SqliteSettings
from shipdesk.core.units import KG_PER_UNIT, WEIGHT_UNITS, from_kg, split_unit, to_kg


# -- weight units -------------------------------------------------------------------------------
def test_sixteen_ounces_are_kept_as_kg_and_shown_as_sixteen_ounces() -> None:
    exact = 16 * KG_PER_UNIT["oz"]
    assert exact == Decimal("0.45359237")
    assert to_kg("16", "oz") == "0.454"  # kept to the gram, as the model keeps weights
    assert to_kg("16 oz", "kg") == "0.454"  # a unit word typed after the number wins
    assert from_kg("0.454", "oz") == "16"
    assert from_kg("0.45359237", "oz") == "16"  # an exact value read from a file
    assert from_kg("0.454", "lb") == "1"
    assert from_kg("0.454", "g") == "454"


@pytest.mark.parametrize("unit", WEIGHT_UNITS)
@pytest.mark.parametrize(
    "kg", ["0.001", "0.01", "0.25", "0.454", "0.5", "0.999", "1", "1.234", "2.5", "19.999", "30"]
)
def test_what_is_shown_is_kept_the_same_when_typed_again(unit: str, kg: str) -> None:
    shown = from_kg(kg, unit)
    assert Decimal(to_kg(shown, unit)) == Decimal(kg)


@pytest.mark.parametrize(
    ("typed", "unit", "kept"),
    [
        ("250", "g", "0.25"),
        ("2.5 lbs", "g", "1.134"),
        ("1 lb", "kg", "0.454"),
        ("3,5", "oz", "0.099"),  # a comma decimal, as users type it
        ("0.25", "kg", "0.25"),  # kilograms are kept as typed
        ("0,250", "kg", "0,250"),
        ("0.250 kg", "oz", "0.250"),
    ],
)
def test_typed_weights_are_converted(typed: str, unit: str, kept: str) -> None:
    assert to_kg(typed, unit) == kept


def test_every_gram_up_to_5_kg_round_trips_in_every_unit() -> None:
    for unit in WEIGHT_UNITS:
        for grams in range(1, 5001):
            kg = str(Decimal(grams) / 1000)
            assert Decimal(to_kg(from_kg(kg, unit), unit)) == Decimal(kg), (unit, kg)


def test_text_that_is_no_weight_is_kept_as_typed() -> None:
    assert to_kg("about a pound", "oz") == "about a pound"
    assert to_kg("", "lb") == ""
    assert from_kg("?", "oz") == "?"
    assert split_unit("16oz") == ("16", "oz")
    assert split_unit("Tog") == ("Tog", None)  # a word ending in g is not grams
    with pytest.raises(ValueError, match="stone"):
        to_kg("1", "stone")


# -- typed settings -----------------------------------------------------------------------------
def test_new_settings_default_and_round_trip(workspace: Workspace) -> None:
    s = records.settings(workspace)
    assert (s.currency, s.weight_unit, s.printer, s.theme, s.paper) == (
        "EUR",
        "kg",
        "",
        "system",
        "a4",
    )
    records.update_settings(
        workspace, currency="usd", weight_unit="oz", printer="Label 4x6", theme="dark"
    )
    records.update_settings(workspace, paper="label-4x6")
    workspace.refresh()
    s = Settings.from_repository(SqliteSettings(workspace.db))
    assert (s.currency, s.weight_unit, s.printer, s.theme, s.paper) == (
        "USD",
        "oz",
        "Label 4x6",
        "dark",
        "label-4x6",
    )
    assert workspace.settings == s


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("currency", "EURO", "ISO 4217"),
        ("currency", "XYZ", "ISO 4217"),
        ("weight_unit", "stone", "weight_unit"),
        ("theme", "pink", "theme"),
        ("paper", "a3", "paper"),
    ],
)
def test_values_outside_the_choices_are_refused_in_one_line(
    workspace: Workspace, name: str, value: str, said: str
) -> None:
    with pytest.raises(InputError, match=said) as caught:
        records.update_settings(workspace, **{name: value})
    assert "\n" not in str(caught.value)
    assert getattr(records.settings(workspace), name) == getattr(Settings(), name)


def test_any_iso_4217_code_is_a_currency() -> None:
    codes = dict(records.currency_choices())
    assert len(codes) > 150 and {"EUR", "USD", "JPY", "CHF", "KWD"} <= codes.keys()
    assert records.read_currency(" chf ") == "CHF"


def test_damaged_values_read_as_defaults(workspace: Workspace) -> None:
    for key, bad in (
        ("currency", "euro"),
        ("weight_unit", 3),
        ("theme", "neon"),
        ("paper", "a0"),
        ("printer", ["x"]),
    ):
        workspace.settings_store.put(key, bad)
    workspace.refresh()
    s = workspace.settings
    assert (s.currency, s.weight_unit, s.theme, s.paper, s.printer) == (
        "EUR",
        "kg",
        "system",
        "a4",
        "",
    )


def test_paper_sizes_are_the_documents_sizes() -> None:
    from shipdesk.core.documents.layout import PAPERS

    assert set(PAPER_SIZES) == set(PAPERS)


def test_a_new_declaration_takes_the_currency_of_the_settings(workspace: Workspace) -> None:
    records.update_settings(workspace, currency="GBP")
    assert declarations.new_declaration(workspace).currency == "GBP"


# -- saved senders ------------------------------------------------------------------------------
def _party(name: str, city: str) -> Party:
    return Party(name=name, street="Hauptstr. 1", postcode="10115", city=city, country="DE")


def test_several_senders_with_one_default(workspace: Workspace) -> None:
    assert records.saved_senders(workspace) == []
    records.save_sender(workspace, _party("Shop One", "Berlin"))
    records.save_sender(workspace, _party("Shop Two", "Hamburg"), default=False)
    senders = records.saved_senders(workspace)
    assert [(s.party["name"], s.default) for s in senders] == [
        ("Shop One", True),
        ("Shop Two", False),
    ]
    assert senders[0].label == "Shop One · Berlin"
    assert declarations.new_declaration(workspace).sender.name == "Shop One"
    assert records.set_default_sender(workspace, senders[1].id)
    assert declarations.new_declaration(workspace).sender.name == "Shop Two"
    party = records.sender_party(workspace, senders[0].id)
    assert party is not None and party.city == "Berlin"
    # the same sender saved again is not kept twice
    records.save_sender(workspace, _party("Shop One", "Berlin"), default=False)
    assert len(records.saved_senders(workspace)) == 2
    # deleting the default makes the one left the default
    assert records.delete_sender(workspace, senders[1].id)
    (left,) = records.saved_senders(workspace)
    assert left.default and left.party["name"] == "Shop One"
    assert declarations.default_sender(workspace) is not None
    assert not records.delete_sender(workspace, 999)


def test_senders_persist_and_an_older_single_sender_is_read_as_the_default(
    workspace: Workspace,
) -> None:
    workspace.settings_store.put("sender", {"name": "Old Shop", "country": "FR"})
    (only,) = records.saved_senders(workspace)
    assert only.default and only.party["name"] == "Old Shop"
    records.save_sender(workspace, _party("New Shop", "Köln"), default=False)
    stored = SqliteSettings(workspace.db)
    assert [row["party"]["name"] for row in stored.get("senders")] == ["Old Shop", "New Shop"]
    assert stored.get("sender")["name"] == "Old Shop"  # older versions read the default here


def test_damaged_sender_rows_are_skipped(workspace: Workspace) -> None:
    workspace.settings_store.put(
        "senders",
        [
            "x",
            {"id": 4, "party": {"name": "A"}, "default": False},
            {"id": 4, "party": {"name": "B"}, "default": False},
        ],
    )
    senders = records.saved_senders(workspace)
    assert [s.party["name"] for s in senders] == ["A", "B"]
    assert len({s.id for s in senders}) == 2
    assert [s.default for s in senders] == [True, False]  # exactly one default
