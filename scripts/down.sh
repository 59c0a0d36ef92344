#!/usr/bin/env bash
# Stops the four apps started by scripts/up.sh, then the local services.
source "$(dirname "$0")/lib.sh"
for pidfile in .data/run/*.pid; do
  [ -f "$pidfile" ] || continue
  kill "$(cat "$pidfile")" 2>/dev/null || true
  rm -f "$pidfile"
done
infra/bin/down
