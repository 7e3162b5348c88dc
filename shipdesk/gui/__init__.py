"""The desktop face of ShipDesk (PySide6). Thin: every decision is made in shipdesk.core."""
