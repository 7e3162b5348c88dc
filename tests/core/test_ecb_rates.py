"""ECB euro reference-rate files: daily and history CSV, XML, zip; bad files refused."""

from __future__ import annotations

import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.services import Workspace, data

ECB_DAILY_CSV = (
    "Date, USD, JPY, BGN, CZK, DKK, GBP, HUF, PLN, RON, SEK, CHF, \n"
    "27 November 2026, 1.0500, 160.10, 1.9558, 25.100, 7.4600, 0.8400, 400.00, 4.2500, "
    "4.9800, 11.000, 0.9300, \n"
)
ECB_HIST_CSV = (
    "Date,USD,JPY,GBP,CYP,\n"
    "2026-11-27,1.0500,160.10,0.8400,N/A,\n"
    "2026-11-26,1.0400,159.00,0.8450,N/A,\n"
)
ECB_XML = b"""<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01"
 xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
 <gesmes:subject>Reference rates</gesmes:subject>
 <Cube>
  <Cube time="2026-11-27">
   <Cube currency="USD" rate="1.0500"/>
   <Cube currency="GBP" rate="0.8400"/>
  </Cube>
 </Cube>
</gesmes:Envelope>
"""


def test_import_ecb_daily_csv(tmp_path: Path, workspace: Workspace) -> None:
    f = tmp_path / "eurofxref.csv"
    f.write_text(ECB_DAILY_CSV, encoding="utf-8")
    s = data.import_ecb(workspace, f)
    assert (s.dates, s.currencies, s.first) == (1, 11, date(2026, 11, 27))
    c = data.convert(workspace, Decimal(100), "EUR", "GBP")
    assert c.rate == Decimal("0.8400") and c.rate_date == date(2026, 11, 27)
    assert "ECB" in c.source and "eurofxref.csv" in c.source
    assert "imported 1 date(s)" in s.describe()


def test_import_ecb_history_csv_skips_na(tmp_path: Path, workspace: Workspace) -> None:
    f = tmp_path / "eurofxref-hist.csv"
    f.write_text(ECB_HIST_CSV, encoding="utf-8")
    s = data.import_ecb(workspace, f)
    assert (s.dates, s.currencies) == (2, 3)
    assert data.convert(workspace, Decimal(1), "EUR", "USD", on=date(2026, 11, 26)).rate == Decimal(
        "1.04"
    )


def test_import_ecb_xml_and_zip(tmp_path: Path, workspace: Workspace) -> None:
    f = tmp_path / "eurofxref-daily.xml"
    f.write_bytes(ECB_XML)
    assert data.import_ecb(workspace, f).dates == 1
    assert data.convert(workspace, Decimal(1), "EUR", "USD").rate == Decimal("1.05")
    z = tmp_path / "eurofxref.zip"
    with zipfile.ZipFile(z, "w") as zf:
        zf.writestr("eurofxref.csv", ECB_DAILY_CSV)
    assert data.import_ecb(workspace, z).currencies == 11


def test_import_rejects_bad_files(tmp_path: Path, workspace: Workspace) -> None:
    bad = tmp_path / "rates.csv"
    bad.write_text("Day,USD\n2026-01-01,1.1\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"rates\.csv.*Date"):
        data.import_ecb(workspace, bad)
    bad.write_text("Date,USD\n2026-01-01,abc\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"rates.csv:row 2: USD: 'abc'"):
        data.import_ecb(workspace, bad)
    for cell in ("0", "-1.2", "NaN", "Infinity"):
        bad.write_text(f"Date,USD\n2026-01-01,{cell}\n", encoding="utf-8")
        with pytest.raises(InputError, match="not a positive number"):
            data.import_ecb(workspace, bad)
    bad.write_text("Date,USD\nyesterday,1.1\n", encoding="utf-8")
    with pytest.raises(InputError, match="row 2: bad date"):
        data.import_ecb(workspace, bad)
    x = tmp_path / "rates.xml"
    x.write_bytes(b"<a><b/></a>")
    with pytest.raises(InputError, match="no <Cube"):
        data.import_ecb(workspace, x)
    x.write_bytes(b'<a><Cube time="2026-01-01"><Cube currency="USD" rate="NaN"/></Cube></a>')
    with pytest.raises(InputError, match="bad rate 'NaN'"):
        data.import_ecb(workspace, x)
    assert not Path(data.rates_location(workspace)).exists()  # nothing half-imported
    x.write_bytes(b"<a><b></a>")
    with pytest.raises(InputError, match="not readable XML"):
        data.import_ecb(workspace, x)
    bomb = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'
    x.write_bytes(bomb)
    with pytest.raises(InputError, match="not readable XML"):
        data.import_ecb(workspace, x)
    with pytest.raises(InputError, match="file not found"):
        data.import_ecb(workspace, tmp_path / "missing.csv")
