#!/usr/bin/env bash
# ShipDesk developer entry point.
#   scripts/dev.sh app [ARGS]     install (system libraries, venv, ShipDesk with the GUI) and start
#                                 the app (ARGS go to `python -m shipdesk`)
#   scripts/dev.sh test [ARGS]    install the test dependencies and run the test suite headless
#   scripts/dev.sh setup [EXTRAS] install only (default extras: test; e.g. gui,installer)
# Works on a fresh Debian/Ubuntu with Python >= 3.11. Set PYTHON to pick another interpreter.
# pip runs only when pyproject.toml, setup.py, the constraints or the Python changed since the
# last install of the same extras (a stamp in the venv); SHIPDESK_REINSTALL=1 forces it.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}

# Shared libraries Qt needs on Linux: offscreen (tests) and the X11/xcb platform (desktop use).
QT_DEBS=(libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libfreetype6
         libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
         libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xkb1)

apt_install_missing() {
  command -v dpkg-query >/dev/null 2>&1 || return 0
  local missing=()
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  echo "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

setup() {
  local extra=$1
  apt_install_missing "${QT_DEBS[@]}"
  if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
    echo "ShipDesk needs Python 3.11 or newer ($PYTHON is $("$PYTHON" -V 2>&1))." >&2
    exit 2
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV" 2>/dev/null || {
      apt_install_missing python3-venv
      "$PYTHON" -m venv "$VENV"
    }
  fi
  local stamp="$VENV/.shipdesk-installed-${extra//,/-}"
  local want
  want=$( { "$VENV/bin/python" -V; cat pyproject.toml setup.py requirements/constraints.txt; } \
          | sha256sum | cut -d' ' -f1)
  if [ "${SHIPDESK_REINSTALL:-}" != "1" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] \
     && "$VENV/bin/python" -c 'import shipdesk' 2>/dev/null; then
    return 0  # installed from these very files already (an editable install follows the source)
  fi
  "$VENV/bin/python" -m pip install -q --upgrade pip
  "$VENV/bin/python" -m pip install -q -c requirements/constraints.txt -e ".[$extra]"
  echo "$want" > "$stamp"
}

case "${1:-app}" in
  app)
    setup gui
    shift || true
    exec "$VENV/bin/python" -m shipdesk "$@"
    ;;
  test)
    setup test
    export QT_QPA_PLATFORM=offscreen
    shift || true
    exec "$VENV/bin/python" -m pytest "$@"
    ;;
  setup)
    setup "${2:-test}"
    ;;
  *)
    echo "usage: scripts/dev.sh app|test|setup" >&2
    exit 2
    ;;
esac
