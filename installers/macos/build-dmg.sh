#!/usr/bin/env bash
# Wraps the PyInstaller output into ShipDesk.dmg with hdiutil (macOS only).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -d dist/ShipDesk ] || { echo "build dist/ShipDesk first (installers/pyinstaller)"; exit 2; }
hdiutil create -volname ShipDesk -srcfolder dist/ShipDesk -ov -format UDZO dist/ShipDesk.dmg
