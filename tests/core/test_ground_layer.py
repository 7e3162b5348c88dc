"""The ground layer imports nothing above it, even once its functions have run.

text, fileio, hscode, countries, address and glyphs are shared by every subsystem; if one of
them pulled in storage, tariff, screening, validation, documents or exchange, those would import
each other in a circle and every face would load more than it needs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ABOVE = ("storage", "tariff", "screening", "validation", "documents", "exchange", "services")

USE_EVERY_FUNCTION = """
import json, sys, tempfile, pathlib
from shipdesk.core import address, countries, fileio, glyphs, hscode, text
from shipdesk.core.model import Party

text.fold("Œuvre"); text.lower_fold("Ä"); text.words("a b"); text.squash_spaces(" a ")
with tempfile.TemporaryDirectory() as d:
    fileio.atomic_write_text(pathlib.Path(d) / "x.txt", "x")
hscode.clean("6109.10"); hscode.digits("6109.10"); hscode.is_declarable("610910")
countries.eu_members(); countries.country_name("DE")
p = Party(name="N", street="S 1", city="Berlin", postcode="10115", country="DE")
address.address_lines(p); address.problems(p)
address.postcode_examples("DE"); address.region_examples("US")
glyphs.missing_glyphs("Ab 東"); glyphs.fallback_font_files()
print(json.dumps(sorted(m for m in sys.modules if m.startswith("shipdesk."))))
"""


def test_ground_modules_import_nothing_above_them(tmp_path: Path) -> None:
    env = dict(os.environ, SHIPDESK_HOME=str(tmp_path), PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-c", USE_EVERY_FUNCTION],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    loaded = json.loads(proc.stdout.strip().splitlines()[-1])
    above = [m for m in loaded if m.split(".")[2:3] and m.split(".")[2] in ABOVE]
    assert above == [], above
    assert "shipdesk.core.address" in loaded
