"""Legacy encodings of CSV files: Shift-JIS and GB18030 are recognised (they were read as
Windows-1252 mojibake), Western files stay Windows-1252, UTF-8 is never second-guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from shipdesk.cli.main import main
from shipdesk.core.errors import InputError
from shipdesk.core.exchange.csv_sheets import detect_encoding
from shipdesk.core.exchange.sheets import open_sheet
from shipdesk.core.services import Workspace

JAPANESE = (
    "Order,Description,Quantity,Unit price,Name,City\n"
    "1001,マグカップ 陶器,2,1500,山田 太郎,東京都\n"
    "1002,ティーシャツ 綿,1,2800,佐藤 花子,大阪市\n"
)
CHINESE = (
    "Order,Description,Quantity,Unit price,Name,City\n"
    "1001,陶瓷马克杯,2,45,王小明,北京市\n"
    "1002,纯棉短袖衬衫,1,89,李华,上海市\n"
)
WESTERN = (
    "Order,Description,Quantity,Unit price,Name,City\n"
    "1001,Tasse en céramique,2,5,Jürgen Müller,Düsseldorf\n"
    "1002,Crème für Hände,1,3,Zoë Ørsted,Ærøskøbing\n"
    "1003,Straße ß,1,3,François Ça,Besançon\n"
)


def _rows(p: Path) -> list[list[str]]:
    with open_sheet(p) as r:
        return [r.headers, *(v for _, v in r.rows())]


@pytest.mark.parametrize(
    ("text", "encoding", "expected"),
    [
        (JAPANESE, "shift_jis", "cp932"),
        (JAPANESE, "cp932", "cp932"),
        (CHINESE, "gb18030", "gb18030"),
        (CHINESE, "gbk", "gb18030"),
        (WESTERN, "cp1252", "cp1252"),
        (WESTERN, "utf-8", "utf-8"),
        (JAPANESE, "utf-8", "utf-8"),
        (CHINESE, "utf-8", "utf-8"),
    ],
)
def test_encoding_is_recognised_and_the_text_read_as_written(
    tmp_path: Path, text: str, encoding: str, expected: str
) -> None:
    p = tmp_path / "orders.csv"
    p.write_bytes(text.encode(encoding))
    assert detect_encoding(p) == expected
    assert _rows(p) == [line.split(",") for line in text.splitlines()]


def test_short_western_lines_are_not_taken_for_east_asian(tmp_path: Path) -> None:
    # pairs such as "ü" + letter decode as GB18030 ideographs and some as Shift-JIS kanji
    p = tmp_path / "w.csv"
    for word in ("Müller", "Jürgen", "Bäcker", "Öl", "Größe", "Señor", "Façade", "naïve", "Ådal"):
        p.write_bytes(f"Name,City\n{word},Köln\n".encode("cp1252"))
        assert detect_encoding(p) == "cp1252", word


def test_damaged_utf8_is_still_refused(tmp_path: Path) -> None:
    p = tmp_path / "damaged.csv"
    p.write_bytes("Name,City\nJürgen,Köln\nMüller,Düsseldorf\n".encode() + b"Bad\xfc,X\n")
    with pytest.raises(InputError, match="line 4"):
        detect_encoding(p)


def test_import_report_names_the_encoding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], workspace: Workspace
) -> None:
    p = tmp_path / "orders.csv"
    p.write_bytes(JAPANESE.encode("shift_jis"))
    main(["import", str(p), "--out", str(tmp_path / "out"), "--no-pdf", "--no-suggest"])
    out = capsys.readouterr().out
    assert "text read as Shift-JIS" in out
