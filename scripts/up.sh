#!/usr/bin/env bash
# Brings the whole system up locally — Kafka, PostgreSQL, Redis, the four apps and the orchestration
# context's reference agent — and runs a
# short demo that shows events flowing into the read models. Idempotent: running it again
# rebuilds and restarts the apps on the services already running.
source "$(dirname "$0")/lib.sh"

ensure_node_modules
ensure_services
export KAFKA_BROKERS DATABASE_URL REDIS_URL

log "building the apps"
npx nx run-many -t build --projects=campaign-command,projection,timer-scheduler,analytics-ingest,reference-agent,testing --outputStyle=static >/dev/null

RUN=.data/run
mkdir -p "$RUN"
# Local secrets for the outreach APIs (JWT), tracking links and webhooks: made once, kept, so a
# second run keeps the tokens and links of the first valid. Set them in the environment to override.
if [ ! -f "$RUN/secrets.env" ]; then
  {
    echo "JWT_SECRET=$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))")"
    echo "TRACKING_SECRET=$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))")"
    echo "WEBHOOK_SECRET=$(node -e "process.stdout.write(require('crypto').randomBytes(32).toString('hex'))")"
  } > "$RUN/secrets.env"
  chmod 600 "$RUN/secrets.env"
fi
set -a
# shellcheck source=/dev/null
source "$RUN/secrets.env"
set +a
# The local sandbox sends through a stand-in adapter, so seed 004's sending windows (30 s between
# emails per sender…) are raised here to let the demo send 40 emails at once. Unset it, or set
# SEND_LIMITS_OVERRIDE='' before running, to get the seed's limits.
export SEND_LIMITS_OVERRIDE="${SEND_LIMITS_OVERRIDE-{\"email\":{\"minIntervalMs\":0,\"windows\":{\"email_per_hour\":100000,\"email_per_day\":100000}}}}"
export TRACKING_BASE_URL="${TRACKING_BASE_URL:-http://127.0.0.1:3004}"
declare -A PORTS=([campaign-command]=3001 [projection]=3002 [timer-scheduler]=3003 [analytics-ingest]=3004 [reference-agent]=3005)
# The reference agent takes 300 ms per step here, so the demo's workflow can be watched step by step.
export AGENT_DELAY_MS="${AGENT_DELAY_MS:-300}"

# No internet here: analytics-ingest's Google Ads and Meta connectors talk to a local stand-in that
# answers in each platform's format (libs/testing/src/ads/platforms), kept running beside the apps so
# the 15-minute syncs go on after the demo. Point ADS_GOOGLE_BASE_URL / ADS_META_BASE_URL (and the
# tokens) at the real APIs to sync real accounts. The analyzer waits 3 s (not 30) after a sync here.
ADS_STANDIN_PORT="${ADS_STANDIN_PORT:-3990}"
if [ -f "$RUN/ads-standin.pid" ] && kill -0 "$(cat "$RUN/ads-standin.pid")" 2>/dev/null; then
  kill "$(cat "$RUN/ads-standin.pid")" 2>/dev/null || true
  for _ in $(seq 50); do kill -0 "$(cat "$RUN/ads-standin.pid")" 2>/dev/null || break; sleep 0.2; done
fi
ADS_STANDIN_PORT=$ADS_STANDIN_PORT setsid nohup node libs/testing/dist/ads/platforms/main.js >"$RUN/ads-standin.log" 2>&1 < /dev/null &
echo $! > "$RUN/ads-standin.pid"
export ADS_STANDIN_URL="http://127.0.0.1:$ADS_STANDIN_PORT"
export ADS_GOOGLE_BASE_URL="${ADS_GOOGLE_BASE_URL:-$ADS_STANDIN_URL/google/v17}" ADS_META_BASE_URL="${ADS_META_BASE_URL:-$ADS_STANDIN_URL/meta/v19.0}"
export ADS_GOOGLE_ACCESS_TOKEN="${ADS_GOOGLE_ACCESS_TOKEN:-stand-in-google-token}" ADS_GOOGLE_DEVELOPER_TOKEN="${ADS_GOOGLE_DEVELOPER_TOKEN:-stand-in-developer-token}"
export ADS_META_ACCESS_TOKEN="${ADS_META_ACCESS_TOKEN:-stand-in-meta-token}" ADS_ANALYZER_DELAY_MS="${ADS_ANALYZER_DELAY_MS:-3000}"

for app in "${!PORTS[@]}"; do
  pidfile="$RUN/$app.pid"
  if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    kill "$(cat "$pidfile")" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$(cat "$pidfile")" 2>/dev/null || break; sleep 0.2; done
  fi
done

for app in campaign-command projection timer-scheduler analytics-ingest reference-agent; do
  # shellcheck disable=SC2046 # the flags are words
  HTTP_PORT=${PORTS[$app]} SERVICE_NAME=$app setsid nohup node $(cat infra/node-flags) "apps/$app/dist/main.js" >"$RUN/$app.log" 2>&1 < /dev/null &
  echo $! > "$RUN/$app.pid"
done

for app in campaign-command projection timer-scheduler analytics-ingest reference-agent; do
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

log "demo: an outreach campaign (seed 004) — commands, dispatch, engagement webhooks, live counters"
node scripts/demo-outreach.mjs

log "demo: ads (seed 003) — two platforms synced, an alert raised and resolved by a restatement, guarded actions"
node scripts/demo-ads.mjs

log "demo: orchestration (seed 000) — a diamond workflow run by the reference agent, derived content, the calendar"
node scripts/demo-orchestration.mjs

log "demo: commerce (seed 001) — an agent-run shop: eight customers order five prints at once, payments attributed, the views"
node scripts/demo-commerce.mjs
echo
echo "Stop everything with: scripts/down.sh"
