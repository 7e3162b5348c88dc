"""The one door of the core: use cases the GUI and the CLI call, over an explicit workspace.

Open a :class:`Workspace` once (``open_workspace()``), hand it to the use cases in
``declarations``, ``classification``, ``imports``, ``records``, ``data`` and ``duties``, and close
it at the end.

Why the subsystems are imported inside the use cases: the command line's static table imports
every command module, and every command module imports the services it calls, so whatever a
services module imports at its top is paid by every command, ``--version`` included. Measured
on 2026-12-04 (warm caches, 2-core machine), importing ``documents`` costs about 90 ms
(reportlab), ``exchange`` about 50 ms (python-stdnum, the platform maps, the cell parsers),
``screening`` about 20 ms (the rule compiler) and ``tariff`` about 10 ms before its first search
loads numpy and the sentence encoder. So these four are imported where they are used; the
workspace (storage, the operator profiles of ``validation``) and the ground modules (model,
money, rates, i18n, paths, fileio) are imported at the top. ``--version`` takes about 0.15 s
and loads none of Qt, numpy, reportlab or openpyxl; ``validate`` does not load reportlab (tests
check both).
"""

from __future__ import annotations

from shipdesk import __version__
from shipdesk.core.paths import Folders
from shipdesk.core.paths import folders as resolve_folders
from shipdesk.core.services.workspace import Workspace, open_workspace

__all__ = ["Workspace", "app_version", "data_versions", "open_workspace"]


def app_version() -> str:
    return __version__


def data_versions(folders: Folders | None = None) -> dict[str, str]:
    """Versions of the shipped data sets (and the national tariffs imported into ``folders``),
    for ``--version`` and the About box. Opens no database connection that stays open."""
    from shipdesk.core.storage.national_tariff import DB_NAME, SqliteNationalTariffs

    if folders is None:
        try:
            folders = resolve_folders()
        except OSError:  # a folder that cannot be created: the shipped versions still answer
            folders = resolve_folders(create=False)
    national = SqliteNationalTariffs(folders.data / DB_NAME)

    def tariff() -> str:
        from shipdesk.core.tariff.lookup import data_version

        return data_version(national)

    def rules() -> str:
        from shipdesk.core.screening.active_rules import rules_version

        return rules_version(folders.data / "rules")

    def operators() -> str:
        from shipdesk.core.operators import profiles_version

        return profiles_version()

    def duty_data() -> str:
        from shipdesk.core.duties.bundle import data_in_use

        return data_in_use(folders.data / "duties")[1]

    out: dict[str, str] = {}
    steps = (("tariff", tariff), ("rules", rules), ("operators", operators), ("duties", duty_data))
    for name, fn in steps:
        try:
            out[name] = fn()
        except Exception as exc:  # report, never fail --version
            out[name] = f"unavailable ({exc})"
    return out
