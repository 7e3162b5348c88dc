"""ShipDesk: offline customs declarations for postal and e-commerce shipments."""

__version__ = "0.1.0"
