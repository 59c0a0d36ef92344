#!/usr/bin/env bash
# Benchmarks: one command, JSON lines on stdout and in bench/results/. Each figure is measured
# side by side with a reference in the same run (see bench/README.md).
#   scripts/bench.sh            lifecycle bench, then the timer bench, then the outreach bench, then the ads bench,
#                               then the orchestration bench, then the commerce bench
#   scripts/bench.sh lifecycle  lifecycle bench only
#   scripts/bench.sh timers     timer bench only (ours vs pg-boss vs BullMQ)
#   scripts/bench.sh outreach   outreach bench only (read-model rebuild vs raw INSERT; webhook ingest)
#   scripts/bench.sh ads        ads bench only (metric push → campaign_metrics; 7-day performance query; facts storage)
#   scripts/bench.sh orchestration  orchestration bench only (diamond workflows with the reference agent: step
#                               transitions/s vs the event store in process; dispatch latency)
#   scripts/bench.sh commerce   commerce bench only (orders drawing stock under contention: plain PostgreSQL vs the
#                               deciders + guards in process vs campaign-command's Kafka door)
source "$(dirname "$0")/lib.sh"
which="${1:-all}"
case "$which" in
  all|lifecycle|timers|outreach|ads|orchestration|commerce) ;;
  *) echo "usage: scripts/bench.sh [all|lifecycle|timers|outreach|ads|orchestration|commerce]" >&2; exit 2 ;;
esac
ensure_node_modules
ensure_services
export KAFKA_BROKERS DATABASE_URL REDIS_URL
projects=bench,testing,timers
if [ "$which" != timers ] || [ "${TIMER_BENCH_ROUND_TRIP:-}" = 1 ]; then projects="$projects,campaign-command,projection"; fi
if [ "$which" = all ] || [ "$which" = outreach ]; then projects="$projects,analytics-ingest,timer-scheduler"; fi
if [ "$which" = ads ]; then projects="$projects,analytics-ingest"; fi
if [ "$which" = all ] || [ "$which" = orchestration ]; then projects="$projects,reference-agent"; fi
npx nx run-many -t build --projects="$projects" --outputStyle=static >/dev/null
if [ "$which" = all ] || [ "$which" = lifecycle ]; then node bench/dist/lifecycle.bench.js; fi
if [ "$which" = all ] || [ "$which" = timers ]; then node bench/dist/timers.bench.js; fi
# The rebuild's reference reads every final row back into memory (≈ 730,000 rows at 1,000,000 events).
if [ "$which" = all ] || [ "$which" = outreach ]; then node --max-old-space-size=8192 bench/dist/outreach.bench.js; fi
if [ "$which" = all ] || [ "$which" = ads ]; then node bench/dist/ads.bench.js; fi
if [ "$which" = all ] || [ "$which" = orchestration ]; then node bench/dist/orchestration.bench.js; fi
if [ "$which" = all ] || [ "$which" = commerce ]; then node bench/dist/commerce.bench.js; fi
