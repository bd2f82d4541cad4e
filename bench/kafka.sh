#!/usr/bin/env bash
# Kafka intake rate (issue 16): a Kafka broker as a process (KRaft, single node, from the Maven-resolved
# org.apache.kafka:kafka_2.13 jars of the hub's test classpath), a topic pre-filled with COUNT OrderSync
# records, then the hub (jar, as bench/run.sh starts it, on PostgreSQL or H2) with the Kafka intake on:
# prints records stored per second, from the hub's readiness until the group's lag is 0.
# Then, in the same hub process and database, the HTTP intake rate: wrk sending signed post-hooks for HTTP_SECONDS.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

COUNT="${COUNT:-20000}"                 # records pre-filled
PARTITIONS="${PARTITIONS:-4}"           # partitions of the topic
CONSUMERS="${CONSUMERS:-4}"             # hub.kafka.consumers
DB="${DB:-postgres}"                    # postgres (embedded binaries, as bench/run.sh) or h2
TIMEOUT="${TIMEOUT:-600}"               # seconds: stop waiting for the drain after this
HUB_JAVA_OPTS="${HUB_JAVA_OPTS:--Xmx512m}"
SKIP_BUILD="${SKIP_BUILD:-0}"           # 1: reuse target/ and bench/target/ as they are
HTTP_SECONDS="${HTTP_SECONDS:-20}"      # then HTTP intake of the same hub (wrk, signed post-hooks); 0: skip
HTTP_CONNECTIONS="${HTTP_CONNECTIONS:-16}"
HTTP_CALLS="${HTTP_CALLS:-100000}"      # distinct signed calls prepared for wrk (more than it can send)

RUN="bench/reports/kafka-$(date -u +%Y%m%d-%H%M%S)"
mkdir -p "$RUN"
STARTED_PIDS=()
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$RUN/run.log" >&2; }
cleanup() {
  for pid in "${STARTED_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${STARTED_PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
now_ms() { date +%s%3N; }

if [ "$SKIP_BUILD" != 1 ]; then
  log "building the hub jar (tests skipped) and the benchmarks"
  ./mvnw -B -q package -DskipTests -Dspotless.apply.skip=true -Dspotless.check.skip=true
  ./mvnw -B -q -f bench/pom.xml test-compile
fi
JAR="$(ls target/ordercloud-hub-*.jar | grep -v original | head -1)"
rm -rf target/bench-hub
java -Djarmode=tools -jar "$JAR" extract --destination target/bench-hub >/dev/null
HUB_JAR="$(ls target/bench-hub/*.jar | head -1)"
BENCH_CP="bench/target/test-classes:$(cat bench/target/bench.classpath)"
# the broker's classpath: kafka_2.13 and its dependencies, as Maven resolved them for the hub's tests
./mvnw -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$RUN/kafka.classpath" >/dev/null
KAFKA_CP="$(cat "$RUN/kafka.classpath")"

# --- the broker as a process (KRaft: broker and controller in one node) ----------------------------------
KAFKA_PORT="$(free_port)"
CONTROLLER_PORT="$(free_port)"
KAFKA_DIR="$ROOT/target/bench-kafka"
rm -rf "$KAFKA_DIR"
mkdir -p "$KAFKA_DIR"
cat >"$KAFKA_DIR/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$KAFKA_DIR/data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
PROPS
java -cp "$KAFKA_CP" kafka.tools.StorageTool format -t "$(java -cp "$KAFKA_CP" kafka.tools.StorageTool random-uuid)" \
  -c "$KAFKA_DIR/server.properties" >"$RUN/kafka-format.log" 2>&1
java -Xmx512m -cp "$KAFKA_CP" kafka.Kafka "$KAFKA_DIR/server.properties" >"$RUN/kafka.log" 2>&1 &
STARTED_PIDS+=($!)
for _ in $(seq 1 300); do
  grep -q "Kafka Server started\|\[KafkaRaftServer nodeId=1\] Kafka Server started" "$RUN/kafka.log" 2>/dev/null && break
  sleep 0.2
done
log "Kafka broker on $KAFKA_PORT"
TOPIC="ordercloud-sync-bench"
java -cp "$KAFKA_CP" bench/kafka/Fill.java "127.0.0.1:$KAFKA_PORT" "$TOPIC" "$PARTITIONS" "$COUNT" | tee -a "$RUN/run.log"

# --- the database --------------------------------------------------------------------------------------
case "$DB" in
h2)
  rm -rf target/bench-data
  URL="jdbc:h2:file:./target/bench-data/kafka;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE"
  DB_USER=sa
  ;;
postgres)
  PG_PORT="$(free_port)"
  rm -f "$RUN/pg.ready"
  java -cp "$BENCH_CP" com.ordercloudhub.bench.PostgresLauncher "$PG_PORT" "$ROOT/target/bench-pg" \
    "$RUN/pg.ready" hub_kafka >"$RUN/postgres.log" 2>&1 &
  STARTED_PIDS+=($!)
  for _ in $(seq 1 300); do [ -f "$RUN/pg.ready" ] && break; sleep 0.2; done
  [ -f "$RUN/pg.ready" ] || { log "PostgreSQL did not start; see $RUN/postgres.log"; exit 1; }
  URL="jdbc:postgresql://127.0.0.1:$PG_PORT/hub_kafka"
  DB_USER=postgres
  ;;
*) log "unknown DB $DB (postgres or h2)"; exit 1 ;;
esac

# --- the hub, intake only (dispatcher off, as in bench/run.sh's intake phase), Kafka on ------------------
HUB_PORT="$(free_port)"
OPS_USER=bench
OPS_PASSWORD=bench-ops-password
t0="$(now_ms)"
SERVER_PORT="$HUB_PORT" HUB_PRIORITY_PORT="$(free_port)" OC_HASH_KEYS=bench-hash-key \
  HUB_OPS_USERNAME="$OPS_USER" HUB_OPS_PASSWORD="$OPS_PASSWORD" \
  HUB_ENCRYPTION_KEY="YmVuY2gtZW5jcnlwdGlvbi1rZXktMzItYnl0ZXMhISE=" \
  SPRING_DATASOURCE_URL="$URL" SPRING_DATASOURCE_USERNAME="$DB_USER" SPRING_DATASOURCE_PASSWORD="" \
  HUB_DELIVERY_ENABLED=false HUB_INSTANCE_ID=bench-kafka \
  KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" KAFKA_TOPICS="$TOPIC" KAFKA_SECURITY_PROTOCOL=PLAINTEXT \
  KAFKA_GROUP_ID=hub-bench HUB_KAFKA_CONSUMERS="$CONSUMERS" HUB_KAFKA_MONITOR_INTERVAL=1s \
  java $HUB_JAVA_OPTS -jar "$HUB_JAR" --spring.profiles.active=bench \
  --spring.config.additional-location=optional:file:bench/ >"$RUN/hub.log" 2>&1 &
HUB_PID=$!
STARTED_PIDS+=("$HUB_PID")
until curl -fs "http://127.0.0.1:$HUB_PORT/actuator/health/readiness" 2>/dev/null | grep -q '"UP"\|"DEGRADED"'; do
  kill -0 "$HUB_PID" 2>/dev/null || { log "the hub died; see $RUN/hub.log"; exit 1; }
  sleep 0.1
done
ready="$(now_ms)"
log "hub ready in $(((ready - t0) / 1000)) s on port $HUB_PORT; draining $COUNT records"
stored=0
while :; do
  stored="$(curl -fs -u "$OPS_USER:$OPS_PASSWORD" "http://127.0.0.1:$HUB_PORT/actuator/prometheus" 2>/dev/null |
    awk 'index($0, "hub_events_received_total{") == 1 && index($0, "kind=\"sync\"") {n += $NF} END {printf "%d", n}')"
  [ "$stored" -ge "$COUNT" ] && break
  if [ $(($(now_ms) - ready)) -gt $((TIMEOUT * 1000)) ]; then
    log "only $stored of $COUNT stored after $TIMEOUT s"
    break
  fi
  sleep 0.2
done
done_ms="$(now_ms)"
seconds="$(awk -v ms=$((done_ms - ready)) 'BEGIN {printf "%.2f", ms/1000}')"
rate="$(awk -v n="$stored" -v ms=$((done_ms - ready)) 'BEGIN {printf "%.0f", n * 1000 / (ms > 0 ? ms : 1)}')"
rejected="$(curl -fs -u "$OPS_USER:$OPS_PASSWORD" "http://127.0.0.1:$HUB_PORT/actuator/prometheus" |
  awk 'index($0, "hub_kafka_rejected_total") == 1 {n += $NF} END {printf "%d", n}')"

# --- HTTP intake of the same hub process, same database, right after: signed post-hooks, closed loop (wrk) ----
http_rate="-"
http_p99="-"
if [ "$HTTP_SECONDS" -gt 0 ] && command -v wrk >/dev/null; then
  mkdir -p "$RUN/wrk"
  python3 bench/wrk/signed_posthooks.py src/test/resources/fixtures/webhook-post-order-submit.json bench-hash-key \
    "$HTTP_CALLS" "$RUN/wrk/http"
  log "HTTP intake: wrk, $HTTP_CONNECTIONS connections, ${HTTP_SECONDS} s to /webhooks/ordercloud/post"
  wrk -t 2 -c "$HTTP_CONNECTIONS" -d "${HTTP_SECONDS}s" --timeout 10s --latency -s bench/wrk/post-hook.lua \
    "http://127.0.0.1:$HUB_PORT/webhooks/ordercloud/post" -- "$RUN/wrk/http" 2 >"$RUN/wrk/http.txt" 2>&1 || true
  result="$(grep '^WRK_RESULT' "$RUN/wrk/http.txt" || true)"
  if [ -n "$result" ]; then
    read -r _ _ _ http_rate _ http_p99 _ _ _ _ _ _ <<<"$result"
    http_rate="$(printf '%.0f' "$http_rate")"
  else
    log "wrk gave no result; see $RUN/wrk/http.txt"
  fi
elif [ "$HTTP_SECONDS" -gt 0 ]; then
  log "wrk is not installed (apt-get install wrk): no HTTP figure"
fi
printf '\n| scenario | db | records | partitions | consumers | seconds | stored/s | rejected |\n|---|---|---|---|---|---|---|---|\n' | tee "$RUN/summary.md"
printf '| kafka intake | %s | %s | %s | %s | %s | %s | %s |\n' "$DB" "$stored" "$PARTITIONS" "$CONSUMERS" "$seconds" "$rate" "$rejected" | tee -a "$RUN/summary.md"
printf '| http intake (wrk, %s conns, p99 %s ms) | %s | - | - | - | %s | %s | - |\n' "$HTTP_CONNECTIONS" "$http_p99" "$DB" "$HTTP_SECONDS" "$http_rate" | tee -a "$RUN/summary.md"
if [ "$http_rate" != "-" ]; then
  awk -v k="$rate" -v h="$http_rate" 'BEGIN {if (h > 0) printf "\nkafka / http stored per second: %.2f\n", k / h}' | tee -a "$RUN/summary.md"
fi
log "report in $RUN"
