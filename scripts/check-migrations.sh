#!/usr/bin/env bash
# Fails when prisma/schema.prisma differs from what the committed migrations produce
# (a schema change without `npm run db:new-migration`).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib/replay-migrations.sh
replay_and_pull "$tmp/migrated.prisma"
if ! npx prisma migrate diff --from-schema-datamodel "$tmp/migrated.prisma" \
  --to-schema-datamodel prisma/schema.prisma --exit-code >"$tmp/diff.txt" 2>&1; then
  echo "schema drift: prisma/schema.prisma has changes without a migration. Run: npm run db:new-migration -- <name>" >&2
  cat "$tmp/diff.txt" >&2
  exit 1
fi
echo "migrations match schema.prisma"
