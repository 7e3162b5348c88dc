"""The workspace: everything a use case needs about the user, opened once and handed in.

A face (the GUI at start, a CLI command) opens one :class:`Workspace` and passes it to every
service call; nothing below reaches for the environment, the user database or a settings file
on its own. The folders are resolved once, the database is migrated once, the settings are read
into a typed value, and the rate book and operator profile are derived from them on demand and
refreshed when a service changes what they come from.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from shipdesk.core.closing import Closing
from shipdesk.core.errors import ShipdeskError
from shipdesk.core.operators import DEFAULT_OPERATOR, OperatorProfile, load_profiles
from shipdesk.core.paths import Folders
from shipdesk.core.paths import folders as resolve_folders
from shipdesk.core.rates import RateBook
from shipdesk.core.storage.address_book import AddressBook
from shipdesk.core.storage.catalogue import SqliteCatalogue
from shipdesk.core.storage.db import DB_NAME, UserDatabase
from shipdesk.core.storage.drafts import DraftStore
from shipdesk.core.storage.interfaces import (
    AddressBookRepository,
    CatalogueRepository,
    DraftRepository,
    MappingRepository,
    NationalTariffRepository,
    ProductRepository,
    RatesRepository,
    SenderRepository,
    SettingsRepository,
)
from shipdesk.core.storage.mappings import SqliteMappings
from shipdesk.core.storage.national_tariff import DB_NAME as NATIONAL_DB_NAME
from shipdesk.core.storage.national_tariff import SqliteNationalTariffs
from shipdesk.core.storage.products import SqliteProducts
from shipdesk.core.storage.rates import FILE_NAME as RATES_FILE_NAME
from shipdesk.core.storage.rates import JsonRates
from shipdesk.core.storage.senders import SenderBook
from shipdesk.core.storage.settings import Settings, SqliteSettings

if TYPE_CHECKING:
    from shipdesk.core.screening.signing import TrustedKeys


class DataFolderError(ShipdeskError):
    """A folder ShipDesk must write to cannot be created or written (permissions, a read-only
    disk): named, with what the system said, instead of a traceback."""

    def __init__(self, folder: Path, detail: str) -> None:
        self.folder = folder
        self.detail = detail
        super().__init__(
            f"cannot write to the data folder {folder} ({detail}); give your user account "
            f"write access to it, or set SHIPDESK_HOME to another folder"
        )


def _os_detail(exc: OSError) -> str:
    return exc.strerror or str(exc)


def prepare_folders(folders: Folders | None = None) -> Folders:
    """Resolve (when not given) and create the user folders, and prove the data folder takes a
    file; :class:`DataFolderError` naming the folder otherwise."""
    if folders is None:
        try:
            folders = resolve_folders()
        except OSError as exc:
            raise DataFolderError(Path(exc.filename or "?"), _os_detail(exc)) from None
    else:
        try:
            folders.ensure()
        except OSError as exc:
            raise DataFolderError(Path(exc.filename or folders.data), _os_detail(exc)) from None
    try:  # a folder can exist and still refuse files (permissions, a read-only mount)
        fd, probe = tempfile.mkstemp(prefix=".shipdesk-", suffix=".probe", dir=folders.data)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise DataFolderError(folders.data, _os_detail(exc)) from None
    return folders


@dataclass
class Workspace(Closing):
    """The user's folders, database and repositories, with the settings read as one value."""

    folders: Folders
    db: UserDatabase
    drafts: DraftRepository
    catalogue: CatalogueRepository
    products: ProductRepository
    mappings: MappingRepository
    address_book: AddressBookRepository
    settings_store: SettingsRepository
    senders: SenderRepository
    rates_store: RatesRepository
    national_tariffs: NationalTariffRepository
    _settings: Settings | None = field(default=None, repr=False)
    _rates: RateBook | None = field(default=None, repr=False)
    # public keys trusted to sign imported rule sets; None: the maintainers' keys shipped with
    # the application (a test hands in its own, never the environment)
    rule_keys: TrustedKeys | None = field(default=None, repr=False)

    @classmethod
    def open(cls, folders: Folders, *, rule_keys: TrustedKeys | None = None) -> Workspace:
        """Open (creating and migrating as needed) the user's data in ``folders``."""
        folders = prepare_folders(folders)
        return cls.on_database(folders, UserDatabase(folders.data / DB_NAME), rule_keys=rule_keys)

    @classmethod
    def on_database(
        cls, folders: Folders, db: UserDatabase, *, rule_keys: TrustedKeys | None = None
    ) -> Workspace:
        """The workspace over a user database already opened in ``folders``."""
        from shipdesk.core.exchange.declaration_json import dumps, loads

        settings_store = SqliteSettings(db)
        return cls(
            folders=folders,
            db=db,
            drafts=DraftStore(db, dumps, lambda text, source: loads(text, source=source)),
            catalogue=SqliteCatalogue(db),
            products=SqliteProducts(db),
            mappings=SqliteMappings(db),
            address_book=AddressBook(db),
            settings_store=settings_store,
            senders=SenderBook(settings_store),
            rates_store=JsonRates(folders.data / RATES_FILE_NAME),
            national_tariffs=SqliteNationalTariffs(folders.data / NATIONAL_DB_NAME),
            rule_keys=rule_keys,
        )

    # -- derived values ------------------------------------------------------------------------
    @property
    def settings(self) -> Settings:
        """The user's settings (read once; :meth:`refresh` after they change)."""
        if self._settings is None:
            self._settings = Settings.from_repository(self.settings_store)
        return self._settings

    @property
    def rates(self) -> RateBook:
        """The rate book: shipped tables plus the user's own publications."""
        if self._rates is None:
            self._rates = RateBook(self.rates_store.user_tables())
        return self._rates

    @property
    def operator_profile(self) -> OperatorProfile:
        """The operator chosen in the settings; an unknown id left there falls back to the
        UPU default so the app keeps working."""
        profiles = load_profiles()
        chosen = self.settings.operator or DEFAULT_OPERATOR
        return profiles.get(chosen) or profiles[DEFAULT_OPERATOR]

    def refresh(self) -> None:
        """Forget the derived values (after settings or rates changed)."""
        self._settings = None
        self._rates = None

    @cached_property
    def rules_dir(self) -> Path:
        """The user's imported restricted-goods rules (active and previous sets). Kept once
        built: screening asks for it on every edit, and the item check while the user types."""
        return self.folders.data / "rules"

    # -- lifetime ------------------------------------------------------------------------------
    @property
    def user_db_path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()


def open_workspace(folders: Folders | None = None) -> Workspace:
    """Open the workspace in ``folders`` (default: the folders resolved at start-up from the
    environment, see ``paths.folders``)."""
    folders = prepare_folders(folders)
    return Workspace.on_database(folders, UserDatabase(folders.data / DB_NAME))
