#!/usr/bin/env bash
# Installs the system packages the tests need, when they are missing: the Debian Chromium that
# Playwright drives (never a downloaded browser) and a PostgreSQL server for the database tests.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
if ! compgen -G "/usr/lib/postgresql/*/bin/initdb" > /dev/null && ! command -v initdb > /dev/null; then
  missing+=(postgresql)
fi
# Fonts for the Urdu (Arabic script) pages, so screenshots show letters rather than boxes.
[ -n "$(fc-list :lang=ur 2>/dev/null | head -n 1)" ] || missing+=(fonts-noto-core)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "Installing system packages the tests need: ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  run_as_root=()
elif command -v sudo > /dev/null && sudo -n true 2> /dev/null; then
  run_as_root=(sudo)
else
  echo "Cannot install ${missing[*]}: this needs root (or password-less sudo)." >&2
  echo "Ask an administrator to run: apt-get install ${missing[*]}" >&2
  exit 1
fi
if ! command -v apt-get > /dev/null; then
  echo "Cannot install ${missing[*]}: this machine has no apt-get (the project expects Debian)." >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if ! "${run_as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"; then
  "${run_as_root[@]}" apt-get update
  "${run_as_root[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi
