"""Property-based test of ``check --batch`` (hypothesis): every non-blank input line is answered
with exactly one JSON line, in order, whatever the lines hold (any bytes, any JSON), and the
batch never ends early. Profiles and seeds: ``tests/conftest.py``."""

from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from shipdesk.cli.main import main

scalars = (
    st.none()
    | st.booleans()
    | st.integers(-(10**40), 10**40)
    | st.floats()
    | st.text(st.characters(codec=None, exclude_categories=()), max_size=20)
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3)
    ),
    max_leaves=8,
)
FIELDS = ["description", "destination", "hs_code", "origin", "value", "currency", "channel",
          "lang", "quantity", "sender_country", "category"]  # fmt: skip
objects = st.fixed_dictionaries(
    {"description": st.text(max_size=30) | st.sampled_from(["power bank", "perfume 50 ml", "mug"]),
     "destination": st.sampled_from(["DE", "US", "AU", "de", "", "XX", "DEU"])},
    optional={
        k: values | st.sampled_from(["12", "1e999", "٣", "EUR", "post"])
        for k in FIELDS
        if k not in ("description", "destination")
    },
)  # fmt: skip


def _line(obj: Any, ascii_only: bool) -> bytes:
    return json.dumps(obj, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")


lines = (
    st.tuples(objects, st.booleans()).map(lambda t: _line(*t))
    | st.tuples(values, st.booleans()).map(lambda t: _line(*t))
    | st.binary(max_size=40).map(lambda b: b.replace(b"\n", b" "))
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(lines, min_size=1, max_size=6))
@example([b'{"description": "\\ud800 power bank", "destination": "AU"}', b'{"description": "mug"'])
@example([b"\xff\xfe{}", b'{"description": "mug", "destination": "DE"}'])
@example([b"[" * 5000, b'{"description": "mug", "destination": "DE"}'])
def test_every_line_is_answered_with_one_json_line(
    monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes], batch: list[bytes]
) -> None:
    data = b"\n".join(batch) + b"\n"
    # stdin as Python opens it: UTF-8, strict, no newline translation
    stdin = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8", newline="\n")
    monkeypatch.setattr(sys, "stdin", stdin)
    code = main(["check", "--batch"])
    out, _err = capsysbinary.readouterr()
    expected = [raw for raw in data.split(b"\n") if raw.decode("utf-8", "replace").strip()]
    got = out.decode("utf-8").splitlines()
    assert len(got) == len(expected), (got, expected)
    answers = [json.loads(line) for line in got]
    for a in answers:
        assert isinstance(a, dict) and ("findings" in a or set(a) == {"error"})
    assert code in (0, 2)
