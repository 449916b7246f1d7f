#!/usr/bin/env bash
# Local stack without Docker: Apache Kafka (KRaft, single node) and Apicurio Registry
# (Confluent-compatible API) as plain local JVM processes built from Maven Central
# artifacts, plus checks of the machine's PostgreSQL, plus Prometheus when the machine has
# it installed (Debian: apt-get install prometheus). See docs/stack.md.
#
#   bash infra/stack.sh up|down|status|fetch|versions|reset
#                       start-kafka|stop-kafka|restart-kafka|kill-kafka
#                       start-registry|stop-registry|restart-registry
#                       start-prometheus|stop-prometheus|restart-prometheus
#                       kafka-tool CLASS ARGS...
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INFRA="$REPO/infra"

# --- settings (env overrides) -------------------------------------------------------
KAFKA_VERSION="${KAFKA_VERSION:-4.4.0}"
APICURIO_VERSION="${APICURIO_VERSION:-3.3.3}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 1))}"
REGISTRY_PORT="${REGISTRY_PORT:-8081}"
# Quarkus' management interface (health, metrics) defaults to 9000: move it next to ours.
REGISTRY_MGMT_PORT="${REGISTRY_MGMT_PORT:-$((REGISTRY_PORT + 1000))}"
REGISTRY_DB="${REGISTRY_DB:-apicurio_registry}"
# Confluent's default; Apicurio's own default is NONE (no checks at all).
REGISTRY_COMPATIBILITY="${REGISTRY_COMPATIBILITY:-BACKWARD}"
DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/lp_enrichment}"
PROMETHEUS_PORT="${PROMETHEUS_PORT:-9090}"
PROMETHEUS_BIN="${PROMETHEUS_BIN:-$(command -v prometheus 2>/dev/null || true)}"
PROMETHEUS_SCRAPE_INTERVAL="${PROMETHEUS_SCRAPE_INTERVAL:-5s}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
REGISTRY_HEAP="${REGISTRY_HEAP:-384m}"
START_TIMEOUT="${STACK_START_TIMEOUT:-90}" # seconds, per component
STOP_TIMEOUT="${STACK_STOP_TIMEOUT:-30}"   # seconds before SIGKILL

CACHE="${LP_STACK_CACHE:-$HOME/.cache/lp-enrichment}"
# Separate state dirs let a second stack (other ports) run beside the first one.
STATE="${LP_STACK_STATE:-$REPO/.stack}"
KAFKA_LIBS="$CACHE/kafka-$KAFKA_VERSION/libs"
REGISTRY_HOME="$CACHE/apicurio-registry-$APICURIO_VERSION"
KAFKA_STATE="$STATE/kafka"
REGISTRY_STATE="$STATE/registry"
PROMETHEUS_STATE="$STATE/prometheus"
# Every JVM we start carries this on its command line; stop/status only touch
# processes that have it (pid files can go stale and pids get reused).
marker() { echo "-Dlp.stack.id=$1@$STATE"; }

# --- output helpers -------------------------------------------------------------------
say() { printf '%s\n' "$*"; }
warn() { printf 'stack: %s\n' "$*" >&2; }
die() {
  tick_end
  printf 'stack: ERROR: %s\n' "$*" >&2
  exit 1
}
# Progress while something is awaited: on a terminal one line rewritten in place with
# the elapsed seconds; in logs (CI, a pipe) a line every 5 s. tick_start [T0], tick LABEL
# (repeatedly), tick_end.
TICK_T0=0
TICK_NEXT=5
tick_start() {
  TICK_T0="${1:-$SECONDS}"
  TICK_NEXT=5
}
tick() {
  local elapsed=$((SECONDS - TICK_T0))
  if [[ -t 1 ]]; then
    printf '\r%s ... %ss ' "$1" "$elapsed"
  elif ((elapsed >= TICK_NEXT)); then
    say "$1 ... ${elapsed}s"
    TICK_NEXT=$((elapsed + 5))
  fi
}
tick_end() { if [[ -t 1 ]]; then printf '\r\033[K'; fi; }
# with_progress LABEL LOG CMD...: run CMD (output to LOG) while ticking; CMD's exit status.
with_progress() {
  local label="$1" log="$2" pid rc=0
  shift 2
  "$@" >"$log" 2>&1 &
  pid=$!
  tick_start
  while kill -0 "$pid" 2>/dev/null; do
    tick "$label"
    sleep 0.5
  done
  wait "$pid" || rc=$?
  tick_end
  return "$rc"
}
# tail_log FILE: last lines of a component log, for failures.
tail_log() {
  [[ -f "$1" ]] || return 0
  printf -- '--- last 40 lines of %s ---\n' "$1" >&2
  tail -n 40 "$1" >&2
  printf -- '---\n' >&2
}

# --- Java -----------------------------------------------------------------------------
java_major() { # java_major /path/to/java -> 17, 21, 25 ...
  "$1" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \(1\.\)\{0,1\}\([0-9]*\).*/\2/p' | head -n1
}

# pick_java MIN OVERRIDE_HOME: first java >= MIN among the override, JAVA_HOME, PATH and
# /usr/lib/jvm/* (Kafka is happy with the default 17; Apicurio 3 needs 21+).
pick_java() {
  local min="$1" override="${2:-}" j major
  local candidates=()
  [[ -n "$override" ]] && candidates+=("$override/bin/java")
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  command -v java >/dev/null 2>&1 && candidates+=("$(command -v java)")
  for j in /usr/lib/jvm/*/bin/java; do [[ -x "$j" ]] && candidates+=("$j"); done
  for j in "${candidates[@]}"; do
    [[ -x "$j" ]] || continue
    major="$(java_major "$j")"
    if [[ -n "$major" && "$major" -ge "$min" ]]; then
      echo "$j"
      return 0
    fi
  done
  return 1
}

# The chosen java binaries, resolved once per run (probing a JVM costs ~0.1 s).
KAFKA_JAVA=""
REGISTRY_JAVA=""
need_kafka_java() {
  [[ -n "$KAFKA_JAVA" ]] && return 0
  KAFKA_JAVA="$(pick_java 17 "${KAFKA_JAVA_HOME:-}")" ||
    die "Kafka $KAFKA_VERSION needs Java 17 or newer and none was found (looked at KAFKA_JAVA_HOME, JAVA_HOME, PATH, /usr/lib/jvm). Install one: apt-get install -y openjdk-17-jre-headless"
}
need_registry_java() {
  [[ -n "$REGISTRY_JAVA" ]] && return 0
  REGISTRY_JAVA="$(pick_java 21 "${REGISTRY_JAVA_HOME:-}")" ||
    die "Apicurio Registry $APICURIO_VERSION needs Java 21 or newer (it is Java 21 bytecode) and none was found (looked at REGISTRY_JAVA_HOME, JAVA_HOME, PATH, /usr/lib/jvm). Install a JDK 21+ (e.g. Temurin 25 under /usr/lib/jvm) or set REGISTRY_JAVA_HOME."
}

# --- downloads (Maven Central -> ~/.m2 -> $CACHE) -------------------------------------
require_mvn() {
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to fetch Kafka and the registry from Maven Central: apt-get install -y maven"
}

fetch_kafka() {
  [[ -f "$KAFKA_LIBS/.complete" ]] && return 0
  require_mvn
  say "fetching Apache Kafka $KAFKA_VERSION jars from Maven Central ..."
  mkdir -p "$CACHE"
  local log="$CACHE/fetch-kafka-$KAFKA_VERSION.log"
  rm -rf "$KAFKA_LIBS"
  if ! with_progress "kafka: fetching" "$log" mvn -B -Dstyle.color=never -f "$INFRA/kafka/pom.xml" -Dkafka.version="$KAFKA_VERSION" \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$KAFKA_LIBS"; then
    tail_log "$log"
    die "Maven could not fetch org.apache.kafka:kafka_2.13:$KAFKA_VERSION / org.apache.kafka:kafka-tools:$KAFKA_VERSION (and their dependencies). Maven Central must be reachable and the version must exist. Full log: $log"
  fi
  touch "$KAFKA_LIBS/.complete"
}

fetch_registry() {
  [[ -f "$REGISTRY_HOME/.complete" ]] && return 0
  require_mvn
  local artifact="io.apicurio:apicurio-registry-app:$APICURIO_VERSION:tar.gz:all"
  say "fetching Apicurio Registry $APICURIO_VERSION ($artifact, ~160 MB) from Maven Central ..."
  mkdir -p "$CACHE"
  local log="$CACHE/fetch-apicurio-$APICURIO_VERSION.log" tmp="$CACHE/.download-apicurio-$APICURIO_VERSION"
  rm -rf "$tmp" "$REGISTRY_HOME"
  # Run outside the repo so Maven does not pick up any pom.xml of ours.
  if ! with_progress "registry: fetching" "$log" bash -c 'cd "$0" && exec "$@"' "$CACHE" mvn -B -Dstyle.color=never \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy -Dartifact="$artifact" -DoutputDirectory="$tmp"; then
    tail_log "$log"
    die "Maven could not fetch $artifact. Maven Central must be reachable and the version must exist. Full log: $log"
  fi
  mkdir -p "$REGISTRY_HOME"
  tar --no-same-owner -xzf "$tmp"/*.tar.gz -C "$REGISTRY_HOME" || die "could not unpack $tmp/*.tar.gz"
  rm -rf "$tmp" # the archive also stays in ~/.m2
  [[ -f "$REGISTRY_HOME/quarkus-run.jar" ]] || die "$artifact has no quarkus-run.jar at its top level; layout changed?"
  touch "$REGISTRY_HOME/.complete"
}

# --- processes ------------------------------------------------------------------------
# is_ours PID COMPONENT: a live java process carrying our marker; for Prometheus (no JVM
# flags to carry a marker), a prometheus process whose data dir is this stack's.
is_ours() {
  local pid="$1" cmd
  [[ "$pid" =~ ^[0-9]+$ && -r "/proc/$pid/cmdline" ]] || return 1
  cmd="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" || return 1
  if [[ "$2" == prometheus ]]; then
    [[ "${cmd%% *}" == */prometheus || "${cmd%% *}" == prometheus ]] || return 1
    [[ "$cmd" == *" --storage.tsdb.path=$PROMETHEUS_STATE/data "* ]]
    return
  fi
  [[ "${cmd%% *}" == */java || "${cmd%% *}" == java ]] || return 1
  [[ "$cmd" == *"$(marker "$2") "* ]]
}

# component_pid COMPONENT: pid of our running process, from the pid file or, if that is
# lost or stale, from the marker. Prints nothing and fails if not running.
component_pid() {
  local c="$1" pidfile="$STATE/$1/$1.pid" pid
  if [[ -f "$pidfile" ]]; then
    pid="$(cat "$pidfile")"
    if is_ours "$pid" "$c"; then
      echo "$pid"
      return 0
    fi
    rm -f "$pidfile" # stale
  fi
  for pid in $(pgrep -f 'lp\.stack\.id=|storage\.tsdb\.path=' || true); do
    if is_ours "$pid" "$c"; then
      echo "$pid" >"$pidfile" 2>/dev/null || true
      echo "$pid"
      return 0
    fi
  done
  return 1
}

# launch COMPONENT LOGFILE CMD...: start detached (own session, so it outlives the
# shell that ran `up`), working directory .stack/COMPONENT (JVM crash files land there),
# and record the pid. The inner bash writes its own pid and then execs java, so the
# recorded pid is the JVM's.
launch() {
  local c="$1" out="$2"
  shift 2
  mkdir -p "$STATE/$c"
  rm -f "$STATE/$c/$c.pid"
  # shellcheck disable=SC2016 # $$ and $@ belong to the inner bash
  (cd "$STATE/$c" && exec setsid bash -c 'echo $$ >"$0"; exec "$@"' "$STATE/$c/$c.pid" "$@") </dev/null >"$out" 2>&1 &
  local i
  for i in $(seq 1 50); do
    [[ -s "$STATE/$c/$c.pid" ]] && return 0
    sleep 0.1
  done
  die "$c did not start (no pid file); see $out"
}

# stop_component COMPONENT [SIGNAL]: TERM, wait up to STOP_TIMEOUT, then KILL.
stop_component() {
  local c="$1" sig="${2:-TERM}" pid i
  if ! pid="$(component_pid "$c")"; then
    say "$c: not running"
    return 0
  fi
  if [[ "$sig" == KILL ]]; then
    kill -KILL "$pid" 2>/dev/null || true
    say "$c: sent SIGKILL to pid $pid"
  else
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
      warn "$c (pid $pid) still running after ${STOP_TIMEOUT}s; sending SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
    fi
    say "$c: stopped (pid $pid)"
  fi
  for ((i = 0; i < 50; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  rm -f "$STATE/$c/$c.pid"
}

# port_free PORT LABEL: fail with the listener's name if someone else holds the port.
port_free() {
  local port="$1" label="$2" line
  line="$(ss -Hltnp "( sport = :$port )" 2>/dev/null | head -n1 || true)"
  if [[ -n "$line" ]]; then
    die "port $port ($label) is already in use by another process: users:${line##*users:}. Stop it, or choose another port (see docs/stack.md: KAFKA_PORT, REGISTRY_PORT, ...)."
  fi
}

rotate_log() { if [[ -f "$1" ]]; then mv -f "$1" "$1.prev"; fi; }

tcp_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# --- PostgreSQL -----------------------------------------------------------------------
# Split DATABASE_URL (postgres://user:pass@host:port/db?params) into PG_* parts.
parse_database_url() {
  local re='^postgres(ql)?://(([^:@/]*)(:([^@/]*))?@)?([^:/?]+|\[[^]]+\])(:([0-9]+))?(/([^?]*))?'
  [[ "$DATABASE_URL" =~ $re ]] || die "DATABASE_URL is not a postgres:// URL: $DATABASE_URL"
  urldecode() { local s="${1//+/ }"; printf '%b' "${s//%/\\x}"; }
  PG_USER="$(urldecode "${BASH_REMATCH[3]:-${PGUSER:-$(id -un)}}")"
  PG_PASSWORD="$(urldecode "${BASH_REMATCH[5]:-${PGPASSWORD:-}}")"
  PG_HOST="${BASH_REMATCH[6]}"
  PG_PORT="${BASH_REMATCH[8]:-5432}"
  PG_DB="$(urldecode "${BASH_REMATCH[10]:-$PG_USER}")"
}

# pg_sql DB SQL: run one statement as DATABASE_URL's user against another database.
pg_sql() {
  PGPASSWORD="$PG_PASSWORD" PGCONNECT_TIMEOUT=5 psql -X -q -A -t -v ON_ERROR_STOP=1 \
    -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "$1" -c "$2"
}

pg_hint() {
  local hint=""
  if command -v pg_lsclusters >/dev/null 2>&1; then
    while read -r ver name port status _; do
      [[ "$status" == online* ]] && continue
      hint+=" Start it with: pg_ctlcluster --skip-systemctl-redirect $ver $name start (cluster port $port)."
    done < <(pg_lsclusters -h 2>/dev/null || true)
  fi
  echo "${hint:- Start the PostgreSQL server (e.g. pg_ctlcluster --skip-systemctl-redirect 15 main start) or point DATABASE_URL at a running one.}"
}

check_postgres() {
  parse_database_url
  command -v psql >/dev/null 2>&1 || die "psql is missing: apt-get install -y postgresql-client"
  local err
  if ! err="$(pg_sql postgres 'select 1' 2>&1)"; then
    die "PostgreSQL at $PG_HOST:$PG_PORT (user $PG_USER, from DATABASE_URL) is not reachable: ${err//$'\n'/ }.$(pg_hint)"
  fi
}

ensure_database() {
  local db="$1"
  if [[ -z "$(pg_sql postgres "select 1 from pg_database where datname = '$db'")" ]]; then
    pg_sql postgres "create database \"$db\"" ||
      die "could not create database $db on $PG_HOST:$PG_PORT as $PG_USER (needs CREATEDB)"
    say "postgresql: created database $db"
  fi
}

# --- Kafka ----------------------------------------------------------------------------
write_kafka_config() {
  mkdir -p "$KAFKA_STATE/data" "$KAFKA_STATE/logs"
  cat >"$KAFKA_STATE/server.properties" <<EOF
# Generated by infra/stack.sh on each start; edit the script, not this file.
# KRaft combined mode: one process is both broker and the (only) controller.
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$KAFKA_STATE/data
num.partitions=3
default.replication.factor=1
auto.create.topics.enable=true
# Single node: internal topics cannot have more than one replica.
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests start and stop consumers often; don't wait 3 s for more members to join.
group.initial.rebalance.delay.ms=0
EOF
}

# kafka_tool CLASS ARGS...: run a Kafka command-line tool class on the broker's classpath.
kafka_tool() {
  need_kafka_java
  "$KAFKA_JAVA" -cp "$KAFKA_LIBS/*" -Dlog4j2.configurationFile="$INFRA/kafka/log4j2-tools.xml" "$@"
}

format_kafka_storage() {
  [[ -f "$KAFKA_STATE/data/meta.properties" ]] && return 0
  if [[ ! -s "$KAFKA_STATE/cluster.id" ]]; then
    kafka_tool kafka.tools.StorageTool random-uuid | tail -n1 >"$KAFKA_STATE/cluster.id"
  fi
  local cluster_id
  cluster_id="$(cat "$KAFKA_STATE/cluster.id")"
  # --standalone: this node alone is the controller quorum (dynamic KRaft quorum).
  kafka_tool kafka.tools.StorageTool format --standalone -t "$cluster_id" -c "$KAFKA_STATE/server.properties" \
    >"$KAFKA_STATE/format.log" 2>&1 || {
    tail_log "$KAFKA_STATE/format.log"
    die "formatting the Kafka log dir $KAFKA_STATE/data failed"
  }
  echo "$KAFKA_VERSION" >"$KAFKA_STATE/formatted-by"
  say "kafka: formatted $KAFKA_STATE/data (cluster id $cluster_id)"
}

# launch_kafka: start the broker unless ours is running; does not wait.
launch_kafka() {
  if component_pid kafka >/dev/null; then return 0; fi
  port_free "$KAFKA_PORT" "Kafka broker"
  port_free "$KAFKA_CONTROLLER_PORT" "Kafka controller"
  fetch_kafka
  write_kafka_config
  format_kafka_storage
  local formatted_by
  formatted_by="$(cat "$KAFKA_STATE/formatted-by" 2>/dev/null || echo "$KAFKA_VERSION")"
  [[ "$formatted_by" == "$KAFKA_VERSION" ]] ||
    warn "kafka: data dir was formatted by Kafka $formatted_by, now starting $KAFKA_VERSION (older brokers cannot read newer data: 'stack.sh reset' wipes it)"
  # Each run starts a fresh server.log (the previous run's stays as server.log.prev), so
  # readiness and error output only look at this run.
  rotate_log "$KAFKA_STATE/logs/server.log"
  rotate_log "$KAFKA_STATE/logs/stdout.log"
  need_kafka_java
  # JVM flags as in Kafka's kafka-server-start.sh / kafka-run-class.sh.
  launch kafka "$KAFKA_STATE/logs/stdout.log" "$KAFKA_JAVA" "$(marker kafka)" \
    -Xmx"$KAFKA_HEAP" -Xms"$KAFKA_HEAP" -XX:+UseG1GC -XX:MaxGCPauseMillis=20 \
    -XX:InitiatingHeapOccupancyPercent=35 -XX:+ExplicitGCInvokesConcurrent -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$INFRA/kafka/log4j2.xml" -Dkafka.logs.dir="$KAFKA_STATE/logs" \
    -cp "$KAFKA_LIBS/*" kafka.Kafka "$KAFKA_STATE/server.properties"
  KAFKA_LAUNCHED_AT=$SECONDS
  say "kafka: starting $KAFKA_VERSION (pid $(cat "$KAFKA_STATE/kafka.pid")) on 127.0.0.1:$KAFKA_PORT"
}

# kafka_started_log: has this run of the broker logged that it is up?
kafka_started_log() { grep -q 'Kafka Server started' "$KAFKA_STATE/logs/server.log" 2>/dev/null; }

wait_kafka() {
  local i pid
  tick_start "${KAFKA_LAUNCHED_AT:-$SECONDS}"
  for ((i = 0; i < START_TIMEOUT * 4; i++)); do
    tick "kafka: waiting for the broker"
    if ! pid="$(component_pid kafka)"; then
      tail_log "$KAFKA_STATE/logs/server.log"
      tail_log "$KAFKA_STATE/logs/stdout.log"
      die "kafka exited during startup (logs above; full: $KAFKA_STATE/logs/)"
    fi
    if kafka_started_log && tcp_open "$KAFKA_PORT"; then
      tick_end
      say "kafka: ready on 127.0.0.1:$KAFKA_PORT (pid $pid) after $((SECONDS - TICK_T0))s"
      return 0
    fi
    sleep 0.25
  done
  tail_log "$KAFKA_STATE/logs/server.log"
  die "kafka not ready after ${START_TIMEOUT}s (still running as pid $pid; full logs: $KAFKA_STATE/logs/)"
}

# kafka_api_check: a real protocol round trip; prints how many brokers answered.
# kcat (if installed) takes 0.1 s; Kafka's own tool needs a JVM start (~2 s).
kafka_api_check() {
  if command -v kcat >/dev/null 2>&1; then
    kcat -b "127.0.0.1:$KAFKA_PORT" -L -m 5 2>/dev/null | grep -c '^  broker .* at ' || true
  else
    kafka_tool -XX:TieredStopAtLevel=1 -XX:+UseSerialGC org.apache.kafka.tools.BrokerApiVersionsCommand \
      --bootstrap-server "127.0.0.1:$KAFKA_PORT" 2>/dev/null | grep -c ' -> (' || true
  fi
}

# --- Registry -------------------------------------------------------------------------
launch_registry() {
  if component_pid registry >/dev/null; then return 0; fi
  port_free "$REGISTRY_PORT" "schema registry HTTP"
  port_free "$REGISTRY_MGMT_PORT" "schema registry management"
  fetch_registry
  ensure_database "$REGISTRY_DB"
  mkdir -p "$REGISTRY_STATE"
  need_registry_java
  rotate_log "$REGISTRY_STATE/registry.log"
  rotate_log "$REGISTRY_STATE/stdout.log"
  # The class-data-sharing archive is written when the JVM first exits and makes later
  # starts ~30% faster (the JVM rebuilds it itself if the Java version changes).
  # Config names from the distribution's application.properties. Quarkus' console log
  # is off; the registry logs to a rotated file instead (stdout keeps JVM crashes).
  # The password goes through the environment so it does not show up in `ps`.
  APICURIO_DATASOURCE_PASSWORD="$PG_PASSWORD" launch registry "$REGISTRY_STATE/stdout.log" \
    "$REGISTRY_JAVA" "$(marker registry)" -Xmx"$REGISTRY_HEAP" -Xms64m \
    -XX:+AutoCreateSharedArchive -XX:SharedArchiveFile="$REGISTRY_HOME/registry-cds.jsa" \
    -Dquarkus.http.host=127.0.0.1 -Dquarkus.http.port="$REGISTRY_PORT" \
    -Dquarkus.management.host=127.0.0.1 -Dquarkus.management.port="$REGISTRY_MGMT_PORT" \
    -Dapicurio.storage.kind=sql -Dapicurio.storage.sql.kind=postgresql \
    -Dapicurio.datasource.url="jdbc:postgresql://$PG_HOST:$PG_PORT/$REGISTRY_DB" \
    -Dapicurio.datasource.username="$PG_USER" \
    -Dapicurio.datasource.jdbc.initial-size=2 -Dapicurio.datasource.jdbc.min-size=2 \
    -Dapicurio.datasource.jdbc.max-size=10 \
    -Dquarkus.log.console.enabled=false -Dquarkus.log.file.enabled=true -Dquarkus.log.file.json.enabled=false \
    -Dquarkus.log.file.path="$REGISTRY_STATE/registry.log" \
    -Dquarkus.log.file.format='%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n' \
    -Dquarkus.log.file.rotation.max-file-size=20M -Dquarkus.log.file.rotation.max-backup-index=3 \
    -Dquarkus.log.file.rotation.rotate-on-boot=false \
    -jar "$REGISTRY_HOME/quarkus-run.jar"
  REGISTRY_LAUNCHED_AT=$SECONDS
  say "registry: starting Apicurio Registry $APICURIO_VERSION (pid $(cat "$REGISTRY_STATE/registry.pid")) on 127.0.0.1:$REGISTRY_PORT"
}

registry_url() { echo "http://127.0.0.1:$REGISTRY_PORT/apis/ccompat/v7"; }
registry_healthy() { curl -sf -m 3 -o /dev/null "$(registry_url)/subjects"; }

wait_registry() {
  local i pid
  tick_start "${REGISTRY_LAUNCHED_AT:-$SECONDS}"
  for ((i = 0; i < START_TIMEOUT * 4; i++)); do
    tick "registry: waiting for the HTTP API"
    if ! pid="$(component_pid registry)"; then
      tail_log "$REGISTRY_STATE/registry.log"
      tail_log "$REGISTRY_STATE/stdout.log"
      die "registry exited during startup (logs above)"
    fi
    if registry_healthy; then
      set_registry_compatibility
      tick_end
      say "registry: ready on $(registry_url) (pid $pid) after $((SECONDS - TICK_T0))s"
      return 0
    fi
    sleep 0.25
  done
  tail_log "$REGISTRY_STATE/registry.log"
  die "registry not ready after ${START_TIMEOUT}s (still running as pid $pid; log: $REGISTRY_STATE/registry.log)"
}

# Apicurio's global default is NONE (no compatibility checks). Set the global level like
# Confluent's default so subjects without their own config are still checked. Stored in
# PostgreSQL, so this only re-asserts it.
set_registry_compatibility() {
  [[ -n "$REGISTRY_COMPATIBILITY" ]] || return 0
  curl -sf -m 5 -o /dev/null -X PUT -H 'Content-Type: application/vnd.schemaregistry.v1+json' \
    -d "{\"compatibility\":\"$REGISTRY_COMPATIBILITY\"}" "$(registry_url)/config" ||
    warn "registry: could not set global compatibility $REGISTRY_COMPATIBILITY"
}

# --- Prometheus (optional: only when installed) ---------------------------------------
# It scrapes what `npm run backfill` registers through file-based service discovery: the
# backfill writes $PROMETHEUS_STATE/targets/{admin,enricher}.json (one target per service,
# labels step and instance) and empties them on `backfill -- down`; Prometheus re-reads
# them every 5 s. Alert rules: infra/prometheus/alerts.yml (docs/operations.md).
prometheus_installed() { [[ -n "$PROMETHEUS_BIN" && -x "$PROMETHEUS_BIN" ]]; }

write_prometheus_config() {
  mkdir -p "$PROMETHEUS_STATE/data" "$PROMETHEUS_STATE/targets"
  cat >"$PROMETHEUS_STATE/prometheus.yml" <<EOF
# Generated by infra/stack.sh on each start; edit the script, not this file.
global:
  scrape_interval: $PROMETHEUS_SCRAPE_INTERVAL
  evaluation_interval: $PROMETHEUS_SCRAPE_INTERVAL
rule_files:
  - $INFRA/prometheus/alerts.yml
scrape_configs:
  # honor_labels: the samples' own labels win (a step service labels each with its step).
  - job_name: admin
    honor_labels: true
    file_sd_configs:
      - files: ["$PROMETHEUS_STATE/targets/admin.json"]
        refresh_interval: 5s
  - job_name: enricher
    honor_labels: true
    file_sd_configs:
      - files: ["$PROMETHEUS_STATE/targets/enricher.json"]
        refresh_interval: 5s
  - job_name: prometheus
    static_configs:
      - targets: ["127.0.0.1:$PROMETHEUS_PORT"]
EOF
  # Empty target lists until a backfill writes its own.
  local f
  for f in admin enricher; do
    [[ -f "$PROMETHEUS_STATE/targets/$f.json" ]] || echo '[]' >"$PROMETHEUS_STATE/targets/$f.json"
  done
}

prometheus_url() { echo "http://127.0.0.1:$PROMETHEUS_PORT"; }
prometheus_ready() { curl -sf -m 3 -o /dev/null "$(prometheus_url)/-/ready"; }
prometheus_version() { "$PROMETHEUS_BIN" --version 2>&1 | awk 'NR==1{print $3}'; }

launch_prometheus() {
  if component_pid prometheus >/dev/null; then return 0; fi
  port_free "$PROMETHEUS_PORT" "Prometheus"
  write_prometheus_config
  rotate_log "$PROMETHEUS_STATE/prometheus.log"
  launch prometheus "$PROMETHEUS_STATE/prometheus.log" "$PROMETHEUS_BIN" \
    --config.file="$PROMETHEUS_STATE/prometheus.yml" --storage.tsdb.path="$PROMETHEUS_STATE/data" \
    --storage.tsdb.retention.time=7d --web.listen-address="127.0.0.1:$PROMETHEUS_PORT"
  PROMETHEUS_LAUNCHED_AT=$SECONDS
  say "prometheus: starting $(prometheus_version) (pid $(cat "$PROMETHEUS_STATE/prometheus.pid")) on $(prometheus_url)"
}

wait_prometheus() {
  local i pid
  tick_start "${PROMETHEUS_LAUNCHED_AT:-$SECONDS}"
  for ((i = 0; i < START_TIMEOUT * 4; i++)); do
    tick "prometheus: waiting for /-/ready"
    if ! pid="$(component_pid prometheus)"; then
      tail_log "$PROMETHEUS_STATE/prometheus.log"
      die "prometheus exited during startup (log above: $PROMETHEUS_STATE/prometheus.log)"
    fi
    if prometheus_ready; then
      tick_end
      say "prometheus: ready on $(prometheus_url) (pid $pid) after $((SECONDS - TICK_T0))s"
      return 0
    fi
    sleep 0.25
  done
  tail_log "$PROMETHEUS_STATE/prometheus.log"
  die "prometheus not ready after ${START_TIMEOUT}s (still running as pid $pid; log: $PROMETHEUS_STATE/prometheus.log)"
}

# up_prometheus: start it and wait when installed and not running. It is optional: when it is
# not installed, or its port is taken (e.g. by the first stack's, for a second stack), one line
# says so and `up` goes on.
up_prometheus() {
  if ! prometheus_installed; then
    say "prometheus: not installed, not started (Debian: apt-get install -y prometheus; or set PROMETHEUS_BIN)"
    return 0
  fi
  component_pid prometheus >/dev/null && return 0
  local holder
  holder="$(ss -Hltnp "( sport = :$PROMETHEUS_PORT )" 2>/dev/null | head -n1 || true)"
  if [[ -n "$holder" ]]; then
    say "prometheus: port $PROMETHEUS_PORT is in use by another process (users:${holder##*users:}); not started (set PROMETHEUS_PORT)"
    return 0
  fi
  launch_prometheus
  wait_prometheus
}

# --- commands -------------------------------------------------------------------------
cmd_fetch() {
  fetch_kafka
  fetch_registry
  say "cache: $CACHE ($(du -sh "$CACHE" 2>/dev/null | cut -f1))"
}

cmd_versions() {
  local kj rj
  kj="$(pick_java 17 "${KAFKA_JAVA_HOME:-}")" && kj="Java $(java_major "$kj") ($kj)" || kj="no Java 17+ found"
  rj="$(pick_java 21 "${REGISTRY_JAVA_HOME:-}")" && rj="Java $(java_major "$rj") ($rj)" || rj="no Java 21+ found"
  say "kafka     Apache Kafka $KAFKA_VERSION (org.apache.kafka:kafka_2.13), KRaft combined mode, on $kj"
  say "registry  Apicurio Registry $APICURIO_VERSION (io.apicurio:apicurio-registry-app:tar.gz:all), on $rj"
  if parse_database_url 2>/dev/null && command -v psql >/dev/null 2>&1; then
    say "postgres  $(pg_sql postgres 'show server_version' 2>/dev/null || echo 'unreachable') at $PG_HOST:$PG_PORT"
  fi
}

cmd_status() {
  local ok=0 pid n pgver
  parse_database_url
  printf '%-10s %-16s %-42s %s\n' component version address state
  if pgver="$(pg_sql postgres 'show server_version' 2>/dev/null)"; then
    pgver="${pgver%% *}"
    local dbs
    dbs="$(pg_sql postgres "select string_agg(datname, ', ' order by datname) from pg_database where datname in ('$PG_DB', '$REGISTRY_DB')" 2>/dev/null)"
    printf '%-10s %-16s %-42s %s\n' postgresql "$pgver" "$PG_HOST:$PG_PORT" "up (databases: ${dbs:-none yet})"
  else
    printf '%-10s %-16s %-42s %s\n' postgresql "-" "$PG_HOST:$PG_PORT" "DOWN"
    ok=1
  fi
  if pid="$(component_pid kafka)"; then
    n="$(kafka_api_check)"
    if [[ "$n" -ge 1 ]]; then
      printf '%-10s %-16s %-42s %s\n' kafka "$KAFKA_VERSION" "127.0.0.1:$KAFKA_PORT" "up pid $pid (answers requests, $n broker; controller 127.0.0.1:$KAFKA_CONTROLLER_PORT)"
    else
      printf '%-10s %-16s %-42s %s\n' kafka "$KAFKA_VERSION" "127.0.0.1:$KAFKA_PORT" "UNHEALTHY pid $pid (no answer to a metadata request; log: $KAFKA_STATE/logs/server.log)"
      ok=1
    fi
  else
    printf '%-10s %-16s %-42s %s\n' kafka "$KAFKA_VERSION" "127.0.0.1:$KAFKA_PORT" "DOWN"
    ok=1
  fi
  if pid="$(component_pid registry)"; then
    if registry_healthy; then
      local ver
      ver="$(curl -sf -m 3 "http://127.0.0.1:$REGISTRY_PORT/apis/registry/v3/system/info" | sed -n 's/.*"version":"\([^"]*\)".*/\1/p')"
      printf '%-10s %-16s %-42s %s\n' registry "apicurio ${ver:-?}" "$(registry_url)" "up pid $pid (global compatibility $(curl -sf -m 3 "$(registry_url)/config" | sed -n 's/.*"compatibilityLevel":"\([^"]*\)".*/\1/p'))"
    else
      printf '%-10s %-16s %-42s %s\n' registry "apicurio $APICURIO_VERSION" "$(registry_url)" "UNHEALTHY pid $pid (log: $REGISTRY_STATE/registry.log)"
      ok=1
    fi
  else
    printf '%-10s %-16s %-42s %s\n' registry "apicurio $APICURIO_VERSION" "$(registry_url)" "DOWN"
    ok=1
  fi
  # Prometheus is optional: its line informs, only a running but unready one fails the status.
  if ! prometheus_installed; then
    printf '%-10s %-16s %-42s %s\n' prometheus "-" "$(prometheus_url)" "not installed (apt-get install -y prometheus)"
  elif pid="$(component_pid prometheus)"; then
    local pver
    pver="$(prometheus_version)"
    if prometheus_ready; then
      printf '%-10s %-16s %-42s %s\n' prometheus "$pver" "$(prometheus_url)" "up pid $pid (targets: $PROMETHEUS_STATE/targets/)"
    else
      printf '%-10s %-16s %-42s %s\n' prometheus "$pver" "$(prometheus_url)" "UNHEALTHY pid $pid (log: $PROMETHEUS_STATE/prometheus.log)"
      ok=1
    fi
  else
    printf '%-10s %-16s %-42s %s\n' prometheus "-" "$(prometheus_url)" "DOWN (optional; npm run stack -- start-prometheus)"
  fi
  return "$ok"
}

# Migrations belong to the app (package.json's db:migrate); run them if it has one.
run_db_migrate() {
  local script
  script="$(cd "$REPO" && npm pkg get scripts.db:migrate 2>/dev/null)" || script=""
  if [[ "$script" != \"* ]]; then # a JSON string when the script exists, {} otherwise
    say "note: package.json has no db:migrate script; skipping migrations"
    return 0
  fi
  say "postgresql: running npm run db:migrate ..."
  (cd "$REPO" && DATABASE_URL="$DATABASE_URL" npm run --silent db:migrate) ||
    die "db:migrate failed (Kafka and the registry are up; fix and rerun: npm run db:migrate)"
}

cmd_up() {
  local up_started=$SECONDS
  check_postgres
  # Cheap checks here; the status printed below makes the real Kafka request.
  if component_pid kafka >/dev/null && component_pid registry >/dev/null && registry_healthy &&
    tcp_open "$KAFKA_PORT"; then
    up_prometheus
    say "stack already up; nothing to do"
    cmd_status
    return
  fi
  ensure_database "$PG_DB"
  # Every check before anything starts, so a failure does not leave a half-started stack.
  if ! component_pid kafka >/dev/null; then
    port_free "$KAFKA_PORT" "Kafka broker"
    port_free "$KAFKA_CONTROLLER_PORT" "Kafka controller"
  fi
  if ! component_pid registry >/dev/null; then
    port_free "$REGISTRY_PORT" "schema registry HTTP"
    port_free "$REGISTRY_MGMT_PORT" "schema registry management"
  fi
  need_kafka_java
  need_registry_java
  fetch_kafka
  fetch_registry
  # Both JVMs start in parallel (2 cores): launch both, then wait for each.
  launch_kafka
  launch_registry
  wait_kafka
  wait_registry
  up_prometheus
  run_db_migrate
  say ""
  cmd_status
  say "stack up in $((SECONDS - up_started))s; logs: $KAFKA_STATE/logs/server.log, $REGISTRY_STATE/registry.log"
}

cmd_down() {
  stop_component prometheus
  stop_component registry
  stop_component kafka
}

cmd_reset() {
  cmd_down
  parse_database_url
  rm -rf "$KAFKA_STATE" "$PROMETHEUS_STATE/data"
  say "kafka: data dir removed; prometheus: data dir removed"
  if pg_sql postgres "drop database if exists \"$REGISTRY_DB\"" 2>/dev/null; then
    say "registry: database $REGISTRY_DB dropped (schemas and ids start over)"
  else
    warn "could not drop database $REGISTRY_DB (PostgreSQL unreachable?)"
  fi
}

usage() {
  cat <<EOF
Usage: bash infra/stack.sh COMMAND      (or: npm run stack -- COMMAND)

The local stack without Docker: Apache Kafka (KRaft) and Apicurio Registry as local JVM
processes from Maven Central artifacts, and checks of the machine's PostgreSQL.

Commands:
  up                check PostgreSQL, start Kafka and the schema registry, wait until both are
                    healthy (elapsed seconds shown), start Prometheus when installed (one line
                    says so when not), run db:migrate, print the status table.
                    A running healthy stack is left alone.
  down              stop Prometheus, the registry and Kafka (only processes this script started)
  status            one line per component: version, address, health (exit 0 only if all up)
  fetch             download Kafka and the registry into the cache only
  versions          component versions and the Java each one uses
  reset             down, then delete Kafka's and Prometheus's data and drop the registry database
  start-kafka | stop-kafka | restart-kafka | kill-kafka (SIGKILL, no cleanup)
  start-registry | stop-registry | restart-registry
  start-prometheus | stop-prometheus | restart-prometheus
  kafka-tool CLASS ARGS...   run a Kafka tool class (kafka-tools jar) on Kafka's classpath
  help              this text (also -h, --help)

Environment (current value):
  KAFKA_VERSION=$KAFKA_VERSION  APICURIO_VERSION=$APICURIO_VERSION
  KAFKA_PORT=$KAFKA_PORT  KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT
  REGISTRY_PORT=$REGISTRY_PORT  REGISTRY_MGMT_PORT=$REGISTRY_MGMT_PORT
  REGISTRY_DB=$REGISTRY_DB  REGISTRY_COMPATIBILITY=$REGISTRY_COMPATIBILITY
  DATABASE_URL=$DATABASE_URL   (PGUSER / PGPASSWORD when the URL has none)
  KAFKA_HEAP=$KAFKA_HEAP  REGISTRY_HEAP=$REGISTRY_HEAP
  PROMETHEUS_PORT=$PROMETHEUS_PORT  PROMETHEUS_SCRAPE_INTERVAL=$PROMETHEUS_SCRAPE_INTERVAL
  PROMETHEUS_BIN=${PROMETHEUS_BIN:-(not installed)}
  KAFKA_JAVA_HOME, REGISTRY_JAVA_HOME, JAVA_HOME   Java to use (default: found on PATH, /usr/lib/jvm)
  STACK_START_TIMEOUT=$START_TIMEOUT  STACK_STOP_TIMEOUT=$STOP_TIMEOUT   seconds
  LP_STACK_CACHE=$CACHE   downloads
  LP_STACK_STATE=$STATE   pids, logs, Kafka and Prometheus data (another dir + other ports: a second stack)
More in docs/stack.md.

Examples:
  npm run stack -- up
  npm run stack -- status
  LP_STACK_STATE=/tmp/s2 KAFKA_PORT=19092 REGISTRY_PORT=18081 REGISTRY_DB=apicurio_s2 npm run stack -- up
EOF
}

main() {
  local cmd="${1:-help}"
  if [[ "$cmd" != kafka-tool && $# -gt 1 ]]; then
    printf 'stack: %s takes no arguments, got "%s" (see: npm run stack -- help)\n' "$cmd" "$2" >&2
    exit 2
  fi
  case "$cmd" in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  fetch) cmd_fetch ;;
  versions) cmd_versions ;;
  reset) cmd_reset ;;
  start-kafka)
    launch_kafka
    wait_kafka
    ;;
  stop-kafka) stop_component kafka ;;
  restart-kafka)
    stop_component kafka
    launch_kafka
    wait_kafka
    ;;
  kill-kafka) stop_component kafka KILL ;;
  kafka-tool) # e.g. kafka-tool org.apache.kafka.tools.ProducerPerformance --help (the bench uses it)
    shift
    fetch_kafka
    kafka_tool "$@"
    ;;
  start-registry)
    check_postgres
    launch_registry
    wait_registry
    ;;
  stop-registry) stop_component registry ;;
  start-prometheus)
    prometheus_installed || die "prometheus is not installed (Debian: apt-get install -y prometheus; or set PROMETHEUS_BIN)"
    launch_prometheus
    wait_prometheus
    ;;
  stop-prometheus) stop_component prometheus ;;
  restart-prometheus)
    stop_component prometheus
    prometheus_installed || die "prometheus is not installed (Debian: apt-get install -y prometheus; or set PROMETHEUS_BIN)"
    launch_prometheus
    wait_prometheus
    ;;
  restart-registry)
    stop_component registry
    check_postgres
    launch_registry
    wait_registry
    ;;
  help | -h | --help) usage ;;
  *)
    printf 'stack: unknown command "%s" (see: npm run stack -- help)\n' "$cmd" >&2
    exit 2
    ;;
  esac
}

# Sourcing the file (for tests or debugging) defines the functions without running anything.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then main "$@"; fi
