#!/usr/bin/env bash
# Wraps the PyInstaller folder dist/ShipDesk into dist/ShipDesk-x86_64.AppImage.
# Needs appimagetool on PATH: it is neither a Debian nor a PyPI package, so it is copied in by
# hand beforehand (this script never downloads anything). The .deb and the tarball come from
# installers/build.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ -x dist/ShipDesk/ShipDesk ] || { echo "dist/ShipDesk missing: run installers/build.sh --bundle" >&2; exit 2; }
command -v appimagetool >/dev/null || { echo "appimagetool is not on PATH" >&2; exit 2; }
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
appimagetool "$app" dist/ShipDesk-x86_64.AppImage
