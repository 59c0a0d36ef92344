#!/usr/bin/env bash
# Benchmarks: one command, JSON lines on stdout and in bench/results/. Each figure is measured
# side by side with a reference in the same run (see bench/README.md).
source "$(dirname "$0")/lib.sh"
ensure_node_modules
ensure_services
export KAFKA_BROKERS DATABASE_URL REDIS_URL
npx nx run-many -t build --projects=bench,campaign-command,projection,testing --outputStyle=static >/dev/null
node bench/dist/lifecycle.bench.js
