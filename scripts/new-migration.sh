#!/usr/bin/env bash
# npm run db:new-migration -- <name>
# `prisma migrate dev` cannot run offline with the better-sqlite3 adapter (TOOLCHAIN.md §2), so:
# replay the committed migrations into a scratch DB, introspect it, diff against schema.prisma,
# write the SQL, then prove it applies with no drift left.
set -euo pipefail
name=${1:?usage: npm run db:new-migration -- <name>}
[[ $name =~ ^[a-z0-9_]+$ ]] || { echo "migration name must match [a-z0-9_]+" >&2; exit 2; }
cd "$(dirname "$0")/.."
source scripts/lib/replay-migrations.sh
replay_and_pull "$tmp/from.prisma"
rc=0; npx prisma migrate diff --from-schema-datamodel "$tmp/from.prisma" \
  --to-schema-datamodel prisma/schema.prisma --exit-code >/dev/null 2>&1 || rc=$?
[ $rc = 0 ] && { echo "no schema changes"; exit 0; }
[ $rc = 2 ] || { echo "prisma migrate diff failed ($rc)" >&2; exit 1; }
dir="prisma/migrations/$(date -u +%Y%m%d%H%M%S)_$name"; mkdir -p "$dir"
npx prisma migrate diff --from-schema-datamodel "$tmp/from.prisma" \
  --to-schema-datamodel prisma/schema.prisma --script >"$dir/migration.sql"
npx prisma migrate deploy >/dev/null
pull "$tmp/after.prisma"
npx prisma migrate diff --from-schema-datamodel "$tmp/after.prisma" \
  --to-schema-datamodel prisma/schema.prisma --exit-code >/dev/null
echo "wrote $dir/migration.sql"
