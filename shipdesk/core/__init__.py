"""The Qt-free core of ShipDesk: model, tariff, screening, validation, documents, I/O, storage.

Nothing below this package may import PySide6 or the GUI; a test enforces it.
"""
