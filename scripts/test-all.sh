#!/usr/bin/env bash
# The whole suite, as `npm test` and CI run it: lint, types, unit, integration against an
# external PostgreSQL (DATABASE_URL, default the local server) and against the embedded one,
# then end-to-end tests in Debian's Chromium. Ends with one "N passed, N failed" line.
#
# The two integration runs go side by side: they share nothing (each test file creates its own
# randomly named database, in two different clusters — the external server, and an embedded one
# in its own mkdtemp directory reached by Unix socket; servers, Orthanc and DICOM peers listen on
# free ports; data directories are mkdtemp'd), and on a two-core machine each vitest run keeps
# one worker busy. Each run writes to its own log, printed whole when both have ended, so their
# lines never interleave. TELERAD_SERIAL_INTEGRATION=1 runs them one after the other, as before;
# TELERAD_TEST_ONLY=integration runs only them (to time the two ways).
set -uo pipefail
cd "$(dirname "$0")/.."
results=.tmp/test-results
logs=.tmp/test-logs
rm -rf "$results" "$logs" && mkdir -p "$results" "$logs"
failed_steps=()
only=${TELERAD_TEST_ONLY:-}

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

# Whether the steps around the integration runs are wanted (not with TELERAD_TEST_ONLY=integration).
around_integration() { [ "$only" != "integration" ]; }

# Steps started in the background: name, pid and log of each, reported by `collect`.
bg_names=(); bg_pids=(); bg_logs=()
background() {
  local name=$1 log=$2; shift 2
  echo
  echo "━━ $name: started, output in $log"
  "$@" >"$log" 2>&1 &
  bg_names+=("$name"); bg_pids+=($!); bg_logs+=("$log")
}

# Waits for every background step, then prints each one's whole log under its own heading.
collect() {
  local i rc
  for i in "${!bg_pids[@]}"; do
    wait "${bg_pids[$i]}"; rc=$?
    echo
    echo "━━ ${bg_names[$i]} (exit $rc)"
    cat "${bg_logs[$i]}"
    if [ "$rc" -ne 0 ]; then failed_steps+=("${bg_names[$i]}"); fi
  done
  bg_names=(); bg_pids=(); bg_logs=()
}

# An integration run: side by side with the other one, or in turn when asked to be serial.
integration() {
  local name=$1 log=$2; shift 2
  if [ "${TELERAD_SERIAL_INTEGRATION:-}" = "1" ]; then step "$name" "$@"
  else background "$name" "$log" "$@"; fi
}

if around_integration; then
  step "lint (eslint)" npx eslint .
  step "format (prettier)" npx prettier --check . --log-level warn
  step "types (tsc)" npx tsc -p .
  step "unit" vitest_json unit --project unit
fi

external_url=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
if node scripts/pg-reachable.mjs "$external_url"; then
  integration "integration (external PostgreSQL)" "$logs/integration-external.log" \
    env DATABASE_URL="$external_url" bash -c "$(declare -f vitest_json); results=$results; vitest_json integration-external --project integration"
elif [ "${CI:-}" = "true" ]; then
  echo "PostgreSQL at $external_url is not reachable, and CI must test against it." >&2
  failed_steps+=("integration (external PostgreSQL)")
else
  echo "━━ integration (external PostgreSQL): skipped, nothing answers at $external_url"
fi
integration "integration (embedded PostgreSQL)" "$logs/integration-embedded.log" \
  env -u DATABASE_URL bash -c "$(declare -f vitest_json); results=$results; vitest_json integration-embedded --project integration"
collect
if around_integration; then
  step "web build" npm run build:web --silent
  step "e2e (Chromium)" env -u DATABASE_URL bash -c "$(declare -f vitest_json); results=$results; vitest_json e2e --project e2e"
fi

echo
node scripts/test-summary.mjs "$results" "${failed_steps[@]}"
