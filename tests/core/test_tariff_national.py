# ruff: noqa: E501  (sample tariff files keep their real, long lines)
import json

import pytest

from shipdesk.core.errors import DataError, InputError
from shipdesk.core.storage.national_tariff import LATEST, SqliteNationalTariffs
from shipdesk.core.tariff import browse, lookup, national


@pytest.fixture
def store(tmp_path):
    return SqliteNationalTariffs(tmp_path / "national_tariffs.sqlite3")


US_CSV = """\
"HTS Number","Indent","Description","Unit of Quantity","General Rate of Duty","Special Rate of Duty","Column 2 Rate of Duty","Quota Quantity","Additional Duties"
"6109","0","T-shirts, singlets, tank tops and similar garments, knitted or crocheted:","","","","","",""
"6109.10.00","1","Of cotton","","16.5%","Free (AU,BH)","90%","",""
"","2","Men's or boys':","","","","","",""
"6109.10.00.04","3","T-shirts, all white, short hemmed sleeves, hemmed bottom, crew or round neckline","doz. kg","","","","",""
"6109.10.00.12","3","Other T-shirts","doz. kg","","","","",""
"","2","Women's or girls':","","","","","",""
"6109.10.00.37","3","Tank tops","doz. kg","","","","",""
"6109.10.00.40","3","Other","doz. kg","","","","",""
"6109.90","1","Of other textile materials:","","","","","",""
"6109.90.10","2","Of man-made fibers:","","32%","","90%","",""
"6109.90.10.07","3","Men's or boys' T-shirts","doz. kg","","","","",""
"6100.99.99","0","Not an HS 2022 line","","","","","",""
"""

UK_CSV = """\
commodity__sid,commodity__code,productline__suffix,description,start__date,end__date,indentation,entity__type,end_line
1,6109000000,80,"T-shirts, singlets and other vests, knitted or crocheted",2022-01-01,,0,Commodity,false
2,6109100000,80,Of cotton,2022-01-01,,1,Commodity,false
3,6109100010,80,Men's or boys',2022-01-01,,2,Commodity,true
4,6109100090,80,Women's or girls',2022-01-01,,2,Commodity,true
"""


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("SHIPDESK_HOME", str(tmp_path / "home"))


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


def test_us_hts_csv_import_persists_and_is_searched(tmp_path, store):
    p = write(tmp_path, "hts_2026_basic.csv", US_CSV)
    s = national.import_file(p, store)
    assert (s.kind, s.source) == ("us-hts", "us-hts-2026")
    codes = {x.code for x in national.lines_under("610910", store)}
    assert codes == {"61091000", "6109100004", "6109100012", "6109100037", "6109100040"}
    assert s.skipped == 1  # 9999.99.99 is not under an HS 2022 subheading
    women = next(x for x in national.lines_under("610910", store) if x.code == "6109100037")
    assert "Women's or girls'" in women.description and "Tank tops" in women.description
    assert [t.source for t in national.list_tariffs(store)] == ["us-hts-2026"]
    res = lookup.suggest("women's cotton tank top", top=5, national_store=store)
    nat = [x for x in res if x.source == "us-hts-2026"]
    assert nat and nat[0].code == "6109100037" and nat[0].hs6 == "610910"
    assert "us-hts-2026" in lookup.data_version(store)
    assert any(n.code == "6109100037" for n in browse.children("610910", store))
    typed = lookup.suggest("6109.10.00.37", national_store=store)
    assert [x.code for x in typed] == ["610910", "6109100037", "61091000"]


def test_reimport_replaces(tmp_path, store):
    p = write(tmp_path, "hts_2026.csv", US_CSV)
    national.import_file(p, store)
    national.import_file(p, store)
    assert national.list_tariffs(store)[0].lines == len(
        [x for h in ("610910", "610990") for x in national.lines_under(h, store)]
    )


def test_us_hts_json(tmp_path, store):
    data = [
        {"htsno": "8517.13.00", "indent": "1", "description": "Smartphones", "general": "Free"},
        {"htsno": "8517.13.00.00", "indent": "2", "description": "Smartphones", "general": ""},
    ]
    p = write(tmp_path, "hts_2025.json", json.dumps(data))
    s = national.import_file(p, store)
    assert s.source == "us-hts-2025" and s.lines == 2


def test_uk_csv(tmp_path, store):
    s = national.import_file(write(tmp_path, "uk-tariff-2026.csv", UK_CSV), store)
    assert s.kind == "uk"
    codes = {x.code for x in national.lines_under("610910", store)}
    assert codes == {"6109100000", "6109100010", "6109100090"}


def test_eu_cn_xlsx(tmp_path, store):
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.append(["Combined Nomenclature 2026"])
    ws.append(["CN code", "Self-explanatory text", "Level"])
    ws.append(["6109", "T-shirts, singlets and other vests, knitted or crocheted", 1])
    ws.append(["6109 10 00", "- of cotton", None])
    ws.append(["6109 90", "- of other textile materials", None])
    ws.append(["6109 90 20", "- - of wool or fine animal hair or man-made fibres", None])
    ws.append(["6109 90 90", "- - of other textile materials", None])
    p = tmp_path / "CN2026.xlsx"
    wb.save(p)
    s = national.import_file(p, store)
    assert (s.kind, s.source, s.lines) == ("eu-cn", "eu-cn-2026", 3)
    line = next(x for x in national.lines_under("610990", store) if x.code == "61099020")
    assert "of other textile materials — of wool" in line.description


def test_unknown_file_is_refused_clearly(tmp_path, store):
    p = write(tmp_path, "prices.csv", "sku,price\nA1,3\n")
    with pytest.raises(InputError, match="pass --kind"):
        national.import_file(p, store)
    with pytest.raises(InputError, match="no header row"):
        national.import_file(p, store, kind="uk")


def test_broken_files(tmp_path, store):
    with pytest.raises(InputError, match="file not found"):
        national.import_file(tmp_path / "missing.csv", store)
    with pytest.raises(InputError, match="not valid JSON"):
        national.import_file(write(tmp_path, "hts.json", "{broken"), store)
    bad_xlsx = tmp_path / "cn.xlsx"
    bad_xlsx.write_bytes(b"not a zip")
    with pytest.raises(InputError, match=r"not an \.xlsx workbook"):
        national.import_file(bad_xlsx, store)
    with pytest.raises(InputError, match="no us-hts tariff lines"):
        national.import_file(
            write(tmp_path, "hts.csv", '"HTS Number","Description"\n"01","Animals"\n'), store
        )
    with pytest.raises(InputError, match="unknown tariff kind"):
        national.import_file(write(tmp_path, "x.csv", US_CSV), store, kind="jp")


def test_rebuild_and_remove(tmp_path, store):
    national.import_file(write(tmp_path, "hts_2026.csv", US_CSV), store)
    assert national.rebuild(store) == national.list_tariffs(store)[0].lines
    assert national.remove("us-hts-2026", store)
    assert national.list_tariffs(store) == []
    assert not national.remove("us-hts-2026", store)


def test_a_store_without_schema_version_is_adopted(tmp_path, store):
    import sqlite3

    con = sqlite3.connect(store.path)  # the layout earlier versions wrote, no schema_version
    con.execute(
        "CREATE TABLE tariffs (source TEXT PRIMARY KEY, kind TEXT NOT NULL, "
        "file TEXT NOT NULL, imported_at TEXT NOT NULL, lines INTEGER NOT NULL)"
    )
    con.execute(
        "CREATE TABLE lines (source TEXT NOT NULL, code TEXT NOT NULL, "
        "hs6 TEXT NOT NULL, description TEXT NOT NULL, PRIMARY KEY (source, code))"
    )
    con.execute("INSERT INTO tariffs VALUES ('uk-2025', 'uk', 'uk.csv', '2025-01-01', 1)")
    con.execute("INSERT INTO lines VALUES ('uk-2025', '6109100010', '610910', 'Tank tops')")
    con.commit()
    con.close()
    assert [t.source for t in national.list_tariffs(store)] == ["uk-2025"]
    assert [x.code for x in national.lines_under("610910", store)] == ["6109100010"]
    con = sqlite3.connect(store.path)
    try:
        assert con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == LATEST
    finally:
        con.close()


def test_a_store_from_a_newer_version_is_refused(tmp_path, store):
    national.import_file(write(tmp_path, "hts_2026.csv", US_CSV), store)
    import sqlite3

    con = sqlite3.connect(store.path)
    con.execute("INSERT INTO schema_version (version, applied_at) VALUES (99, 'x')")
    con.commit()
    con.close()
    with pytest.raises(DataError, match="newer ShipDesk"):
        national.list_tariffs(SqliteNationalTariffs(store.path))
