"""The History lists the newest declaration first, also when two were saved within the same
second (the stored times have one-second resolution): a copy just made is listed first."""

from __future__ import annotations

from pathlib import Path

from shipdesk.core.services import Workspace, declarations
from shipdesk.core.storage import drafts as storage_drafts


def test_a_copy_saved_in_the_same_second_is_listed_before_its_original(
    workspace: Workspace, sample_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(storage_drafts, "now_iso", lambda: "2026-12-05T10:00:00+00:00")
    originals = []
    for _ in range(3):
        kept = declarations.new_draft_id(workspace)
        declarations.save_draft(workspace, kept, declarations.load(sample_path))
        originals.append(kept)
    for original in originals:
        copy = declarations.duplicate_draft(workspace, original)
        listed = [e.draft_id for e in declarations.kept_declarations(workspace)]
        assert listed[0] == copy
