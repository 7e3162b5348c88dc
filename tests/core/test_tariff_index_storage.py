"""The shipped tariff index keeps each text once: the two full-text indexes read their text
from the tables that hold it (external content) and still match it row for row."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from shipdesk.core.tariff.nomenclature import nomenclature
from shipdesk.core.tariff.vocabulary import read_vocabulary

TARIFF = Path(__file__).resolve().parents[2] / "resources" / "tariff"


def test_full_text_indexes_read_their_text_from_the_tables_and_agree_with_them(tmp_path):
    db = tmp_path / "hs2022.sqlite"
    shutil.copy(TARIFF / "hs2022.sqlite", db)
    con = sqlite3.connect(db)
    try:
        sql = dict(con.execute("SELECT name, sql FROM sqlite_schema WHERE type = 'table'"))
        assert "content='vocab'" in sql["vocab_fts"] and "content='hs_text'" in sql["hs_fts"]
        assert "vocab_fts_content" not in sql and "hs_fts_content" not in sql
        # the index holds exactly the tokens of the text it reads (raises when it does not)
        con.execute("INSERT INTO vocab_fts(vocab_fts, rank) VALUES ('integrity-check', 1)")
        con.execute("INSERT INTO hs_fts(hs_fts, rank) VALUES ('integrity-check', 1)")
        terms, _ = read_vocabulary(TARIFF / "vocabulary.csv")
        stored = [t for (t,) in con.execute("SELECT term FROM vocab ORDER BY id")]
        assert stored == [t.term for t in terms]
        codes = [c for (c,) in con.execute("SELECT code FROM hs_text ORDER BY rid")]
        assert codes == nomenclature().codes(6)
        hit = con.execute(
            "SELECT code, sub FROM hs_fts WHERE hs_fts MATCH 'sub:toothbrushes' LIMIT 1"
        ).fetchone()
        assert hit is not None and hit[0].startswith("9603")
    finally:
        con.close()
