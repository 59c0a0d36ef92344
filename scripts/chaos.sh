#!/usr/bin/env bash
# The fault suite (issue 9): the four apps, two instances each, on the 3-broker Kafka cluster
# (replication 3, min.insync.replicas 2) under a steady lifecycle load, while app instances are
# killed -9, a broker is killed and restarted, PostgreSQL crashes and restarts, Redis restarts.
# Then it checks that no acknowledged command was lost or applied twice, every due timer fired
# once, the read models equal a rebuild, and reports the recovery time after each fault.
#
#   scripts/chaos.sh            full run: 1,000 commands/s aimed at, 20 kills per app (about 50 min)
#   scripts/chaos.sh --short    the version scripts/test.sh runs (about 5 min)
#   CHAOS_SEED=<n> scripts/chaos.sh ...   replays a run's plan (the seed is printed)
# Faults strike one after another, each a seeded pause (≤ CHAOS_MAX_PAUSE_SECONDS) after the one
# before recovered, so each recovery time is its own.
#
# Everything stays on 127.0.0.1. PostgreSQL and Redis are private instances made for the run
# (their restarts never touch the dev services or anyone's tests); the cluster is started when
# it is not running and stopped again after; the run's topics are deleted. Figures:
# tmp/chaos/report.json; app logs: tmp/chaos/logs/. Exit 0 only when every invariant holds.
source "$(dirname "$0")/lib.sh"

mode=()
case "${1:-}" in
  "") ;;
  --short) mode=(--short) ;;
  *) echo "usage: scripts/chaos.sh [--short]" >&2; exit 2 ;;
esac

ensure_node_modules
if [ "${CHAOS_SKIP_BUILD:-}" != 1 ]; then
  log "building the apps and the driver"
  npx nx run-many -t build --projects=bench,campaign-command,projection,timer-scheduler,analytics-ingest --outputStyle=static >/dev/null
fi
# The private instances run Debian's binaries: the infra scripts install them when missing.
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || infra/bin/postgres start
command -v redis-server >/dev/null || infra/bin/redis start

WORK=tmp/chaos
mkdir -p "$WORK"
: > "$WORK/pids"
INFRA_DIR=$(mktemp -d /tmp/campaign-chaos.XXXXXX)
chmod 755 "$INFRA_DIR"
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{process.stdout.write(String(s.address().port));s.close()})'; }
PG_PORT=$(free_port)
REDIS_PORT=$(free_port)
kafka_started=0

# Ends only what this run started: the app processes whose pids the driver recorded, the private
# database and Redis, and the cluster if it was not running before (else any node a fault left
# down is started again).
cleanup() {
  local rc=$? pid
  trap - EXIT INT TERM
  if [ -n "${driver:-}" ] && kill -0 "$driver" 2>/dev/null; then kill -TERM "$driver" 2>/dev/null; wait "$driver" 2>/dev/null || true; fi
  while read -r pid; do
    if [ -n "$pid" ] && { tr '\0' ' ' < "/proc/$pid/cmdline"; } 2>/dev/null | grep -q "dist/main.js"; then kill -KILL "$pid" 2>/dev/null || true; fi
  done < "$WORK/pids"
  scripts/chaos/infra.sh pg-stop "$INFRA_DIR" || true
  scripts/chaos/infra.sh redis-stop "$INFRA_DIR" "$REDIS_PORT" || true
  rm -rf "$INFRA_DIR"
  if [ "$kafka_started" = 1 ]; then infra/bin/kafka stop --brokers 3 >/dev/null || true
  else infra/bin/kafka start --brokers 3 >/dev/null || true; fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log "private PostgreSQL (127.0.0.1:$PG_PORT) and Redis (127.0.0.1:$REDIS_PORT) for this run"
scripts/chaos/infra.sh pg-start "$INFRA_DIR" "$PG_PORT"
scripts/chaos/infra.sh redis-start "$INFRA_DIR" "$REDIS_PORT"
if ! infra/bin/kafka status --brokers 3 >/dev/null 2>&1; then
  log "starting the 3-broker Kafka cluster (127.0.0.1:19092-19094)"
  kafka_started=1
  infra/bin/kafka start --brokers 3
fi

export KAFKA_BROKERS=127.0.0.1:19092,127.0.0.1:19093,127.0.0.1:19094
export DATABASE_URL="postgres://campaign:campaign@127.0.0.1:$PG_PORT/campaign"
export REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
export CHAOS_INFRA_DIR="$INFRA_DIR" CHAOS_PG_PORT="$PG_PORT" CHAOS_REDIS_PORT="$REDIS_PORT"
log "fault suite${mode[*]:+ (${mode[*]})}"
node bench/dist/chaos/chaos.main.js "${mode[@]}" &
driver=$!
wait "$driver"
