#!/usr/bin/env bash
# Benchmarks of the hub: builds it and the bare reference app (bench/bare/), starts them as processes, the hub on
# H2 and on PostgreSQL (embedded binaries), runs the closed-loop (wrk), baseline, intake, pre-hook, login-flood,
# drain, abuse and start-up scenarios against it and prints the summary tables.
# Everything runs on loopback. See bench/README.md for the options (environment variables below).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

DBS="${DBS:-h2 postgres}"                 # databases to run on
WARMUP="${WARMUP:-5}"                     # seconds of warm-up before every measured phase (not in the figures)
JIT_WARMUP="${JIT_WARMUP:-20}"            # seconds of load on a fresh hub before the first search (not in the figures)
STEP="${STEP:-20}"                        # seconds of each measured step of the rate searches
START_RATE="${START_RATE:-25}"           # first rate of the searches (calls/s); each next step doubles it
MAX_STEPS="${MAX_STEPS:-7}"               # at most this many doubling steps per search
P99_LIMIT="${P99_LIMIT:-50}"              # ms: a step is sustained when p99 < this, no errors, rate achieved
PREHOOK_RATE="${PREHOOK_RATE:-200}"       # pre-hooks per second
PREHOOK_SECONDS="${PREHOOK_SECONDS:-30}"  # measured seconds of the pre-hook scenario
DRAIN_EVENTS="${DRAIN_EVENTS:-10000}"     # order.submitted events stored before the drain
FILL_SENDERS="${FILL_SENDERS:-16}"        # they are stored by this many senders, each waiting for its answer
DRAIN_TIMEOUT="${DRAIN_TIMEOUT:-240}"     # seconds: stop waiting for the drain after this
LEGS_PER_EVENT="${LEGS_PER_EVENT:-4}"     # order.submitted legs: database, crm, erp, notice (skipped: no ORDER_NOTICE_TO)
HUB_JAVA_OPTS="${HUB_JAVA_OPTS:--Xmx512m}" # the hub's JVM options (the jar-process tests use -Xmx512m too)
JFR="${JFR:-1}"                           # 1: record the intake search and the hub's closed-loop phases with JFR
PG_FSYNC="${PG_FSYNC:-off}"              # on: PostgreSQL writes its WAL to disk at each commit, as in production (the embedded default, and every figure before 2026-12-04, is off)
DRAIN_JFR="${DRAIN_JFR:-0}"               # 1: record the drain with JFR (<db>-drain.jfr and <db>-drain-profile.txt, CPU samples by frame)
ABUSE_JFR="${ABUSE_JFR:-0}"               # 1: record each abuse scenario with JFR too (<db>-abuse-<scenario>-profile.txt); it costs the hub a third of its answers under a flood
SKIP_BUILD="${SKIP_BUILD:-0}"             # 1: reuse target/ and bench/target/ as they are
PROBE_ON_PRIORITY_PORT="${PROBE_ON_PRIORITY_PORT:-1}"  # 1: the abuse probes send pre-hooks and health to the hub's priority port
PHASES="${PHASES:-startup wrk bare-search search prehook flood drain abuse}"  # which phases run (bench/README.md)
STARTUP_RUNS="${STARTUP_RUNS:-3}"         # phase startup: starts of the hub and of the bare app, with and without CDS (bench/startup.sh)
FLOOD_RATE="${FLOOD_RATE:-25}"            # post-hooks per second in both halves of the login-flood phase
FLOOD_GUESSES="${FLOOD_GUESSES:-100}"     # wrong passwords per second in the open-model flood
FLOOD_SENDERS="${FLOOD_SENDERS:-16}"      # guessing clients in the closed-loop flood, each guessing again once answered
FLOOD_ADDRESSES="${FLOOD_ADDRESSES:-$(seq -s, -f '127.0.0.%g' 2 17)}"  # loopback addresses they send from
# closed loop (wrk), phase wrk: the bare app, then the hub's intake on each database, same signed calls
WRK_CONNS="${WRK_CONNS:-16 64}"           # connection counts, one measured phase each
WRK_SECONDS="${WRK_SECONDS:-20}"          # measured seconds of each closed-loop phase
WRK_WARMUP="${WRK_WARMUP:-5}"             # seconds of the same load before each, not measured
WRK_THREADS="${WRK_THREADS:-2}"           # wrk threads
WRK_CALLS="${WRK_CALLS:-300000}"          # signed calls (distinct LogIDs) made for each measured hub phase
# abuse scenarios (phase abuse): each on a fresh hub, on ABUSE_DB, with the side probes running
ABUSE_DB="${ABUSE_DB:-postgres}"          # the database of the abuse hubs (one of DBS)
ABUSE="${ABUSE:-flood big slow}"          # which sub-scenarios run
ABUSE_SECONDS="${ABUSE_SECONDS:-30}"      # seconds each sub-scenario lasts
ABUSE_FLOOD_CONNS="${ABUSE_FLOOD_CONNS:-2000}"  # flood: connections sending signed post-hooks, closed loop
ABUSE_BIG_CONNS="${ABUSE_BIG_CONNS:-300}" # big: connections sending large bodies with a wrong signature
ABUSE_BIG_SIZE="${ABUSE_BIG_SIZE:-5138022}"  # big: bytes per body (4.9 MiB, under hub.inbound.max-body-size)
ABUSE_SLOW_CONNS="${ABUSE_SLOW_CONNS:-1000}"  # slow: connections trickling a chunked body
ABUSE_SLOW_INTERVAL="${ABUSE_SLOW_INTERVAL:-5}"  # slow: seconds between two bytes
PROBE_PREHOOK_RATE="${PROBE_PREHOOK_RATE:-20}"  # side probe: signed pre-hooks per second
PROBE_HEALTH_RATE="${PROBE_HEALTH_RATE:-10}"    # side probe: GET /actuator/health per second
PROBE_POST_RATE="${PROBE_POST_RATE:-10}"        # side probe: signed post-hooks per second
RECOVER_SECONDS="${RECOVER_SECONDS:-120}" # after each sub-scenario: wait at most this long for a prompt 202

RUN="bench/reports/$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$RUN"
RESULTS="$RUN/results.tsv"
: >"$RESULTS"
DOOR="$RUN/door.tsv"
: >"$DOOR"
HASH_KEY="bench-hash-key"
OPS_USER="bench"
OPS_PASSWORD="bench-ops-password"
STARTED_PIDS=()

log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RUN/run.log" >&2; }

cleanup() {
  for pid in "${STARTED_PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${STARTED_PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }
# CPU time the process has used (user + system), in ms: a figure the other processes on a shared machine disturb less
cpu_ms() { awk -v hz="$(getconf CLK_TCK)" '{printf "%.0f", ($14 + $15) * 1000 / hz}' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU ms of a process's JIT compiler threads and of its GC threads: "<jit> <gc>". Approximate: a compiler thread
# that the JVM ends when idle (UseDynamicNumberOfCompilerThreads) takes its count with it
cpu_jit_gc() {
  local hz jit=0 gc=0 t comm ticks
  hz="$(getconf CLK_TCK)"
  for t in /proc/"$1"/task/*; do
    comm="$(cat "$t/comm" 2>/dev/null)" || continue
    # the name in field 2 may hold spaces: count fields after its closing parenthesis (utime, stime)
    ticks="$(awk '{sub(/^.*\) /, ""); print $12 + $13}' "$t/stat" 2>/dev/null)" || continue
    case "$comm" in
      C1\ Compiler* | C2\ Compiler*) jit=$((jit + ticks)) ;;
      GC\ Thread* | G1\ * | VM\ Thread) gc=$((gc + ticks)) ;;
    esac
  done
  echo "$((jit * 1000 / hz)) $((gc * 1000 / hz))"
}
rss_mb() { awk '/VmRSS/ {printf "%d", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "-"; }
row() { local IFS=$'\t'; echo "$*" >>"$RESULTS"; }
has_phase() { case " $PHASES " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

# --- build ------------------------------------------------------------------------------------------------
if [ "$SKIP_BUILD" != 1 ]; then
  log "building the hub jar (tests skipped) and the benchmarks"
  ./mvnw -B -q package -DskipTests -Dspotless.apply.skip=true -Dspotless.check.skip=true
  ./mvnw -B -q -f bench/pom.xml test-compile
  ./mvnw -B -q -f bench/bare/pom.xml package -DskipTests
fi
BARE_JAR="bench/bare/target/bench-bare.jar"
if has_phase wrk && ! command -v wrk >/dev/null; then
  log "wrk is not installed (apt-get install wrk): needed by PHASES=wrk"
  exit 1
fi
# 2,000 connections of the abuse flood, and the hub's side of them, need more than the default 1,024 descriptors
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
JAR="$(ls target/ordercloud-hub-*.jar | grep -v original | head -1)"
# run the jar extracted, as the Dockerfile does
rm -rf target/bench-hub
java -Djarmode=tools -jar "$JAR" extract --destination target/bench-hub >/dev/null
HUB_JAR="$(ls target/bench-hub/*.jar | head -1)"
BENCH_CP="bench/target/test-classes:$(cat bench/target/bench.classpath)"

# --- WireMock: Salesforce (OAuth token, sObject upserts, Composite) and the ERP, 20 ms per answer ------------------
WM_PORT="$(free_port)"
java -jar bench/target/wiremock-standalone.jar --port "$WM_PORT" --bind-address 127.0.0.1 \
  --root-dir bench/wiremock --max-request-journal-entries 500000 --async-response-enabled true \
  --container-threads 200 --disable-banner >"$RUN/wiremock.log" 2>&1 &
WM_PID=$!
STARTED_PIDS+=("$WM_PID")
for _ in $(seq 1 100); do
  curl -fs "http://127.0.0.1:$WM_PORT/__admin/health" >/dev/null 2>&1 && break
  sleep 0.2
done
log "WireMock on $WM_PORT"

# --- the hub as a process ---------------------------------------------------------------------------------
# start_hub NAME JDBC_URL USER PASSWORD DISPATCHER(true|false): sets HUB_PID, HUB_PORT, READY_S, RSS_START
start_hub() {
  local name="$1" url="$2" user="$3" password="$4" dispatcher="$5"
  HUB_PORT="$(free_port)"
  PRIORITY_PORT="$(free_port)"  # pre-hooks and health have a port of their own (hub.inbound.priority-port)
  local t0
  t0="$(now_ms)"
  SERVER_PORT="$HUB_PORT" HUB_PRIORITY_PORT="$PRIORITY_PORT" OC_HASH_KEYS="$HASH_KEY" HUB_OPS_USERNAME="$OPS_USER" HUB_OPS_PASSWORD="$OPS_PASSWORD" \
    HUB_ENCRYPTION_KEY="YmVuY2gtZW5jcnlwdGlvbi1rZXktMzItYnl0ZXMhISE=" \
    SPRING_DATASOURCE_URL="$url" SPRING_DATASOURCE_USERNAME="$user" SPRING_DATASOURCE_PASSWORD="$password" \
    HUB_DELIVERY_ENABLED="$dispatcher" HUB_INSTANCE_ID="bench-$name" \
    SALESFORCE_LOGIN_URL="http://127.0.0.1:$WM_PORT" SALESFORCE_CLIENT_ID=bench-app \
    SALESFORCE_CLIENT_SECRET=bench-secret SALESFORCE_USERNAME=bench@example.com SALESFORCE_PASSWORD=bench \
    ERP_BASE_URL="http://127.0.0.1:$WM_PORT/erp" \
    java $HUB_JAVA_OPTS -jar "$HUB_JAR" --spring.profiles.active=bench \
    --spring.config.additional-location=optional:file:bench/ >"$RUN/hub-$name.log" 2>&1 &
  HUB_PID=$!
  STARTED_PIDS+=("$HUB_PID")
  until curl -fs "http://127.0.0.1:$HUB_PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"\|"DEGRADED"'; do
    if ! kill -0 "$HUB_PID" 2>/dev/null; then
      # on a machine shared with other work a hub may be ended from outside (a SIGTERM in its log): try once more
      if [ -z "${HUB_RETRIED:-}" ]; then
        log "the hub ($name) ended during start-up; see $RUN/hub-$name.log; starting it once more"
        mv "$RUN/hub-$name.log" "$RUN/hub-$name.first.log"
        HUB_RETRIED=1 start_hub "$@"
        return
      fi
      log "the hub ($name) died; see $RUN/hub-$name.log"
      exit 1
    fi
    if [ $(($(now_ms) - t0)) -gt 300000 ]; then
      log "the hub ($name) was not ready in 300 s; see $RUN/hub-$name.log"
      exit 1
    fi
    sleep 0.1
  done
  READY_S="$(awk -v ms=$(($(now_ms) - t0)) 'BEGIN {printf "%.1f", ms/1000}')"
  RSS_START="$(rss_mb "$HUB_PID")"
  CPU_START="$(awk -v ms="$(cpu_ms "$HUB_PID")" 'BEGIN {printf "%.1f", ms/1000}')"
  log "hub $name ready in ${READY_S} s (${CPU_START} CPU-s) on port $HUB_PORT, RSS ${RSS_START} MB"
}

stop_hub() {
  kill "$HUB_PID" 2>/dev/null || true
  # a hub jammed by an abuse scenario may hold its graceful stop for minutes: give it 30 s, then end it
  for _ in $(seq 1 300); do kill -0 "$HUB_PID" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$HUB_PID" 2>/dev/null; then
    log "pid $HUB_PID still running 30 s after SIGTERM: SIGKILL"
    kill -9 "$HUB_PID" 2>/dev/null || true
  fi
  wait "$HUB_PID" 2>/dev/null || true
}

# start_bare: the bare reference app (bench/bare/) as a process, same JVM options as the hub; sets HUB_PID and
# HUB_PORT to it, so the load functions below measure it as they measure the hub
start_bare() {
  HUB_PORT="$(free_port)"
  local t0
  t0="$(now_ms)"
  # its own configuration only (not the hub's ./application.yaml, which Boot would read from the working folder)
  SERVER_PORT="$HUB_PORT" java $HUB_JAVA_OPTS -jar "$BARE_JAR" --spring.config.location=classpath:/ \
    >"$RUN/bare.log" 2>&1 &
  HUB_PID=$!
  STARTED_PIDS+=("$HUB_PID")
  until [ "$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' -d '{}' \
    "http://127.0.0.1:$HUB_PORT/webhooks/ordercloud/post")" = 202 ]; do
    kill -0 "$HUB_PID" 2>/dev/null || { log "the bare app died; see $RUN/bare.log"; exit 1; }
    [ $(($(now_ms) - t0)) -lt 300000 ] || { log "the bare app was not ready in 300 s; see $RUN/bare.log"; exit 1; }
    sleep 0.1
  done
  log "bare app ready in $(awk -v ms=$(($(now_ms) - t0)) 'BEGIN {printf "%.1f", ms/1000}') s on port $HUB_PORT, RSS $(rss_mb "$HUB_PID") MB"
}

# signed_calls NAME COUNT: COUNT signed post-hooks with distinct LogIDs for wrk (bench/wrk/signed_posthooks.py)
signed_calls() {
  python3 bench/wrk/signed_posthooks.py src/test/resources/fixtures/webhook-post-order-submit.json "$HASH_KEY" \
    "$2" "$RUN/wrk/$1"
  CALLS="$RUN/wrk/$1"
}

# closed_loop TARGET CONNS: wrk for WRK_WARMUP s (its own calls) and WRK_SECONDS s measured, to the post-hook path
# of the running target (bare app or hub); one row in door.tsv
closed_loop() {
  local target="$1" conns="$2" name="$1-$2"
  mkdir -p "$RUN/wrk"
  local count="$WRK_CALLS" warm_count=$(((WRK_CALLS * WRK_WARMUP + WRK_SECONDS - 1) / WRK_SECONDS))
  local measured warm
  signed_calls "$name-warmup" "$warm_count"
  warm="$CALLS"
  signed_calls "$name" "$count"
  measured="$CALLS"
  local url="http://127.0.0.1:$HUB_PORT/webhooks/ordercloud/post"
  wrk -t "$WRK_THREADS" -c "$conns" -d "${WRK_WARMUP}s" --timeout 10s -s bench/wrk/post-hook.lua "$url" \
    -- "$warm" "$WRK_THREADS" >"$RUN/wrk/$name-warmup.txt" 2>&1 || true
  local cpu0
  cpu0="$(cpu_ms "$HUB_PID")"
  # the subshell's `times` gives wrk's own CPU (user and system): on 2 shared cores it competes with the target
  ( wrk -t "$WRK_THREADS" -c "$conns" -d "${WRK_SECONDS}s" --timeout 10s --latency -s bench/wrk/post-hook.lua \
    "$url" -- "$measured" "$WRK_THREADS"; times ) >"$RUN/wrk/$name.txt" 2>&1 || true
  local cpu=$(($(cpu_ms "$HUB_PID") - cpu0))
  rm -f "$warm.ids" "$measured.ids"
  local result
  result="$(grep '^WRK_RESULT' "$RUN/wrk/$name.txt" || true)"
  if [ -z "$result" ]; then
    log "wrk $name gave no result; see $RUN/wrk/$name.txt"
    printf 'closed\t%s\t%s\t0\t-\t-\t-\t-\t-\t-\twrk failed\t0\t-\t-\n' "$conns" "$target" >>"$DOOR"
    return
  fi
  read -r _ requests seconds rps p50 p99 p999 max non2xx sockerr statuses repeats <<<"$result"
  repeats="${repeats#repeats=}"
  # wrk's CPU: the children line of `times` ("0m1.234s 0m0.567s"), as a share of the measured seconds
  local wrk_cpu
  wrk_cpu="$(tail -1 "$RUN/wrk/$name.txt" | awk -v d="$WRK_SECONDS" '{
      split($1, u, /[ms]/); split($2, s, /[ms]/); c = u[1] * 60 + u[2] + s[1] * 60 + s[2];
      printf "%.1f s (%.2f cores)", c, c / d }')"
  local per_call
  per_call="$(awk -v c="$cpu" -v n="$requests" 'BEGIN {if (n > 0) printf "%.3f ms", c/n; else print "-"}')"
  printf 'closed\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$conns" "$target" "$rps" "$p50" "$p99" \
    "$p999" "$max" "$non2xx" "$sockerr" "$statuses" "$repeats" "$wrk_cpu" "$per_call" >>"$DOOR"
  log "closed loop $target, $conns connections: $rps req/s, p50 $p50 ms, p99 $p99 ms, non-2xx $non2xx, socket errors $sockerr ($statuses; repeats $repeats); wrk $wrk_cpu; target $per_call CPU per call"
}

# abuse DB SCENARIO: one sub-scenario on a fresh hub, the side probes beside it, then the wait for a prompt 202;
# one row in door.tsv
abuse() {
  local db="$1" scenario="$2" out="$RUN/abuse"
  mkdir -p "$out"
  start_hub "$db-abuse-$scenario" "$LOAD_URL" "$DB_USER" "$DB_PASSWORD" false
  # a few seconds of ordinary traffic first, so the figures are not those of a cold JVM
  gatling "$db-abuse-$scenario-warm" intake "$START_RATE" "$WARMUP" 1
  local budget
  budget="$(awk '/^  prehooks:/ {p = 1} p && /^    budget:/ {print $2; exit}' application.yaml)"
  budget="${HUB_PREHOOKS_BUDGET:-$budget}"
  budget="$(awk -v b="$budget" 'BEGIN {if (b ~ /ms$/) {sub(/ms$/, "", b); print b / 1000} else {sub(/s$/, "", b); print b}}')"
  local args=(--key "$HASH_KEY" --fixture "$ROOT/src/test/resources/fixtures/webhook-post-order-submit.json")
  case "$scenario" in
  flood) args+=(--conns "$ABUSE_FLOOD_CONNS") ;;
  big) args+=(--conns "$ABUSE_BIG_CONNS" --size "$ABUSE_BIG_SIZE") ;;
  slow) args+=(--conns "$ABUSE_SLOW_CONNS" --interval "$ABUSE_SLOW_INTERVAL") ;;
  *) log "unknown abuse scenario $scenario (flood, big or slow)"; exit 1 ;;
  esac
  local cpu0 t0
  cpu0="$(cpu_ms "$HUB_PID")"
  t0="$(now_ms)"
  log "abuse $scenario on $db for $ABUSE_SECONDS s"
  [ "$ABUSE_JFR" != 1 ] || jcmd "$HUB_PID" JFR.start name=abuse settings=profile >/dev/null
  python3 bench/abuse.py "$scenario" 127.0.0.1 "$HUB_PORT" "$ABUSE_SECONDS" "$out/$scenario-load.json" "${args[@]}" \
    2>"$out/$scenario-load.log" &
  local load=$!
  python3 bench/abuse.py probe 127.0.0.1 "$HUB_PORT" "$ABUSE_SECONDS" "$out/$scenario-probe.json" --pid "$HUB_PID" \
    --key "$HASH_KEY" --fixtures "$ROOT/src/test/resources/fixtures" --budget "$budget" \
    --prehook-rate "$PROBE_PREHOOK_RATE" --health-rate "$PROBE_HEALTH_RATE" --post-rate "$PROBE_POST_RATE" \
    --probe-port "$([ "$PROBE_ON_PRIORITY_PORT" = 1 ] && echo "$PRIORITY_PORT" || echo 0)" \
    2>"$out/$scenario-probe.log" || true
  wait "$load" || true
  local cpu=$(($(cpu_ms "$HUB_PID") - cpu0)) wall=$(($(now_ms) - t0))
  if [ "$ABUSE_JFR" = 1 ]; then
    jcmd "$HUB_PID" JFR.stop name=abuse filename="$ROOT/$RUN/$db-abuse-$scenario.jfr" >/dev/null
    jfr print --events jdk.ExecutionSample --stack-depth 64 "$RUN/$db-abuse-$scenario.jfr" >"$RUN/$db-abuse-$scenario-samples.txt"
    python3 bench/summary.py jfr "$RUN/$db-abuse-$scenario-samples.txt" >"$RUN/$db-abuse-$scenario-profile.txt"
  fi
  python3 bench/abuse.py recover 127.0.0.1 "$HUB_PORT" "$RECOVER_SECONDS" "$out/$scenario-recover.json" "${args[@]:0:4}" \
    2>"$out/$scenario-recover.log" || true
  log "abuse $scenario: hub CPU $((cpu / 1000)) s during it; RSS now $(rss_mb "$HUB_PID") MB; $(cat "$out/$scenario-recover.log")"
  log "abuse $scenario: $(grep -c 'OutOfMemoryError' "$RUN/hub-$db-abuse-$scenario.log" || true) OutOfMemoryError lines in the hub's log"
  # the hub's CPU during the scenario, in cores: on a shared machine, how much of it the hub got
  printf 'abuse\t%s\t%s\t%s\t%s\t%s\t%s\n' "$scenario" "$db" "$out/$scenario-load.json" "$out/$scenario-probe.json" \
    "$out/$scenario-recover.json" "$(awk -v c="$cpu" -v w="$wall" 'BEGIN {printf "%.1f s in %.1f s (%.2f cores)", c/1000, w/1000, c/w}')" >>"$DOOR"
  stop_hub
}

# gatling NAME SCENARIO RATE WARMUP DURATION [-Dname=value…]: runs one phase; sets STATS (total ok ko p50 p99 p999 max)
gatling() {
  local name="$1" scenario="$2" rate="$3" warmup="$4" duration="$5"
  shift 5
  local out="$RUN/gatling/$name"
  mkdir -p "$out"
  local cpu0
  cpu0="$(cpu_ms "$HUB_PID")"
  # the JVM options gatling-maven-plugin uses (Gatling's stats writer needs java.lang opened)
  java -Xmx1g -XX:+HeapDumpOnOutOfMemoryError -XX:MaxInlineLevel=20 -XX:MaxTrivialSize=12 \
    --add-opens=java.base/java.lang=ALL-UNNAMED -cp "$BENCH_CP" -Dbench.scenario="$scenario" -Dbench.rate="$rate" -Dbench.warmup="$warmup" \
    -Dbench.duration="$duration" -Dbench.url="http://127.0.0.1:$HUB_PORT" -Dbench.key="$HASH_KEY" \
    -Dbench.fixtures="$ROOT/src/test/resources/fixtures" "$@" \
    io.gatling.app.Gatling -s com.ordercloudhub.bench.HubSimulation -rf "$out" -rd "$name" \
    -l bench-run-sh >"$out.log" 2>&1 || true
  STATS="$(python3 bench/summary.py stats "$out")"
  # the hub's CPU per call, warm-up calls included (they ran on it too)
  local calls
  calls="$(($(echo "$STATS" | cut -d' ' -f1) + $(python3 bench/summary.py stats "$out" warmup | cut -d' ' -f1)))"
  CPU_PER_CALL="$(awk -v c="$(($(cpu_ms "$HUB_PID") - cpu0))" -v n="$calls" 'BEGIN {if (n > 0) printf "%.2f", c/n; else print "-"}')"
}

# search DB SCENARIO: doubles the rate from START_RATE while a step is sustained; sets BEST and BEST_P99
search() {
  local db="$1" scenario="$2" rate="$START_RATE" step=0
  BEST=0
  BEST_P99="-"
  while [ "$step" -lt "$MAX_STEPS" ]; do
    gatling "$db-$scenario-$rate" "$scenario" "$rate" "$WARMUP" "$STEP"
    read -r total ok ko p50 p99 p999 max <<<"$STATS"
    local achieved
    achieved="$(awk -v ok="$ok" -v d="$STEP" 'BEGIN {printf "%.0f", ok/d}')"
    local sustained=no
    if [ "$ko" = 0 ] && [ "$p99" != "-" ] && [ "$p99" -lt "$P99_LIMIT" ] &&
      awk -v a="$achieved" -v r="$rate" 'BEGIN {exit !(a >= 0.95 * r)}'; then
      sustained=yes
      BEST="$rate"
      BEST_P99="$p99"
    fi
    log "$db $scenario $rate/s: achieved $achieved/s p50 $p50 p99 $p99 p99.9 $p999 errors $ko sustained=$sustained"
    local base
    base="$(eval echo "\${P99_baseline_${rate}:-}")"
    local versus=""
    if [ "$scenario" != baseline ] && [ -n "$base" ] && [ "$base" != "-" ] && [ "$p99" != "-" ]; then
      versus="$(awk -v a="$p99" -v b="$base" 'BEGIN {if (b > 0) printf "p99 x%.1f", a/b}')"
    fi
    eval "CPU_${scenario}_${rate}=$CPU_PER_CALL"
    local cpu_base
    cpu_base="$(eval echo "\${CPU_baseline_${rate}:-}")"
    if [ "$scenario" != baseline ] && [ -n "$cpu_base" ] && [ "$cpu_base" != "-" ] && [ "$CPU_PER_CALL" != "-" ]; then
      versus="$versus, CPU x$(awk -v a="$CPU_PER_CALL" -v b="$cpu_base" 'BEGIN {if (b > 0) printf "%.1f", a/b}')"
    fi
    row "$scenario step" "$db" "$rate" "$achieved" "$p50" "$p99" "$p999" "$ko" "$versus" "sustained: $sustained; hub CPU ${CPU_PER_CALL} ms/call"
    eval "P99_${scenario}_${rate}=$p99"
    [ "$sustained" = yes ] || break
    rate=$((rate * 2))
    step=$((step + 1))
  done
}

# prometheus_sum METRIC: the sum of a counter's series on the running hub (0 when it has none)
prometheus_sum() {
  curl -fs -u "$OPS_USER:$OPS_PASSWORD" "http://127.0.0.1:$HUB_PORT/actuator/prometheus" 2>/dev/null |
    awk -v m="$1" 'index($0, m) == 1 {n += $NF} END {printf "%d", n}'
}

# login_flood DB: post-hooks at FLOOD_RATE without a flood, then during a flood of wrong ops passwords from
# FLOOD_ADDRESSES: first FLOOD_GUESSES a second (open model), then FLOOD_SENDERS clients as fast as answered;
# each flooded half's latency as a ratio to the first half's, same hub
login_flood() {
  local db="$1"
  gatling "$db-flood-none-$FLOOD_RATE" intake "$FLOOD_RATE" "$WARMUP" "$STEP"
  read -r total ok ko p50 p99 p999 max <<<"$STATS"
  FLOOD_REF_P50="$p50" FLOOD_REF_P99="$p99"
  row "intake, no flood" "$db" "$FLOOD_RATE" "$(awk -v ok="$ok" -v d="$STEP" 'BEGIN {printf "%.0f", ok/d}')" \
    "$p50" "$p99" "$p999" "$ko" "1.00" "reference for the login flood; hub CPU ${CPU_PER_CALL} ms/call"
  flooded "$db" "$FLOOD_GUESSES" "$FLOOD_GUESSES wrong passwords/s"
  flooded "$db" 0 "$FLOOD_SENDERS guessing clients"
}

# flooded DB GUESS_RATE WHAT: one flooded half of login_flood (GUESS_RATE 0: the closed loop)
flooded() {
  local db="$1" guess_rate="$2" what="$3"
  local checks0 refused0
  checks0="$(prometheus_sum hub_ops_password_checks_total)"
  refused0=$(($(prometheus_sum 'hub_ops_logins_total{outcome="throttled"') + $(prometheus_sum 'hub_ops_logins_total{outcome="busy"')))
  local flood_seconds=$((WARMUP + STEP + 2))
  ( gatling "$db-flood-guesses-$guess_rate" guess "$guess_rate" 1 "$flood_seconds" -Dbench.senders="$FLOOD_SENDERS" \
    -Dbench.user="$OPS_USER" -Dbench.addresses="$FLOOD_ADDRESSES" ) &
  local flood=$!
  gatling "$db-flood-on-$guess_rate-$FLOOD_RATE" intake "$FLOOD_RATE" "$WARMUP" "$STEP"
  read -r total ok ko p50 p99 p999 max <<<"$STATS"
  local cpu="$CPU_PER_CALL"
  wait "$flood" || true
  local guesses
  guesses="$(python3 bench/summary.py stats "$RUN/gatling/$db-flood-guesses-$guess_rate" guess | cut -d' ' -f1)"
  local checks refused
  checks=$(($(prometheus_sum hub_ops_password_checks_total) - checks0))
  refused=$(($(prometheus_sum 'hub_ops_logins_total{outcome="throttled"') + $(prometheus_sum 'hub_ops_logins_total{outcome="busy"') - refused0))
  local versus
  versus="$(awk -v a="$p50" -v b="$FLOOD_REF_P50" -v c="$p99" -v d="$FLOOD_REF_P99" \
    'BEGIN {if (b > 0 && d > 0) printf "p50 x%.2f, p99 x%.2f", a/b, c/d; else print "-"}')"
  row "intake, flood of $what" "$db" "$FLOOD_RATE" "$(awk -v ok="$ok" -v d="$STEP" 'BEGIN {printf "%.0f", ok/d}')" \
    "$p50" "$p99" "$p999" "$ko" "$versus" \
    "$guesses wrong passwords in ${flood_seconds} s: $refused refused unchecked, $checks passwords checked; hub CPU ${cpu} ms per post-hook (guesses included)"
  log "$db login flood ($what): p50 $FLOOD_REF_P50 -> $p50 ms, p99 $FLOOD_REF_P99 -> $p99 ms; $guesses guesses, $refused refused unchecked, $checks checked"
}

# --- start-up (issue 17): bench/startup.sh, hub and bare app interleaved, same JVM options, with and without CDS --
if has_phase startup; then
  log "start-up: bench/startup.sh, $STARTUP_RUNS runs of each app per mode"
  SKIP_BUILD=1 RUNS="$STARTUP_RUNS" STARTUP_JAVA_OPTS="$HUB_JAVA_OPTS" OUT="$RUN/startup" bench/startup.sh >&2
  # one row per app and mode: app, cds, median s, each run, RSS at ready, idle RSS, CPU s, ratio hub/bare
  while IFS=$'\t' read -r app cds median each rss idle cpu ratio; do
    row "start-up $app" "h2" "" "" "" "" "" "" "${ratio:+ready x$ratio}" \
      "CDS $cds: ready ${median} s (runs ${each}), RSS ${rss} MB at ready, ${idle} MB idle, ${cpu} CPU-s"
  done <"$RUN/startup/startup-summary.tsv"
fi

# --- the bare reference app: closed loop and open model, before the hubs, in the same run ---------------------
if has_phase wrk || has_phase bare-search; then
  start_bare
  if has_phase wrk; then
    for conns in $WRK_CONNS; do closed_loop bare "$conns"; done
  fi
  if has_phase bare-search; then
    gatling "bare-jit" bare "$START_RATE" "$JIT_WARMUP" 1
    search bare bare
    row "bare max" "bare" "$BEST" "" "" "$BEST_P99" "" "" "" "highest sustained rate of the bare app (open model)"
  fi
  stop_hub
fi

# --- per database -----------------------------------------------------------------------------------------
# PostgreSQL's statistics so far: "<transactions committed in the drain database> <WAL syncs to disk>" (a
# read in autocommit is a transaction too; a WAL sync is what a commit that wrote waits for); empty without psql
# CPU ms of the bench's PostgreSQL server: its postmaster (with the children it has reaped: autovacuum and
# parallel workers, retired backends) and its living children; empty on H2
pg_cpu_ms() {
  local pm hz ticks p t
  [ "$1" = postgres ] && [ -s "$ROOT/target/bench-pg/postmaster.pid" ] || return 0
  pm="$(head -1 "$ROOT/target/bench-pg/postmaster.pid")"
  hz="$(getconf CLK_TCK)"
  ticks="$(awk '{sub(/^.*\) /, ""); print $12 + $13 + $14 + $15}' "/proc/$pm/stat" 2>/dev/null || echo 0)"
  for p in $(pgrep -P "$pm"); do
    t="$(awk '{sub(/^.*\) /, ""); print $12 + $13}' "/proc/$p/stat" 2>/dev/null)" || continue
    ticks=$((ticks + ${t:-0}))
  done
  echo "$((ticks * 1000 / hz))"
}
# the machine's busy CPU ms over all its online cores (user, nice, system, irq, softirq, steal from /proc/stat);
# %.0f, not %d: the sum since boot passes 2^31 ms on a large machine
machine_busy_ms() { awk -v hz="$(getconf CLK_TCK)" '/^cpu / {printf "%.0f", ($2 + $3 + $4 + $7 + $8 + $9) * 1000 / hz}' /proc/stat; }
machine_cores() { grep -c '^cpu[0-9]' /proc/stat; }

pg_commits() {
  [ "$1" = postgres ] && command -v psql >/dev/null || return 0
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d hub_drain -At -F ' ' -c "SELECT pg_stat_force_next_flush()" \
    -c "SELECT (SELECT xact_commit FROM pg_stat_database WHERE datname = 'hub_drain'), wal_sync FROM pg_stat_wal" \
    2>/dev/null | tail -1
}

H2_OPTIONS="MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
for db in $DBS; do
  # figures of the previous database are no reference for this one
  for var in $(compgen -v | grep -E '^(P99|CPU)_(baseline|intake)_'); do unset "$var"; done
  case "$db" in
  h2)
    rm -rf target/bench-data
    LOAD_URL="jdbc:h2:file:./target/bench-data/load;$H2_OPTIONS"
    DRAIN_URL="jdbc:h2:file:./target/bench-data/drain;$H2_OPTIONS"
    DB_USER=sa DB_PASSWORD=""
    ;;
  postgres)
    PG_PORT="$(free_port)"
    rm -f "$RUN/pg.ready"
    java -Dbench.fsync="$PG_FSYNC" -cp "$BENCH_CP" com.ordercloudhub.bench.PostgresLauncher "$PG_PORT" "$ROOT/target/bench-pg" \
      "$RUN/pg.ready" hub_load hub_drain >"$RUN/postgres.log" 2>&1 &
    PG_PID=$!
    STARTED_PIDS+=("$PG_PID")
    for _ in $(seq 1 300); do [ -f "$RUN/pg.ready" ] && break; sleep 0.2; done
    [ -f "$RUN/pg.ready" ] || { log "PostgreSQL did not start; see $RUN/postgres.log"; exit 1; }
    LOAD_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/hub_load"
    DRAIN_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/hub_drain"
    DB_USER=postgres DB_PASSWORD=""
    log "PostgreSQL on $PG_PORT"
    ;;
  *) log "unknown database $db (h2 or postgres)"; exit 1 ;;
  esac

  STARTUP_READY="-" STARTUP_RSS="-" STARTUP_CPU="-" RSS_PEAK="-"
  if has_phase wrk || has_phase search || has_phase prehook || has_phase flood; then
  # closed loop, baseline, intake, pre-hook: one hub, dispatcher off (an intake-only instance: the drain is measured apart)
  start_hub "$db-load" "$LOAD_URL" "$DB_USER" "$DB_PASSWORD" false
  STARTUP_READY="$READY_S" STARTUP_RSS="$RSS_START" STARTUP_CPU="$CPU_START"

  # a fresh JVM compiles as it goes: load both paths for a while before anything is measured
  gatling "$db-jit-baseline" baseline "$START_RATE" "$JIT_WARMUP" 1
  gatling "$db-jit-intake" intake "$START_RATE" "$JIT_WARMUP" 1
  if has_phase wrk; then
    [ "$JFR" != 1 ] || jcmd "$HUB_PID" JFR.start name=wrk settings=profile >/dev/null
    for conns in $WRK_CONNS; do closed_loop "$db" "$conns"; done
    if [ "$JFR" = 1 ]; then
      jcmd "$HUB_PID" JFR.stop name=wrk filename="$ROOT/$RUN/$db-wrk.jfr" >/dev/null
      jfr print --events jdk.ExecutionSample --stack-depth 64 "$RUN/$db-wrk.jfr" >"$RUN/$db-wrk-samples.txt"
      python3 bench/summary.py jfr "$RUN/$db-wrk-samples.txt" >"$RUN/$db-wrk-profile.txt"
      rm -f "$RUN/$db-wrk-samples.txt"
    fi
  fi
  if has_phase search; then
    search "$db" baseline
    BASELINE_BEST="$BEST"
    row "baseline max" "$db" "$BEST" "" "" "$BEST_P99" "" "" "1.00" "highest sustained rate"

    if [ "$JFR" = 1 ]; then
      jcmd "$HUB_PID" JFR.start name=intake settings=profile >/dev/null
    fi
    ( while kill -0 "$HUB_PID" 2>/dev/null; do rss_mb "$HUB_PID"; echo; sleep 1; done ) >"$RUN/$db-intake-rss.txt" &
    SAMPLER=$!
    search "$db" intake
    kill "$SAMPLER" 2>/dev/null || true
    wait "$SAMPLER" 2>/dev/null || true
    RSS_PEAK="$(sort -n "$RUN/$db-intake-rss.txt" | tail -1)"
    if [ "$JFR" = 1 ]; then
      jcmd "$HUB_PID" JFR.stop name=intake filename="$ROOT/$RUN/$db-intake.jfr" >/dev/null
      jfr print --events jdk.ExecutionSample --stack-depth 64 "$RUN/$db-intake.jfr" >"$RUN/$db-intake-samples.txt"
      python3 bench/summary.py jfr "$RUN/$db-intake-samples.txt" >"$RUN/$db-intake-profile.txt"
      rm -f "$RUN/$db-intake-samples.txt"
    fi
    ratio="$(awk -v a="$BEST" -v b="$BASELINE_BEST" 'BEGIN {if (b > 0) printf "%.2f", a/b; else print "-"}')"
    row "intake max" "$db" "$BEST" "" "" "$BEST_P99" "" "" "$ratio" "highest sustained rate (p99 < ${P99_LIMIT} ms, no errors)"
  fi

  if has_phase prehook; then
    if [ -z "$(eval echo "\${P99_baseline_${PREHOOK_RATE}:-}")" ]; then
      # the search did not pass through the pre-hook rate: measure the baseline there too
      gatling "$db-baseline-$PREHOOK_RATE" baseline "$PREHOOK_RATE" "$WARMUP" "$PREHOOK_SECONDS"
      read -r total ok ko p50 p99 p999 max <<<"$STATS"
      eval "P99_baseline_${PREHOOK_RATE}=$p99"
      row "baseline" "$db" "$PREHOOK_RATE" "$(awk -v ok="$ok" -v d="$PREHOOK_SECONDS" 'BEGIN {printf "%.0f", ok/d}')" \
        "$p50" "$p99" "$p999" "$ko" "" "reference for the pre-hook; hub CPU ${CPU_PER_CALL} ms/call"
    fi
    gatling "$db-prehook-$PREHOOK_RATE" prehook "$PREHOOK_RATE" "$WARMUP" "$PREHOOK_SECONDS"
    read -r total ok ko p50 p99 p999 max <<<"$STATS"
    achieved="$(awk -v ok="$ok" -v d="$PREHOOK_SECONDS" 'BEGIN {printf "%.0f", ok/d}')"
    base_p99="$(eval echo "\${P99_baseline_${PREHOOK_RATE}:-}")"
    ratio="$(awk -v a="$p99" -v b="$base_p99" 'BEGIN {if (b > 0) printf "p99 x%.1f", a/b; else print "-"}')"
    row "pre-hook" "$db" "$PREHOOK_RATE" "$achieved" "$p50" "$p99" "$p999" "$ko" "$ratio" "address pre-hooks, built-in checks; hub CPU ${CPU_PER_CALL} ms/call"
    log "$db pre-hook $PREHOOK_RATE/s: p50 $p50 p99 $p99 p99.9 $p999 errors $ko"
  fi
  if has_phase flood; then
    login_flood "$db"
  fi
  stop_hub
  fi

  # drain: store DRAIN_EVENTS with the dispatcher off, then start a hub with it on and time until all legs are done
  DRAIN_READY="-"
  if has_phase drain; then
    start_hub "$db-fill" "$DRAIN_URL" "$DB_USER" "$DB_PASSWORD" false
    gatling "$db-fill" fill 0 0 0 -Dbench.events="$DRAIN_EVENTS" -Dbench.senders="$FILL_SENDERS"
    read -r total ok ko _ <<<"$STATS"
    # what the hub stored (a call that timed out at the client may still have been stored)
    stored="$(curl -fs -u "$OPS_USER:$OPS_PASSWORD" "http://127.0.0.1:$HUB_PORT/actuator/prometheus" |
      awk '/^hub_events_received_total\{/ {n += $NF} END {printf "%d", n}')"
    log "$db fill: $total calls, $ok answered 202, $ko errors; $stored events stored"
    stop_hub
    curl -fs -X DELETE "http://127.0.0.1:$WM_PORT/__admin/requests" >/dev/null || true
    start_hub "$db-drain" "$DRAIN_URL" "$DB_USER" "$DB_PASSWORD" true
    [ "$DRAIN_JFR" != 1 ] || jcmd "$HUB_PID" JFR.start name=drain settings=profile >/dev/null
    t0="$(now_ms)"
    cpu0="$(cpu_ms "$HUB_PID")"
    read -r jit0 gc0 <<<"$(cpu_jit_gc "$HUB_PID")"
    commits0="$(pg_commits "$db")"
    pgcpu0="$(pg_cpu_ms "$db")"
    wmcpu0="$(cpu_ms "$WM_PID")"
    busy0="$(machine_busy_ms)"
    expected=$((stored * LEGS_PER_EVENT))
    drained=no
    while [ $(($(now_ms) - t0)) -lt $((DRAIN_TIMEOUT * 1000)) ]; do
      curl -fs -u "$OPS_USER:$OPS_PASSWORD" "http://127.0.0.1:$HUB_PORT/actuator/prometheus" >"$RUN/$db-prometheus.txt" || true
      read -r pending retrying delivered skipped dead all_legs <<<"$(python3 bench/summary.py legs "$RUN/$db-prometheus.txt")"
      if [ "$all_legs" -ge "$expected" ] && [ "$pending" = 0 ] && [ "$retrying" = 0 ]; then
        drained=yes
        break
      fi
      sleep 1
    done
    elapsed="$(awk -v ms=$(($(now_ms) - t0)) 'BEGIN {printf "%.1f", ms/1000}')"
    per_s="$(awk -v n="$delivered" -v s="$elapsed" 'BEGIN {printf "%.0f", n/s}')"
    # the hub's CPU over the drain, per delivered leg; Salesforce data API calls (not logins) per stored order
    cpu_leg="$(awk -v c=$(($(cpu_ms "$HUB_PID") - cpu0)) -v n="$delivered" 'BEGIN {printf "%.2f", n ? c/n : 0}')"
    # of which the JIT compilers (a fresh JVM compiles the delivery code during the drain) and the GC
    read -r jit1 gc1 <<<"$(cpu_jit_gc "$HUB_PID")"
    # what the peers on the same machine spent per delivered leg, and how busy the machine's cores were: at the
    # same cost per leg, the legs/s this machine can give at most, the peers included
    pgcpu1="$(pg_cpu_ms "$db")"
    peers_leg="$(awk -v pg0="$pgcpu0" -v pg1="$pgcpu1" -v wm=$(($(cpu_ms "$WM_PID") - wmcpu0)) \
      -v busy=$(($(machine_busy_ms) - busy0)) -v cores="$(machine_cores)" -v n="$delivered" -v s="$elapsed" 'BEGIN {
      if (!n || !s || busy <= 0) { print "-"; exit }
      pg = (pg0 == "" || pg1 == "") ? "-" : sprintf("%.2f", (pg1 - pg0) / n)
      printf "PostgreSQL %s + WireMock %.2f ms; machine busy %.2f of %d cores (anything else running included), %.2f ms per leg: at most %.0f legs/s on it", \
        pg, wm / n, busy / 1000 / s, cores, busy / n, cores * 1000 * n / busy }')"
    jit_gc_leg="$(awk -v j=$((jit1 - jit0)) -v g=$((gc1 - gc0)) -v n="$delivered" 'BEGIN {printf "JIT %.2f + GC and VM thread %.2f", n ? j/n : 0, n ? g/n : 0}')"
    # PostgreSQL's own count of transactions and WAL syncs over the drain, per delivered leg
    commits_leg="$(awk -v a="$commits0" -v b="$(pg_commits "$db")" -v n="$delivered" 'BEGIN {
      split(a, x, " "); split(b, y, " ")
      if (a != "" && b != "" && n) printf "%.2f transactions and %.2f WAL syncs", (y[1] - x[1]) / n, (y[2] - x[2]) / n
      else print "-" }')"
    sf_calls="$(curl -fs -X POST "http://127.0.0.1:$WM_PORT/__admin/requests/count" \
      -d '{"urlPathPattern":"/services/data/.*"}' | python3 -c 'import json,sys; print(json.load(sys.stdin)["count"])' || echo 0)"
    sf_per_order="$(awk -v c="$sf_calls" -v n="$stored" 'BEGIN {printf "%.2f", n ? c/n : 0}')"
    # the dispatcher's concurrency: HUB_DELIVERY_CONCURRENCY when given (the hub reads it too), else application.yaml's
    concurrency="${HUB_DELIVERY_CONCURRENCY:-$(awk '/^  delivery:/ {d = 1} d && /^    concurrency:/ {print $2; exit}' application.yaml)}"
    log "$db drain: drained=$drained in $elapsed s: delivered $delivered, skipped $skipped, dead $dead, retrying $retrying, pending $pending; CPU $cpu_leg ms/leg ($jit_gc_leg); peers per leg: $peers_leg; $commits_leg per leg; Salesforce $sf_per_order calls/order"
    row "drain" "$db" "$stored events" "$per_s legs/s" "" "" "" "$dead dead" "" \
      "drained=$drained in ${elapsed} s, $delivered legs delivered (+$skipped skipped), concurrency $concurrency, hub CPU ${cpu_leg} ms per leg (${jit_gc_leg} of it), peers per leg: ${peers_leg}, ${commits_leg} per leg, Salesforce calls per order ${sf_per_order} ($sf_calls)"
    if [ "$DRAIN_JFR" = 1 ]; then
      jcmd "$HUB_PID" JFR.stop name=drain filename="$ROOT/$RUN/$db-drain.jfr" >/dev/null
      jfr print --events jdk.ExecutionSample --stack-depth 64 "$RUN/$db-drain.jfr" >"$RUN/$db-drain-samples.txt"
      python3 bench/summary.py jfr "$RUN/$db-drain-samples.txt" >"$RUN/$db-drain-profile.txt"
      rm -f "$RUN/$db-drain-samples.txt"
    fi
    DRAIN_READY="$READY_S"
    stop_hub
  fi

  if has_phase abuse && [ "$db" = "$ABUSE_DB" ]; then
    for scenario in $ABUSE; do abuse "$db" "$scenario"; done
  fi

  [ "$STARTUP_READY" = - ] || row "start-up" "$db" "" "" "" "" "" "" "" \
    "ready ${STARTUP_READY} s, ${STARTUP_CPU} CPU-s (drain hub ${DRAIN_READY} s); RSS ${STARTUP_RSS} MB after start, ${RSS_PEAK} MB peak under intake load"

  if [ "$db" = postgres ]; then
    kill "$PG_PID" 2>/dev/null || true
    wait "$PG_PID" 2>/dev/null || true
  fi
done

echo
if [ -s "$RESULTS" ]; then python3 bench/summary.py table "$RESULTS" "$RUN/summary.md"; fi
echo
if [ -s "$DOOR" ]; then
  echo "Front door (issue 13), $(date -u +%Y-%m-%d), HUB_JAVA_OPTS=$HUB_JAVA_OPTS:"
  echo
  python3 bench/summary.py door "$DOOR" "$RUN/door.md"
fi
echo "Reports: $RUN (gatling/*/index.html, *-intake-profile.txt, hub and WireMock logs)"
