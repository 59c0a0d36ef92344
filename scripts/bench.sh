#!/usr/bin/env bash
# Benchmarks: one command, JSON lines on stdout and in bench/results/. Each figure is measured
# side by side with a reference in the same run (see bench/README.md).
#   scripts/bench.sh            lifecycle bench, then the timer bench
#   scripts/bench.sh lifecycle  lifecycle bench only
#   scripts/bench.sh timers     timer bench only (ours vs pg-boss vs BullMQ)
source "$(dirname "$0")/lib.sh"
which="${1:-all}"
case "$which" in
  all|lifecycle|timers) ;;
  *) echo "usage: scripts/bench.sh [all|lifecycle|timers]" >&2; exit 2 ;;
esac
ensure_node_modules
ensure_services
export KAFKA_BROKERS DATABASE_URL REDIS_URL
projects=bench,testing,timers
if [ "$which" != timers ] || [ "${TIMER_BENCH_ROUND_TRIP:-}" = 1 ]; then projects="$projects,campaign-command,projection"; fi
npx nx run-many -t build --projects="$projects" --outputStyle=static >/dev/null
if [ "$which" != timers ]; then node bench/dist/lifecycle.bench.js; fi
if [ "$which" != lifecycle ]; then node bench/dist/timers.bench.js; fi
