#!/usr/bin/env bash
# Run the full test suite (lint, unit and view tests, browser tests in headless Chromium).
# Extra arguments go to pytest, e.g.: bash scripts/test.sh -m "not browser"
# DATABASE_URL selects the database (SQLite by default). Tests run in parallel, one worker per core
# (pytest-xdist; each worker has its own test database); TEST_WORKERS=1 runs them in one process.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_env.sh
ensure_venv test

# Debian packages the tests use: chromium for the browser tests, poppler-utils (pdftotext, pdfimages) to read
# generated PDFs as a reader copies them, zbar-tools (zbarimg) to scan the QR codes printed in them.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
command -v zbarimg >/dev/null || missing+=(zbar-tools)
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages for the tests: ${missing[*]}..."
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
fi

ruff check .
ruff format --check .
env -u DATABASE_URL python manage.py makemigrations --check --dry-run >/dev/null
pytest -n "${TEST_WORKERS:-auto}" "$@"
