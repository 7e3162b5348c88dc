"""Reading typed text for checks: NFKC, invisible characters, look-alike letters."""

from __future__ import annotations

import pytest

from shipdesk.core.text import checked_form, confusables, invisible, read_text


@pytest.mark.parametrize(
    ("typed", "hidden"),
    [
        ("power\u200bbank", "\u200b"),  # zero-width space
        ("power\u00adbank", "\u00ad"),  # soft hyphen
        ("power\u200dbank", "\u200d"),  # zero-width joiner between Latin letters
        ("power\u2060bank", "\u2060"),  # word joiner
        ("power\x00bank", "\x00"),  # NUL
        ("power\ufeffbank", "\ufeff"),  # byte order mark
        ("power\u202ebank", "\u202e"),  # right-to-left override
        ("power\ufe0fbank", "\ufe0f"),  # variation selector
        ("power\U000e0062bank", "\U000e0062"),  # tag letter
    ],
)
def test_invisible_characters_are_removed_and_reported(typed: str, hidden: str) -> None:
    read = read_text(typed)
    assert read.text == "powerbank"
    assert read.spaced == "power bank"
    assert read.hidden == (hidden,)
    assert read.changed


def test_ordinary_white_space_is_a_space_and_not_hidden() -> None:
    read = read_text("cotton\tT-shirt\nfor men\u00a0XL")
    assert read.text == "cotton T-shirt for men XL"
    assert not read.changed


def test_nfkc_reads_full_width_and_mathematical_letters_as_latin() -> None:
    assert checked_form("ｐｏｗｅｒ 𝐛𝐚𝐧𝐤") == "power bank"


@pytest.mark.parametrize(
    ("typed", "read_as"),
    [
        ("роwer bank", "power bank"),  # Cyrillic р, о inside a Latin word
        ("pоwеr bаnk", "power bank"),  # Cyrillic о, е, а
        ("ΡOWER bank", "POWER bank"),  # Greek capital rho
        ("РОWЕR", "POWER"),  # mixed: Cyrillic Р, О, Е with Latin W, R
        ("реррег spray", "pepper spray"),  # every letter a look-alike, in an English text
    ],
)
def test_disguised_words_are_read_as_latin(typed: str, read_as: str) -> None:
    read = read_text(typed)
    assert read.text == read_as
    assert read.lookalikes
    assert not read.hidden


@pytest.mark.parametrize(
    "genuine",
    [
        "Внешний аккумулятор",
        "Чехол для iPhone, силикон",
        "ВЕС 2 кг, сок яблочный",  # "ВЕС" and "сок" look Latin, but the text is Russian
        "Ελληνικό ελαιόλαδο",
        "中文 说明书",
        "Vêtements en coton",
    ],
)
def test_genuine_text_of_other_scripts_is_left_alone(genuine: str) -> None:
    read = read_text(genuine)
    assert read.text == genuine
    assert not read.changed


def test_joiners_at_home_in_arabic_script_and_emoji_are_not_reported() -> None:
    assert read_text("می\u200cخواهم").hidden == ()
    assert read_text("👩\u200d💻 sticker").hidden == ()


def test_invisible_keeps_spaces_and_letters() -> None:
    assert invisible("\u200b") and invisible("\x07") and invisible("\u00ad")
    assert not invisible(" ") and not invisible("\n") and not invisible("a")
    assert not invisible("р")


def test_confusables_table_comes_from_the_shipped_data() -> None:
    table = confusables()
    assert table["р"] == "p" and table["о"] == "o" and table["Ρ"] == "P"
    assert table["І"] == "I"  # a capital reads as a capital
    assert "и" not in table and "a" not in table


def test_the_documents_print_no_invisible_character() -> None:
    from shipdesk.core.documents.fonts import clean_text

    for ch in ("\u200b", "\u00ad", "\u200d", "\u2060", "\x00", "\ufeff"):
        assert clean_text(f"power{ch}bank") == "powerbank"


def test_every_format_and_control_character_is_removed() -> None:
    import sys
    import unicodedata

    hidden = [
        chr(c)
        for c in range(sys.maxunicode + 1)
        if unicodedata.category(chr(c)) in ("Cc", "Cf") and not chr(c).isspace()
    ]
    assert len(hidden) > 150
    for ch in hidden:
        read = read_text(f"power{ch}bank")
        assert read.text == "powerbank", f"U+{ord(ch):04X}"


def test_every_look_alike_letter_inside_a_latin_word_reads_as_latin() -> None:
    for letter, latin in confusables().items():
        read = read_text(f"xx{letter}xx")
        assert read.text == f"xx{latin}xx", f"U+{ord(letter):04X}"
        assert read.lookalikes == (letter,)
