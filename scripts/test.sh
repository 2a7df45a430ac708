#!/usr/bin/env bash
# npm test: the whole suite — drift check, lint, typecheck, production build, unit + integration +
# network + hardening tests, e2e in Chromium. Runs every step, then prints one summary line
# "N passed, N failed" (tests counted from Vitest and Playwright) and exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
mkdir -p reports
rm -f reports/vitest.json reports/e2e.json
failed_steps=()

step() {
  local name=$1; shift
  local start=$SECONDS
  echo "::: $name"
  if "$@"; then echo "::: $name ok ($((SECONDS - start)) s)"; else echo "::: $name FAILED ($((SECONDS - start)) s)"; failed_steps+=("$name"); fi
}

step "prisma generate" npx prisma generate
step "migration drift" bash scripts/check-migrations.sh
step "lint" npx eslint .
step "typecheck" bash -c "npx next typegen && npx tsc --noEmit"
# The build comes before Vitest: the crash-safety test runs the production server from it.
# Stamped as start.sh stamps its builds, so tests that run `npm start` (the PXE lab) serve this build.
step "build" bash -c "npx next build && node scripts/build-stamp.mjs > .next/ktizo-build-stamp"
step "vitest" npx vitest run --reporter=default --reporter=json --outputFile.json=reports/vitest.json
step "e2e" env E2E_SKIP_BUILD=1 npx playwright test

node scripts/test-summary.mjs "${failed_steps[@]}"
