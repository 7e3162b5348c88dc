import pytest

from shipdesk.core.errors import InputError
from shipdesk.core.services import classification


def test_remember_counts_uses_and_normalises(workspace):
    a = classification.remember(workspace, "Women's T-Shirt, cotton", "6109.10")
    b = classification.remember(workspace, "women's t-shirt cotton!", "610910")
    assert a.id == b.id and b.uses == 2 and b.hs_code == "610910"
    found = classification.confirmed(workspace, "WOMEN'S T-SHIRT COTTON")
    assert [e.hs_code for e in found] == ["610910"]
    assert workspace.catalogue.signature()[0] == 1


def test_remember_rejects_bad_input(workspace):
    with pytest.raises(InputError):
        classification.remember(workspace, "", "610910")
    with pytest.raises(InputError):
        classification.remember(workspace, "mug", "69")


def test_forget(workspace):
    e = classification.remember(workspace, "mug", "691110")
    assert classification.forget(workspace, e.id)
    assert classification.catalogue_entries(workspace) == []
