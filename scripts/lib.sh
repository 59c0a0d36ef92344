# Shared by the scripts in this folder: repo root, dependency install, service start.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

log() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# Installs npm packages when package.json or the lock changed since the last install.
# `npm install`, not `npm ci`: the registry reachable here lacks some other platforms'
# optional binaries, which npm leaves out of the lock and `npm ci` then refuses.
ensure_node_modules() {
  local stamp=node_modules/.install-stamp
  local want; want="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    log "installing dependencies (npm install)"
    npm install --no-audit --no-fund --loglevel=error
    want="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
    echo "$want" > "$stamp"
  fi
}

# Kafka, Postgres and Redis: the variables when given, else the project's own local services.
ensure_services() {
  if [ -n "${KAFKA_BROKERS:-}" ] && [ -n "${DATABASE_URL:-}" ] && [ -n "${REDIS_URL:-}" ]; then
    log "using services from the environment"
    return
  fi
  log "starting Kafka, PostgreSQL and Redis (infra/bin/up)"
  infra/bin/up
  eval "$(infra/bin/env)"
}
