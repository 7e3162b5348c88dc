#!/usr/bin/env bash
# Wraps the PyInstaller folder dist/ShipDesk into ShipDesk-x86_64.AppImage and a tarball.
# Needs appimagetool on PATH (an AppImage itself; copy it in beforehand: this script never
# downloads anything).
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -d dist/ShipDesk ] || { echo "build dist/ShipDesk first (installers/pyinstaller)"; exit 2; }
app=build/ShipDesk.AppDir
rm -rf "$app" && mkdir -p "$app/usr/bin" "$app/usr/share/icons/hicolor/scalable/apps"
cp -a dist/ShipDesk/. "$app/usr/bin/"
cp resources/desktop/shipdesk.desktop "$app/shipdesk.desktop"
cp resources/icons/shipdesk.svg "$app/shipdesk.svg"
cp resources/icons/shipdesk.svg "$app/usr/share/icons/hicolor/scalable/apps/shipdesk.svg"
cat > "$app/AppRun" <<'RUN'
#!/bin/sh
here=$(dirname "$(readlink -f "$0")")
exec "$here/usr/bin/ShipDesk" "$@"
RUN
chmod +x "$app/AppRun"
tar -C dist -czf dist/ShipDesk-linux-x86_64.tar.gz ShipDesk
appimagetool "$app" dist/ShipDesk-x86_64.AppImage
