#!/usr/bin/env bash
# Before and after: one benchmark at another revision, then at this checkout, back to back on
# the same services and the same machine, so a change's cost shows beside the code it replaced.
#   scripts/bench-compare.sh <revision> [lifecycle|timers|outreach|ads]     (default: lifecycle)
# Each JSON line gets "side" ("before" or "after") and "revision" in front; they also land in
# each tree's bench/results/. The other revision is checked out once, as a git worktree under
# ${BENCH_COMPARE_DIR:-/tmp/campaign-bench-compare}, sharing this checkout's installed packages.
source "$(dirname "$0")/lib.sh"
rev="${1:-}"
which="${2:-lifecycle}"
[ -n "$rev" ] || { echo "usage: scripts/bench-compare.sh <revision> [lifecycle|timers|outreach|ads]" >&2; exit 2; }
case "$which" in
  lifecycle|timers|outreach|ads) ;;
  *) echo "usage: scripts/bench-compare.sh <revision> [lifecycle|timers|outreach|ads]" >&2; exit 2 ;;
esac
sha="$(git rev-parse --verify --quiet "$rev^{commit}")" || { echo "bench-compare: no commit '$rev'" >&2; exit 2; }
ensure_node_modules
ensure_services
export KAFKA_BROKERS DATABASE_URL REDIS_URL

base="${BENCH_COMPARE_DIR:-/tmp/campaign-bench-compare}"
other="$base/$sha"
if [ ! -f "$other/package.json" ]; then
  log "checking out $sha in $other"
  mkdir -p "$base"
  git worktree prune
  git worktree add --force --detach "$other" "$sha" >/dev/null
fi

# The same third-party packages, but the workspace's own libraries from that revision: a
# symlinked node_modules would resolve @campaign/* to this checkout's libs.
link_packages() {
  local tree=$1 entry name lib
  rm -rf "$tree/node_modules"
  mkdir -p "$tree/node_modules/@campaign"
  for entry in "$REPO/node_modules"/* "$REPO/node_modules"/.bin; do
    name="$(basename "$entry")"
    [ "$name" = "@campaign" ] || ln -s "$entry" "$tree/node_modules/$name"
  done
  for lib in "$tree"/libs/*/; do
    ln -s "../../libs/$(basename "$lib")" "$tree/node_modules/@campaign/$(basename "$lib")"
  done
}
[ -d "$other/node_modules/@campaign" ] || link_packages "$other"

projects=bench,testing,timers,campaign-command,projection
[ "$which" = outreach ] && projects="$projects,analytics-ingest,timer-scheduler"
[ "$which" = ads ] && projects="$projects,analytics-ingest"
build() { (cd "$1" && NX_DAEMON=false npx nx run-many -t build --projects="$projects" --outputStyle=static >/dev/null); }
log "building $sha and this checkout"
build "$other"
build "$REPO"

heap=()
[ "$which" = outreach ] && heap=(--max-old-space-size=8192)
run() {
  local side=$1 tree=$2 revision=$3
  log "$which bench, $side ($revision)"
  (cd "$tree" && node "${heap[@]}" "bench/dist/$which.bench.js") | sed -u "s/^{/{\"side\":\"$side\",\"revision\":\"$revision\",/"
}
run before "$other" "$(git rev-parse --short "$sha")"
run after "$REPO" "$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- apps libs bench || echo '+changes')"
