#!/usr/bin/env bash
# Start-up of the hub next to the bare reference app (issue 17 point 4): both started the same way
# (`java $STARTUP_JAVA_OPTS -jar <extracted>/<app>.jar`), interleaved (bare, hub, bare, hub, …) so both see the
# same noise of a shared machine, first without and then with a class-data sharing (CDS) archive made by a
# training run of each. Prints one table: wall time from launching the JVM to readiness (median and each run),
# VmRSS at readiness and after IDLE_S idle seconds, CPU-seconds at readiness, and the ratio hub/bare.
# Loopback only; every process it starts it also ends. Also phase `startup` of bench/run.sh. See bench/README.md.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

RUNS="${RUNS:-3}"                                      # starts of each app in each mode
STARTUP_JAVA_OPTS="${STARTUP_JAVA_OPTS:-${HUB_JAVA_OPTS:--Xmx512m}}"  # JVM options of both apps (same heap)
CDS="${CDS:-no yes}"                                   # modes: without (no) and with (yes) a CDS archive
IDLE_S="${IDLE_S:-5}"                                  # seconds idle after readiness before the idle RSS is read
READY_TIMEOUT="${READY_TIMEOUT:-120}"                  # seconds: a start not ready by then fails the run
SKIP_BUILD="${SKIP_BUILD:-0}"                          # 1: reuse target/ and bench/bare/target/ as they are
CDS_TRAINING="${CDS_TRAINING:-refresh}"                # training run: refresh (exits once the context is refreshed, as the Dockerfile does) or ready (started until ready, then stopped)
FRESH_DB="${FRESH_DB:-0}"                              # 1: every hub start on a new, empty H2 database (Flyway migrates it at start)
HUB_ARGS="${HUB_ARGS:-}"                               # extra arguments for the hub (e.g. --spring.main.lazy-initialization=true)
OUT="${OUT:-bench/reports/startup-$(date -u +%Y%m%d-%H%M%S)}"  # where logs and startup.tsv go
mkdir -p "$OUT"
WORK="target/startup"                                  # extracted jars, CDS archives, fresh H2 data dirs

STARTED=()
cleanup() {
  for pid in "${STARTED[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/startup.log" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%d", ($14 + $15) * 1000 / hz}' "/proc/$1/stat" 2>/dev/null || echo 0; }
rss_mb() { awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$1/status" 2>/dev/null || echo 0; }

if [ "$SKIP_BUILD" != 1 ]; then
  log "building the hub jar and the bare app (tests skipped)"
  ./mvnw -B -q package -DskipTests -Dspotless.apply.skip=true -Dspotless.check.skip=true
  ./mvnw -B -q -f bench/bare/pom.xml package -DskipTests
fi
HUB_BOOT_JAR="$(ls target/ordercloud-hub-*.jar | grep -v original | head -1)"
BARE_BOOT_JAR="bench/bare/target/bench-bare.jar"

# both extracted the same way (Boot's tools jarmode: <dir>/<name>.jar plus <dir>/lib/), as the Dockerfile runs it
rm -rf "$WORK"
mkdir -p "$WORK"
java -Djarmode=tools -jar "$HUB_BOOT_JAR" extract --destination "$WORK/hub" >/dev/null
java -Djarmode=tools -jar "$BARE_BOOT_JAR" extract --destination "$WORK/bare" >/dev/null
HUB_JAR="$(ls "$WORK"/hub/*.jar | head -1)"
BARE_JAR="$(ls "$WORK"/bare/*.jar | head -1)"

# launch APP PORT EXTRA_JVM_OPTS...: starts the app in the background from the repository root, sets PID
launch() {
  local app="$1" port="$2" log_file="$3"
  shift 3
  if [ "$app" = hub ]; then
    # a restart as in production: one H2 database for the whole run, migrated by a first start that is not
    # measured (FRESH_DB=1: a new one each time). Secrets given, Salesforce and the ERP configured (loopback port
    # 9, where nothing listens: the hub logs in to Salesforce on first use only)
    local data="$WORK/data"
    [ "$FRESH_DB" != 1 ] || data="$WORK/data-$(date +%s%N)"
    SERVER_PORT="$port" HUB_PRIORITY_PORT=0 OC_HASH_KEYS=startup-hash-key HUB_OPS_USERNAME=bench \
      HUB_OPS_PASSWORD=startup-ops-password HUB_ENCRYPTION_KEY="YmVuY2gtZW5jcnlwdGlvbi1rZXktMzItYnl0ZXMhISE=" \
      SPRING_DATASOURCE_URL="jdbc:h2:file:./$data/hub;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE" \
      HUB_MAIL_OUTBOXDIR="./$data/outbox" \
      SALESFORCE_LOGIN_URL="http://127.0.0.1:9" SALESFORCE_CLIENT_ID=startup-app SALESFORCE_CLIENT_SECRET=startup \
      SALESFORCE_USERNAME=startup@example.com SALESFORCE_PASSWORD=startup ERP_BASE_URL="http://127.0.0.1:9/erp" \
      java $STARTUP_JAVA_OPTS "$@" -jar "$HUB_JAR" $HUB_ARGS >"$log_file" 2>&1 &
  else
    # its own configuration only (not the hub's ./application.yaml, which Boot would read from the working folder)
    SERVER_PORT="$port" java $STARTUP_JAVA_OPTS "$@" -jar "$BARE_JAR" --spring.config.location=classpath:/ \
      >"$log_file" 2>&1 &
  fi
  PID=$!
  STARTED+=("$PID")
}

ready() {
  local app="$1" port="$2"
  if [ "$app" = hub ]; then
    curl -fs -m 2 "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null | grep -q '"UP"\|"DEGRADED"'
  else
    [ "$(curl -s -m 2 -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' \
      "http://127.0.0.1:$port/webhooks/ordercloud/post")" = 202 ]
  fi
}

stop() {
  kill "$1" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$1" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# measure APP MODE RUN: one start; appends a line to startup.tsv
measure() {
  local app="$1" mode="$2" run="$3" port opts=()
  port="$(free_port)"
  [ "$mode" != yes ] || opts=("-XX:SharedArchiveFile=$WORK/$app.jsa")
  local log_file="$OUT/$app-cds-$mode-$run.log" t0
  t0="$(now_ms)"
  launch "$app" "$port" "$log_file" "${opts[@]}"
  until ready "$app" "$port"; do
    kill -0 "$PID" 2>/dev/null || { log "$app (cds $mode, run $run) ended during start-up; see $log_file"; exit 1; }
    [ $(($(now_ms) - t0)) -lt $((READY_TIMEOUT * 1000)) ] || { log "$app not ready in $READY_TIMEOUT s; see $log_file"; exit 1; }
    sleep 0.05
  done
  local ms=$(($(now_ms) - t0)) rss cpu idle
  rss="$(rss_mb "$PID")"
  cpu="$(cpu_ms "$PID")"
  [ "$mode" = none ] || sleep "$IDLE_S"
  idle="$(rss_mb "$PID")"
  stop "$PID"
  [ "$mode" = none ] ||
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$app" "$mode" "$run" "$ms" "$rss" "$idle" "$cpu" >>"$OUT/startup.tsv"
  log "$app cds=$mode run $run: ready in $ms ms, RSS $rss MB (idle $idle MB), $cpu CPU-ms"
}

# train APP: a training run writing the app's CDS archive at exit: it refreshes the context and exits
# (-Dspring.context.exit=onRefresh), or with CDS_TRAINING=ready it starts until ready and is then stopped
train() {
  local app="$1" port t0
  port="$(free_port)"
  rm -f "$WORK/$app.jsa"
  t0="$(now_ms)"
  if [ "$CDS_TRAINING" = ready ]; then
    launch "$app" "$port" "$OUT/$app-training.log" "-XX:ArchiveClassesAtExit=$WORK/$app.jsa"
    until ready "$app" "$port"; do
      kill -0 "$PID" 2>/dev/null || { log "$app training run ended; see $OUT/$app-training.log"; exit 1; }
      [ $(($(now_ms) - t0)) -lt $((READY_TIMEOUT * 1000)) ] || { log "$app training run not ready; see $OUT/$app-training.log"; exit 1; }
      sleep 0.1
    done
    kill "$PID"
  else
    launch "$app" "$port" "$OUT/$app-training.log" "-XX:ArchiveClassesAtExit=$WORK/$app.jsa" -Dspring.context.exit=onRefresh
  fi
  while kill -0 "$PID" 2>/dev/null; do
    [ $(($(now_ms) - t0)) -lt $((READY_TIMEOUT * 2000)) ] || { log "$app training run did not end; see $OUT/$app-training.log"; exit 1; }
    sleep 0.2
  done
  wait "$PID" 2>/dev/null || true
  [ -s "$WORK/$app.jsa" ] || { log "$app training run wrote no archive; see $OUT/$app-training.log"; exit 1; }
  log "$app CDS archive ($CDS_TRAINING): $(du -m "$WORK/$app.jsa" | cut -f1) MB"
}

: >"$OUT/startup.tsv"
log "JVM options: $STARTUP_JAVA_OPTS; hub arguments: ${HUB_ARGS:-none}; $RUNS runs each"
# the first start of the hub migrates its database and warms the page cache for both apps: not measured
measure bare none 0
measure hub none 0
for mode in $CDS; do
  if [ "$mode" = yes ]; then train bare; train hub; fi
  for run in $(seq 1 "$RUNS"); do
    measure bare "$mode" "$run"
    measure hub "$mode" "$run"
  done
done

python3 - "$OUT/startup.tsv" "$STARTUP_JAVA_OPTS" "$OUT/startup.md" <<'EOF'
import statistics, sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
by = {}
for app, mode, run, ms, rss, idle, cpu in rows:
    by.setdefault((app, mode), []).append((int(ms) / 1000, int(rss), int(idle), int(cpu) / 1000))
out = [f"Start-up, JVM options `{sys.argv[2]}`, H2 for the hub:", "",
       "| app | CDS | ready s (median) | each run | RSS MB at ready | idle RSS MB | CPU s | ready hub/bare |",
       "|---|---|---|---|---|---|---|---|"]
summary = []
for mode in ("no", "yes"):
    for app in ("bare", "hub"):
        runs = by.get((app, mode))
        if not runs:
            continue
        med = statistics.median(r[0] for r in runs)
        ratio = ""
        if app == "hub" and by.get(("bare", mode)):
            ratio = "%.2f" % (med / statistics.median(r[0] for r in by[("bare", mode)]))
        each = " ".join("%.1f" % r[0] for r in runs)
        rss = statistics.median(r[1] for r in runs)
        idle = statistics.median(r[2] for r in runs)
        cpu = statistics.median(r[3] for r in runs)
        out.append(f"| {app} | {mode} | {med:.1f} | {each} | {rss:.0f} | {idle:.0f} | {cpu:.1f} | {ratio} |")
        summary.append("\t".join([app, mode, "%.1f" % med, each, "%.0f" % rss, "%.0f" % idle, "%.1f" % cpu, ratio]))
open(sys.argv[3], "w").write("\n".join(out) + "\n")
open(sys.argv[1].replace(".tsv", "-summary.tsv"), "w").write("\n".join(summary) + "\n")
print("\n".join(out))
EOF
echo "Logs: $OUT"
