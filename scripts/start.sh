#!/usr/bin/env bash
# npm start: check every setting in the environment (exit 2 naming the variable, before anything
# is created or listens), migrate (creating data/ktizo.db on first run), build if there is no
# build, then run the web app and the worker together.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
node --import tsx scripts/check-env.ts
mkdir -p data compiled
[ -f lib/generated/prisma/client.ts ] || npx prisma generate
node --import tsx scripts/migrate.ts
[ -f .next/BUILD_ID ] || npx next build
exec node --import tsx scripts/run-all.ts
