#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (a test tool's own browser download cannot
# work offline). Installs it when missing; needs root, as on this project's machines.
set -euo pipefail
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$chromium" ]; then exit 0; fi
echo "Chromium is missing at $chromium: installing Debian's chromium package for the browser tests."
if [ "$(id -u)" -ne 0 ]; then
  echo "Not root: install it yourself (sudo apt-get install -y chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
"$chromium" --version
