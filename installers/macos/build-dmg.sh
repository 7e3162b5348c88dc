#!/usr/bin/env bash
# macOS: dist/ShipDesk.app (built by installers/pyinstaller/shipdesk.spec, which adds the app
# bundle on macOS: bundle id org.shipdesk.ShipDesk, opens *.shipdesk.json) wrapped into
# dist/ShipDesk-VERSION-macos.dmg with a link to /Applications for drag-and-drop install.
#   installers/macos/build-dmg.sh            PyInstaller build, then the DMG
#   installers/macos/build-dmg.sh --no-build the DMG of an existing dist/ShipDesk.app
# The command line is inside the app: ShipDesk.app/Contents/MacOS/shipdesk-cli.
# Signing and notarisation are a separate, online step (installers/README.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
if [ "${1:-}" != "--no-build" ]; then
  "$PYTHON" -m PyInstaller --noconfirm --distpath dist --workpath build/pyinstaller \
    installers/pyinstaller/shipdesk.spec
fi
[ -d dist/ShipDesk.app ] || { echo "dist/ShipDesk.app missing: build it first" >&2; exit 2; }
version=$("$PYTHON" -c 'import re,sys; print(re.search(r"__version__ = \"([^\"]+)\"", open("shipdesk/__init__.py").read()).group(1))')
stage=build/dmg
rm -rf "$stage" && mkdir -p "$stage"
cp -R dist/ShipDesk.app "$stage/"
ln -s /Applications "$stage/Applications"
rm -f "dist/ShipDesk-$version-macos.dmg"
hdiutil create -volname ShipDesk -srcfolder "$stage" -ov -format UDZO "dist/ShipDesk-$version-macos.dmg"
echo "dist/ShipDesk-$version-macos.dmg"
