#!/usr/bin/env bash
# The whole suite, as `npm test` and CI run it: lint, types, unit, integration against an
# external PostgreSQL (DATABASE_URL, default the local server) and against the embedded one,
# then end-to-end tests in Debian's Chromium. Ends with one "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")/.."
results=.tmp/test-results
rm -rf "$results" && mkdir -p "$results"
failed_steps=()

step() {
  local name=$1; shift
  echo
  echo "━━ $name"
  if ! "$@"; then failed_steps+=("$name"); fi
}

vitest_json() {
  local out=$1; shift
  npx vitest run --reporter=default --reporter=json --outputFile.json="$results/$out.json" "$@"
}

step "lint (eslint)" npx eslint .
step "format (prettier)" npx prettier --check . --log-level warn
step "types (tsc)" npx tsc -p .
step "unit" vitest_json unit --project unit

external_url=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
if node scripts/pg-reachable.mjs "$external_url"; then
  step "integration (external PostgreSQL)" env DATABASE_URL="$external_url" bash -c "$(declare -f vitest_json); results=$results; vitest_json integration-external --project integration"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL at $external_url is not reachable, and CI must test against it." >&2
  failed_steps+=("integration (external PostgreSQL)")
else
  echo "━━ integration (external PostgreSQL): skipped, nothing answers at $external_url"
fi
step "integration (embedded PostgreSQL)" env -u DATABASE_URL bash -c "$(declare -f vitest_json); results=$results; vitest_json integration-embedded --project integration"
step "web build" npm run build:web --silent
step "e2e (Chromium)" env -u DATABASE_URL bash -c "$(declare -f vitest_json); results=$results; vitest_json e2e --project e2e"

echo
node scripts/test-summary.mjs "$results" "${failed_steps[@]}"
