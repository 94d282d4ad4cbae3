#!/usr/bin/env bash
# Makes this machine able to run HallPay and its tests: Debian packages (when root and missing),
# then .venv with the pinned Python packages. Idempotent; the second run takes about a second.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  # Qt's runtime libraries for PySide6 (offscreen and xcb)
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-xinerama0 libxcb-xinput0 libxcb-randr0 libxcb-shape0 libxcb-xkb1
  # Chinese font for the window, receipts and PDFs
  fonts-wqy-microhei fonts-hanazono
  # PC/SC: the daemon, the virtual reader driver, and pyscard's build deps
  pcscd libpcsclite-dev swig vsmartcard-vpcd gcc
  # PDF checks in tests, screenshots under Xvfb
  poppler-utils xvfb
  # the web console's browser tests (Selenium drives Debian's chromium through its chromedriver)
  chromium chromium-driver
  # the central ledger in tests
  postgresql-15
  # the power-cut test mounts its own FUSE file system (tests/powercut/crashfs.py)
  fuse3 libfuse3-3
  python3-venv
)

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  missing=()
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >/dev/null
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e '.[dev]'
  touch "$stamp"
fi
