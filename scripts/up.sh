#!/usr/bin/env bash
# Brings the whole system up locally — Kafka, PostgreSQL, Redis and the four apps — and runs a
# short demo that shows events flowing into the read models. Idempotent: running it again
# rebuilds and restarts the apps on the services already running.
source "$(dirname "$0")/lib.sh"

ensure_node_modules
ensure_services
export KAFKA_BROKERS DATABASE_URL REDIS_URL

log "building the apps"
npx nx run-many -t build --projects=campaign-command,projection,timer-scheduler,analytics-ingest --outputStyle=static >/dev/null

RUN=.data/run
mkdir -p "$RUN"
declare -A PORTS=([campaign-command]=3001 [projection]=3002 [timer-scheduler]=3003 [analytics-ingest]=3004)

for app in "${!PORTS[@]}"; do
  pidfile="$RUN/$app.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.2; done
  fi
done

for app in campaign-command projection timer-scheduler analytics-ingest; do
  HTTP_PORT=${PORTS[$app]} SERVICE_NAME=$app setsid nohup node "apps/$app/dist/main.js" >"$RUN/$app.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$app.pid"
done

for app in campaign-command projection timer-scheduler analytics-ingest; do
  port=${PORTS[$app]}
  for i in $(seq 120); do
    if curl -fs "http://127.0.0.1:$port/health" >/dev/null; then break; fi
    if ! kill -0 "$(cat "$RUN/$app.pid")" 2>/dev/null || [ "$i" = 120 ]; then
      echo "$app did not become healthy; last log lines:" >&2; tail -20 "$RUN/$app.log" >&2; exit 1
    fi
    sleep 0.5
  done
  printf '  %-18s http://127.0.0.1:%s  (health, metrics; logs in %s)\n' "$app" "$port" "$RUN/$app.log"
done

log "demo: a campaign's whole life, from HTTP commands to the read models"
node scripts/demo.mjs
echo
echo "Stop everything with: scripts/down.sh"
