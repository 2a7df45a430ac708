#!/usr/bin/env bash
# Playwright's webServer: a production build against a throwaway database. Refuses any database
# outside data/e2e/ so an e2e run can never reset a real one.
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-3100}
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
export KTIZO_DATA_DIR=data/e2e KTIZO_COMPILED_DIR=data/e2e/compiled
export DATABASE_URL="file:./data/e2e/ktizo.db"
case "$DATABASE_URL" in file:./data/e2e/*) ;; *) echo "refusing non-e2e database $DATABASE_URL" >&2; exit 1;; esac
rm -rf data/e2e && mkdir -p data/e2e/compiled
node --import tsx scripts/migrate.ts
[ -n "${E2E_SKIP_BUILD:-}" ] && [ -f .next/BUILD_ID ] || npx next build
PORT=$port HOST=127.0.0.1 exec node --import tsx scripts/web-server.ts
