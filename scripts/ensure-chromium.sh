#!/usr/bin/env bash
# The live-overlay example's test drives the system Chromium headless (playwright-core
# downloads no browser). Install it from Debian's packages when it is missing and we
# may (root, as in CI and on a fresh machine here); otherwise say how.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing Chromium for the overlay example's browser test…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  # The emoji font lets chat emoji render in the overlay screenshot.
  apt-get install -y -qq chromium fonts-noto-color-emoji >/dev/null
else
  echo "The overlay test needs /usr/bin/chromium: run 'sudo apt-get install chromium fonts-noto-color-emoji'." >&2
  exit 1
fi
