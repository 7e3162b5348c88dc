import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.storage import catalogue


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch):
    monkeypatch.setenv("SHIPDESK_HOME", str(tmp_path))


def test_remember_counts_uses_and_normalises():
    a = catalogue.remember("Women's T-Shirt, cotton", "6109.10")
    b = catalogue.remember("women's t-shirt cotton!", "610910")
    assert a.id == b.id and b.uses == 2 and b.hs_code == "610910"
    assert [e.hs_code for e in catalogue.lookup("WOMEN'S T-SHIRT COTTON")] == ["610910"]
    assert catalogue.signature()[0] == 1


def test_remember_rejects_bad_input():
    with pytest.raises(InputError):
        catalogue.remember("", "610910")
    with pytest.raises(InputError):
        catalogue.remember("mug", "69")


def test_forget():
    e = catalogue.remember("mug", "691110")
    assert catalogue.forget(e.id)
    assert catalogue.entries() == []
