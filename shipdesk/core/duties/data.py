"""The duty data set in use: the shipped files under ``resources/duties/``, read once and
checked (see :mod:`.schema`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from shipdesk.core.countries import eu_members
from shipdesk.core.duties.schema import DutyFile, load_file
from shipdesk.core.errors import DataError
from shipdesk.core.paths import resource


@dataclass(frozen=True)
class DutyData:
    files: dict[str, DutyFile]  # destination ("US", "EU") -> file
    folder: str

    def for_country(self, country: str) -> DutyFile | None:
        """The file that covers ``country`` (a member state is covered by the EU file)."""
        key = "EU" if country in eu_members() else country
        return self.files.get(key)

    @property
    def data_date(self) -> str:
        """The newest day any file was checked against its sources."""
        return max((f.checked for f in self.files.values()), default=date.min).isoformat()

    def size_bytes(self) -> int:
        return sum(Path(f.path).stat().st_size for f in self.files.values())


def shipped_folder() -> Path:
    return resource("duties")


def load_folder(folder: Path) -> DutyData:
    """Every ``*.toml`` of ``folder``, checked; the first problem raises :class:`DataError`."""
    try:
        paths = sorted(folder.glob("*.toml"))
    except OSError as exc:
        raise DataError(f"{folder}: cannot read the duty data ({exc})") from None
    if not paths:
        raise DataError(f"{folder}: no duty data files (*.toml)")
    files: dict[str, DutyFile] = {}
    for p in paths:
        f = load_file(p)
        if f.destination in files:
            raise DataError(f"{p.name}: destination: {f.destination} is also in another file")
        files[f.destination] = f
    return DutyData(files, str(folder))


@lru_cache(maxsize=4)
def _cached(folder: str, stamp: tuple[tuple[str, int], ...]) -> DutyData:
    return load_folder(Path(folder))


def duty_data(folder: Path | None = None) -> DutyData:
    """The data of ``folder`` (the shipped data when None), cached until a file changes."""
    folder = folder or shipped_folder()
    try:
        stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(folder.glob("*.toml")))
    except OSError as exc:
        raise DataError(f"{folder}: cannot read the duty data ({exc})") from None
    return _cached(str(folder), stamp)
