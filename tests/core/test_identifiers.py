"""S10 item numbers, IOSS, EORI / VAT numbers, phone numbers, ITN."""

from __future__ import annotations

import pytest

from shipdesk.core import identifiers as ids


@pytest.mark.parametrize(
    ("serial", "digit"),
    [
        ("47312482", 9),  # RR473124829GB
        ("00071761", 8),  # EB000717618HK
        ("12345678", 5),
        ("87654321", 6),
        ("11111111", 5),  # remainder 0 -> 5
        ("00000000", 5),
        ("00000008", 0),  # remainder 1 -> 0
    ],
)
def test_s10_check_digit(serial: str, digit: int) -> None:
    assert ids.s10_check_digit(serial) == digit


def test_s10_check_digit_rejects_bad_serials() -> None:
    for bad in ("1234567", "123456789", "1234567a"):
        with pytest.raises(ValueError):
            ids.s10_check_digit(bad)


def test_make_s10() -> None:
    assert ids.make_s10("RR", 47312482, "GB") == "RR473124829GB"
    assert ids.make_s10("ee", "00000008", "us") == "EE000000080US"
    assert ids.make_s10("CP", 0, "FR") == "CP000000005FR"
    assert ids.is_s10(ids.make_s10("LX", 12345678, "DE"))
    with pytest.raises(ValueError):
        ids.make_s10("R", 1, "GB")
    with pytest.raises(ValueError):
        ids.make_s10("RR", 100_000_000, "GB")


@pytest.mark.parametrize(
    "good", ["RR473124829GB", "EB000717618HK", "UA876543216CH", "rr 473 124 829 gb"]
)
def test_s10_good(good: str) -> None:
    assert ids.check_s10(good).ok


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        ("RR473124828GB", "check_digit"),
        ("EE000000085US", "check_digit"),
        ("RR47312482GB", "format"),
        ("1R473124829GB", "format"),
        ("RR473124829ZZ", "country"),
    ],
)
def test_s10_bad(bad: str, reason: str) -> None:
    r = ids.check_s10(bad)
    assert not r.ok and r.reason == reason
    if reason == "check_digit":
        assert r.expected == str(ids.s10_check_digit(bad[2:10]))


def test_ioss() -> None:
    assert ids.check_ioss("IM2760000001").ok
    assert ids.check_ioss("im 276 000 0001").value == "IM2760000001"
    for bad, reason in [
        ("IM1234567890", "InvalidComponent"),  # 123 is no member state
        ("IM276000000", "InvalidLength"),
        ("IM27600000AB", "InvalidFormat"),
        ("EU372022452", "format"),  # a non-union OSS number is not an IOSS number
    ]:
        r = ids.check_ioss(bad)
        assert not r.ok and r.reason == reason, bad
        assert r.detail


def test_eori() -> None:
    assert ids.check_eori("GB123456789000").ok
    assert ids.check_eori("XI123456789000").ok
    assert ids.check_eori("DE1234567").ok
    assert ids.check_eori("FR12345678901234").ok
    assert not ids.check_eori("GB12345").ok
    assert not ids.check_eori("ZZ1234").ok
    assert not ids.check_eori("DE1234567890123456").ok  # over 17 characters
    assert not ids.check_eori("1234567").ok


def test_vat_numbers() -> None:
    assert ids.check_vat("DE136695976").ok
    assert ids.check_vat("FR 61 954 506 077").ok
    assert ids.check_vat("GB 980 7806 84").ok
    r = ids.check_vat("DE136695977")
    assert not r.ok and r.reason == "InvalidChecksum" and r.kind == "EU VAT number"
    assert ids.check_vat("16.727.230/0001-97", "BR").ok  # CNPJ
    assert ids.check_vat("12345", "US").reason == "unknown"


def test_tax_id_accepts_vat_or_eori() -> None:
    assert ids.check_tax_id("DE136695976", "DE").kind == "EU VAT number"
    assert ids.check_tax_id("DE123456789012345", "DE").kind == "EORI number"
    assert ids.check_tax_id("GB123456789000", "GB").kind == "EORI number"
    bad = ids.check_tax_id("DE136695977", "DE")
    assert not bad.ok and bad.kind == "EU VAT number"
    assert not ids.check_tax_id("GB1234", "GB").ok


def test_phone() -> None:
    r = ids.check_phone("+49 30 1234567", "DE")
    assert r.ok and r.reason == "" and r.value == "+49 30 1234567"
    r = ids.check_phone("030 1234567", "DE")
    assert r.ok and r.reason == "national" and r.value == "+49 30 1234567"
    r = ids.check_phone("0044 20 7946 0958", None)
    assert r.ok and r.reason == "national" and r.value == "+44 20 7946 0958"
    assert not ids.check_phone("123", "FR").ok
    assert ids.check_phone("call me", "FR").reason == "parse"
    assert not ids.check_phone("+1 212 555", "US").ok


def test_itn() -> None:
    assert ids.check_itn("X20260101123456").ok
    assert ids.check_itn("AES X20260101123456").value == "X20260101123456"
    assert not ids.check_itn("X2026010112345").ok
    assert not ids.check_itn("20260101123456").ok
