#!/usr/bin/env bash
# Playwright's webServer: a production build against a throwaway database. Refuses any database
# outside data/e2e/ so an e2e run can never reset a real one.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-3100}
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
# The rendered files go where dnsmasq's user nobody can reach them (playwright.config.ts).
compiled=${KTIZO_E2E_COMPILED_DIR:?set by playwright.config.ts}
case "$compiled" in /tmp/ktizo-e2e-*/compiled) ;; *) echo "refusing compiled directory $compiled" >&2; exit 1;; esac
export KTIZO_DATA_DIR=data/e2e KTIZO_COMPILED_DIR=$compiled
export DATABASE_URL="file:./data/e2e/ktizo.db"
case "$DATABASE_URL" in file:./data/e2e/*) ;; *) echo "refusing non-e2e database $DATABASE_URL" >&2; exit 1;; esac
# mkdir without -p fails on anything left in the way (a symlink planted in /tmp included).
rm -rf data/e2e "$(dirname "$compiled")" && mkdir -p data/e2e && mkdir -m 0755 "$(dirname "$compiled")" "$compiled"
node --import tsx scripts/migrate.ts
[ -n "${E2E_SKIP_BUILD:-}" ] && [ -f .next/BUILD_ID ] || npx next build
PORT=$port HOST=127.0.0.1 exec node --import tsx scripts/web-server.ts
