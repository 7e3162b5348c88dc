"""The one door of the core: use cases the GUI and the CLI call, over an explicit workspace.

Open a :class:`Workspace` once (``open_workspace()``), hand it to the use cases in
``declarations``, ``classification``, ``imports``, ``records`` and ``data``, and close it at the
end. Each module imports its heavy subsystems inside the functions that need them, so a
subcommand loads only what it uses (``--version`` does not load the sentence encoder,
``validate`` does not load reportlab).
"""

from __future__ import annotations

from shipdesk import __version__
from shipdesk.core.paths import Folders
from shipdesk.core.services.workspace import Workspace, open_workspace

__all__ = ["Workspace", "app_version", "data_versions", "open_workspace"]


def app_version() -> str:
    return __version__


def data_versions(folders: Folders | None = None) -> dict[str, str]:
    """Versions of the shipped data sets (and the national tariffs imported into ``folders``),
    for ``--version`` and the About box. Opens no database connection that stays open."""
    from shipdesk.core.storage.national_tariff import DB_NAME, SqliteNationalTariffs

    if folders is None:
        from shipdesk.core.paths import folders as resolve_folders

        folders = resolve_folders()
    national = SqliteNationalTariffs(folders.data / DB_NAME)

    def tariff() -> str:
        from shipdesk.core.tariff.lookup import data_version

        return data_version(national)

    def rules() -> str:
        from shipdesk.core.screening.active_rules import rules_version

        return rules_version(folders.data / "rules")

    def operators() -> str:
        from shipdesk.core.validation.operators import profiles_version

        return profiles_version()

    out: dict[str, str] = {}
    for name, fn in (("tariff", tariff), ("rules", rules), ("operators", operators)):
        try:
            out[name] = fn()
        except Exception as exc:  # report, never fail --version
            out[name] = f"unavailable ({exc})"
    return out
