#!/usr/bin/env bash
# Search at 100,000 events (issue 19): fills 100,000 events (and their ~420,000 search fields) on H2 and on
# PostgreSQL (embedded binaries), then prints the latency of each kind of search (p50 / p99 / max over QUERIES
# queries of each kind, through HTTP with the ops login and the search's queries alone) and each query's EXPLAIN.
# The figures are printed, never asserted: it runs SearchAtScaleH2Test and SearchAtScalePostgresTest (which
# assert only that the plans use indexes and the answers are right) with more queries. Loopback only.
# Also what the fields cost intake (SearchIntake*Bench: group commits with and without them, both databases).
# Usage: bench/search.sh            QUERIES=500 bench/search.sh            TESTS=SearchAtScaleH2Test bench/search.sh
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

QUERIES="${QUERIES:-200}"                              # queries of each kind
TESTS="${TESTS:-SearchAtScaleH2Test,SearchAtScalePostgresTest,SearchIntakeH2Bench,SearchIntakePostgresBench}"  # SearchIntake*Bench: what the fields cost intake
INTAKE_EVENTS="${INTAKE_EVENTS:-4000}"                 # events per round of the intake comparison
OUT="${OUT:-bench/reports/search-$(date -u +%Y%m%d-%H%M%S)}"
mkdir -p "$OUT"

touch "$OUT/.start"
./mvnw -B -q -o test -Dtest="$TESTS" -Dsurefire.failIfNoSpecifiedTests=false -Dspotless.check.skip=true \
  -Dsearch.queries="$QUERIES" -Dsearch.intake.events="$INTAKE_EVENTS" >"$OUT/maven.log" 2>&1 || {
  echo "the search benchmark failed: see $OUT/maven.log" >&2
  tail -40 "$OUT/maven.log" >&2
  exit 1
}
for report in $(find target/surefire-reports -name 'com.ordercloudhub.hub.event.Search*-output.txt' -newer "$OUT/.start" | sort); do
  cp "$report" "$OUT/"
  # the figures and the plans, without the hub's log lines
  python3 - "$report" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
keep = False
for line in text:
    if re.match(r"^Search(AtScale)?\w*(Test)?[,:] ", line):
        keep = True
        print(line)
        continue
    if keep and (line.startswith("  ") or line.strip() == ""):
        print(line)
    else:
        keep = False
PY
done
echo "(logs in $OUT)"
