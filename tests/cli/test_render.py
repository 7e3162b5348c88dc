"""`render FILE.json --out OUT.pdf`: validation first, exit codes, every description as text."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pypdf

from shipdesk.cli.main import main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "documents"
SAMPLE = ROOT / "resources" / "samples" / "sample.shipdesk.json"


def pdf_text(path: Path) -> str:
    reader = pypdf.PdfReader(io.BytesIO(path.read_bytes()))
    return "\n".join(p.extract_text() or "" for p in reader.pages)


def squash(text: str) -> str:
    return "".join(text.split())


def test_render_sample_contains_every_description(tmp_path, capsys):
    out = tmp_path / "out.pdf"
    assert main(["render", str(SAMPLE), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str(out)
    text = squash(pdf_text(out))
    decl = json.loads(SAMPLE.read_text(encoding="utf-8"))
    for item in decl["items"]:
        assert squash(item["description"]) in text
    assert "CN23" in text


def test_render_all_forms_and_papers(tmp_path):
    out = tmp_path / "all.pdf"
    assert (
        main(
            [
                "render",
                str(SAMPLE),
                "--out",
                str(out),
                "--form",
                "all",
                "--paper",
                "letter",
                "--lang",
                "de",
                "--copies",
                "1",
            ]
        )
        == 0
    )
    text = pdf_text(out)
    assert "Handelsrechnung" in text and "Packliste" in text and "CN 23" in text
    assert len(pypdf.PdfReader(out).pages) == 3
    label = tmp_path / "label.pdf"
    assert (
        main(
            [
                "render",
                str(DATA / "gift_cn22.shipdesk.json"),
                "--out",
                str(label),
                "--paper",
                "label-4x6",
            ]
        )
        == 0
    )
    page = pypdf.PdfReader(label).pages[0]
    assert round(float(page.mediabox.width)) == 288 and round(float(page.mediabox.height)) == 432


def test_render_refuses_errors_unless_forced(tmp_path, capsys):
    decl = json.loads(SAMPLE.read_text(encoding="utf-8"))
    decl["items"][0]["description"] = ""
    bad = tmp_path / "bad.shipdesk.json"
    bad.write_text(json.dumps(decl), encoding="utf-8")
    out = tmp_path / "bad.pdf"
    assert main(["render", str(bad), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "items[0].description" in err and "--force" in err
    assert not out.exists()
    assert main(["render", str(bad), "--out", str(out), "--force"]) == 0
    assert "DRAFT" in pdf_text(out)


def test_render_bad_input_exit_2(tmp_path, capsys):
    out = tmp_path / "x.pdf"
    assert main(["render", str(tmp_path / "missing.json"), "--out", str(out)]) == 2
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert main(["render", str(broken), "--out", str(out)]) == 2
    assert main(["render", str(SAMPLE), "--out", str(out), "--paper", "a6", "--form", "cn23"]) == 2
    assert main(["render", str(SAMPLE), "--out", str(out), "--lang", "xx"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "A4 or Letter" in err and "lang" in err


def test_render_as_module_without_qt(tmp_path):
    out = tmp_path / "m.pdf"
    env = dict(os.environ, SHIPDESK_HOME=str(tmp_path / "home"), PYTHONPATH=str(ROOT))
    proc = subprocess.run(
        [sys.executable, "-m", "shipdesk", "render", str(SAMPLE), "--out", str(out)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert out.read_bytes().startswith(b"%PDF")


def _heavy_parcel(tmp_path: Path) -> Path:
    """A 2,000 EUR, 9.5 kg parcel: beyond every operator's CN 22 limits."""
    decl = json.loads(SAMPLE.read_text(encoding="utf-8"))
    decl["form"] = "auto"
    decl["items"] = [dict(decl["items"][0], value="2000.00", net_weight_kg="9.200", quantity=1)]
    decl["gross_weight_kg"] = "9.500"
    path = tmp_path / "heavy.shipdesk.json"
    path.write_text(json.dumps(decl), encoding="utf-8")
    return path


def test_render_form_cn22_is_judged_as_a_cn22(tmp_path, capsys):
    path = _heavy_parcel(tmp_path)
    out = tmp_path / "out.pdf"
    assert main(["render", str(path), "--out", str(out), "--form", "cn22"]) == 1
    err = capsys.readouterr().err
    assert "error: form:" in err
    assert not out.exists()
    # the same file prints as a CN 23 without complaint
    assert main(["render", str(path), "--out", str(out)]) == 0
    assert "CN23" in squash(pdf_text(out))


def test_render_form_cn22_forced_is_a_draft(tmp_path, capsys):
    path = _heavy_parcel(tmp_path)
    out = tmp_path / "out.pdf"
    assert main(["render", str(path), "--out", str(out), "--form", "cn22", "--force"]) == 0
    assert "DRAFT" in pdf_text(out)
