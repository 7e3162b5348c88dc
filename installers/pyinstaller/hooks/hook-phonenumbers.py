"""phonenumbers loads its per-region metadata by module name, so its submodules are hidden
imports (as in PyInstaller's own hook), except the geocoding, carrier and time-zone data that
ShipDesk never uses (the spec's EXCLUDES)."""

from PyInstaller.utils.hooks import collect_submodules

UNUSED = (
    "phonenumbers.geocoder",
    "phonenumbers.geodata",
    "phonenumbers.carrier",
    "phonenumbers.carrierdata",
    "phonenumbers.timezone",
    "phonenumbers.tzdata",
    "phonenumbers.prefix",
)

hiddenimports = collect_submodules("phonenumbers", filter=lambda name: not name.startswith(UNUSED))
