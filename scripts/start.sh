#!/usr/bin/env bash
# npm start: check every setting in the environment (exit 2 naming the variable, before anything
# is created or listens), prepare the Prisma client, migrate (creating data/ktizo.db on first run),
# build when the sources or dependencies changed since the last build, then run the web app and the
# worker together. Each phase prints one line with its elapsed time, so a first start (about two
# minutes of build on a small server) never looks hung.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_ENV=production NEXT_TELEMETRY_DISABLED=1
node --import tsx scripts/check-env.ts
mkdir -p data compiled
started=$SECONDS

say() { echo "[start] $*"; }
# phase "label" command…: runs the command with its output in a log file, prints one line with the
# time it took, and on failure prints the log and exits with the command's status.
phase() {
  local label=$1; shift
  local t0=$SECONDS log
  log=$(mktemp)
  if "$@" >"$log" 2>&1; then
    say "$label ($((SECONDS - t0)) s)"
    rm -f "$log"
  else
    local rc=$?
    say "$label FAILED after $((SECONDS - t0)) s:"
    cat "$log"
    rm -f "$log"
    exit "$rc"
  fi
}

if [ -f lib/generated/prisma/client.ts ]; then
  say "prisma client: present"
else
  phase "prisma client: generated" npx prisma generate
fi
node --import tsx scripts/migrate.ts

stamp=$(node scripts/build-stamp.mjs)
built=$(cat .next/ktizo-build-stamp 2>/dev/null || true)
if [ -f .next/BUILD_ID ] && [ "$stamp" = "$built" ]; then
  say "build: up to date ($stamp)"
else
  if [ -f .next/BUILD_ID ]; then
    say "build: sources or dependencies changed since the last build ($built → $stamp): rebuilding, about 2 minutes on 2 cores"
  else
    say "build: no build yet: building, about 2 minutes on 2 cores"
  fi
  phase "build: done ($stamp)" npx next build
  echo "$stamp" > .next/ktizo-build-stamp
fi

say "ready to serve after $((SECONDS - started)) s: starting the web app and the worker"
exec node --import tsx scripts/run-all.ts
