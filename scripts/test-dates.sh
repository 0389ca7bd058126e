#!/usr/bin/env bash
# The vitest suite at the dates where calendars bite (issue 12, "time is an input"): the 1st, 3rd
# and 5th of a month (rent, direct debit, APL), 29 February, 31 December 23:59 in Paris, and the
# nights the clocks change in France. Each run starts the whole suite under libfaketime at that
# instant, the clock then running on (start-at form), and prints per date whether it passed.
#
#   npm run test:dates                                   # every date below (about 3 min each)
#   npm run test:dates -- '2026-12-31 22:59:00'          # only these instants (UTC)
#   VITEST_ARGS='tests/integration/server' npm run test:dates   # only some test files
#
# Instants are UTC (TZ=UTC for the run, so FAKETIME's local time is UTC whatever the machine's
# zone); the labels say what time it is in Paris. Logs: .tmp/test-dates/<instant>.log.
set -uo pipefail
cd "$(dirname "$0")/.."

if ! command -v faketime >/dev/null 2>&1; then
  echo "test:dates: faketime is not installed (Debian: apt-get install faketime)" >&2
  exit 2
fi

# "UTC instant|what it is in Paris"
DEFAULT_DATES=(
  "2026-12-01 00:05:00|1st of the month, 01:05 Paris: rent posted, no debit yet"
  "2026-12-03 08:00:00|3rd of the month, 09:00 Paris: direct debit day"
  "2026-12-05 08:00:00|5th of the month, 09:00 Paris: APL day"
  "2028-02-29 12:00:00|29 February 2028, 13:00 Paris"
  "2026-12-31 22:59:00|31 December, 23:59 Paris (already 2027 one minute later)"
  "2026-03-29 00:30:00|29 March, 01:30 Paris, before the clocks go forward"
  "2026-03-29 01:30:00|29 March, 03:30 Paris, just after (02:30 does not exist that night)"
  "2026-10-25 00:30:00|25 October, 02:30 Paris summer time, before the clocks go back"
  "2026-10-25 01:30:00|25 October, 02:30 Paris winter time, the second 02:30"
)

dates=()
if [ "$#" -gt 0 ]; then
  for instant in "$@"; do dates+=("$instant|given on the command line"); done
else
  dates=("${DEFAULT_DATES[@]}")
fi

logs=.tmp/test-dates
mkdir -p "$logs"
# Check once that Node really sees the fake time (libfaketime does not reach every binary).
seen="$(TZ=UTC faketime -f '@2026-12-31 22:59:00' node -e 'process.stdout.write(new Date().toISOString().slice(0, 16))')"
if [ "$seen" != "2026-12-31T22:59" ]; then
  echo "test:dates: node does not see the fake time under faketime (saw $seen)" >&2
  exit 2
fi

failed=0
results=()
for entry in "${dates[@]}"; do
  instant="${entry%%|*}"
  label="${entry#*|}"
  log="$logs/$(echo "$instant" | tr ' :' '_-').log"
  echo "test:dates: $instant UTC ($label) ..."
  started=$SECONDS
  # FAKETIME_DONT_RESET: the test processes vitest forks go on from the parent's fake time
  # instead of each starting over at the instant. FAKETIME_DONT_FAKE_MONOTONIC: timers and
  # performance.now() keep the real monotonic clock (durations are not dates).
  # shellcheck disable=SC2086 # VITEST_ARGS is a list of paths or options
  TZ=UTC FAKETIME_DONT_RESET=1 FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "@$instant" \
    node_modules/.bin/vitest run ${VITEST_ARGS:-} >"$log" 2>&1
  status=$?
  # vitest's two count lines ("Test Files 3 passed (3)", "Tests 52 passed (52)"), colours removed.
  summary="$(sed -e 's/\x1b\[[0-9;]*m//g' "$log" | grep -E '^ +(Test Files|Tests) ' | sed -e 's/^ *//' -e 's/  */ /g' | paste -sd ';' - | sed 's/;/; /g')"
  if [ "$status" -eq 0 ]; then
    verdict="passed"
  else
    verdict="FAILED"
    failed=$((failed + 1))
  fi
  results+=("$verdict  $instant UTC  ($label)  ${summary:-no summary, see $log}  [$((SECONDS - started)) s]")
  echo "  -> $verdict ${summary}"
done

echo
echo "test:dates summary"
for line in "${results[@]}"; do echo "  $line"; done
if [ "$failed" -gt 0 ]; then
  echo "test:dates: $failed of ${#dates[@]} dates failed (logs in $logs/)" >&2
  exit 1
fi
echo "test:dates: all ${#dates[@]} dates passed"
