#!/usr/bin/env bash
# Starts a Cairn server for the end-to-end tests on a fresh, throw-away SQLite
# database, with one admin to sign in as. The server serves the built SPA from
# frontend/dist (built here if missing).
set -euo pipefail
cd "$(dirname "$0")/.."

CAIRN_BIN="${CAIRN_BIN:-../.venv/bin/cairn}"
PORT="${E2E_PORT:-8765}"
STATE_DIR="${E2E_STATE_DIR:-${TMPDIR:-/tmp}/cairn-e2e-$PORT}"
DB="$STATE_DIR/cairn.db"
# E2E_DIST lets two checkouts' runs share a machine without sharing a build.
DIST="${E2E_DIST:-$PWD/dist}"

if [ ! -x "$CAIRN_BIN" ]; then
  echo "e2e: $CAIRN_BIN not found; create the venv or set CAIRN_BIN" >&2
  exit 1
fi
if [ ! -f "$DIST/index.html" ]; then
  echo "e2e: $DIST missing, building the SPA first" >&2
  npx tsc --noEmit -p tsconfig.json >&2
  npx vite build --outDir "$DIST" --emptyOutDir >&2
fi

rm -rf "$STATE_DIR"
mkdir -p "$STATE_DIR"
export CAIRN_DATABASE_URL="sqlite:///$DB"
export CAIRN_ENV=test
# Short-lived access tokens, so the suite also exercises the automatic refresh.
export CAIRN_ACCESS_TOKEN_MINUTES="${CAIRN_ACCESS_TOKEN_MINUTES:-1}"
export CAIRN_SPA_DIST="$DIST"

"$CAIRN_BIN" migrate >&2
"$CAIRN_BIN" create-admin \
  --organization "${E2E_ORG:-Harbor Intervention Group}" \
  --email "${E2E_ADMIN_EMAIL:-admin@harbor-e2e.org}" \
  --password "${E2E_ADMIN_PASSWORD:-correct-horse-battery-e2e}" \
  --full-name "${E2E_ADMIN_NAME:-Avery Admin}" >&2
exec "$CAIRN_BIN" serve --host 127.0.0.1 --port "$PORT" --no-worker
