# Shared by new-migration.sh and check-migrations.sh: a scratch DB with every committed migration
# applied, and `pull FILE` to introspect it into a datamodel.
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export DATABASE_URL="file:$tmp/replay.db"
pull() {
  # Introspect against a schema holding only the datasource and generator: with the full schema as base,
  # db pull re-uses its enums and writes string defaults for them (`@default("full")`), which no longer parse.
  awk '/^(generator|datasource) /{p=1} p; /^}/{p=0}' prisma/schema.prisma >"$tmp/base.prisma"
  # --print also writes a warning to stdout: keep only the datamodel blocks.
  npx prisma db pull --print --schema "$tmp/base.prisma" 2>/dev/null | awk '/^(generator|datasource|model|enum|view) /{p=1} p' >"$1"
}
replay_and_pull() {
  npx prisma migrate deploy >/dev/null
  pull "$1"
}
