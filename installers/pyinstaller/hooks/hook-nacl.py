"""PyNaCl (shipdesk.core.signing checks bundle signatures with it): its libsodium binding is a
cffi module, which imports cffi's ``_cffi_backend`` from C, out of sight of the analysis."""

hiddenimports = ["_cffi_backend"]
