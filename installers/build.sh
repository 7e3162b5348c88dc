#!/usr/bin/env bash
# One command for the installers: the PyInstaller folder dist/ShipDesk (windowed ShipDesk and
# console shipdesk-cli over the same libraries) and, on Debian/Ubuntu, the .deb and the tarball.
#   installers/build.sh            venv + build + Linux packages
#   installers/build.sh --bundle   the frozen folder only
# Offline apart from the package registries: the venv gets ShipDesk with the gui and installer
# extras at the versions of requirements/constraints.txt (skipped when already current).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
start=$(date +%s)

scripts/dev.sh setup gui,installer

echo "== PyInstaller: dist/ShipDesk"
rm -rf dist/ShipDesk dist/ShipDesk.app
"$VENV/bin/python" -m PyInstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller installers/pyinstaller/shipdesk.spec
echo "frozen folder: $(du -sm dist/ShipDesk | cut -f1) MB unpacked"

if [ "${1:-}" != "--bundle" ] && command -v dpkg-deb >/dev/null 2>&1; then
  echo "== Linux packages"
  rm -f dist/shipdesk_*.deb dist/ShipDesk-*-linux-*.tar.gz
  "$VENV/bin/python" installers/linux/build_packages.py --dist dist
fi
echo "installers built in $(( $(date +%s) - start )) s"
