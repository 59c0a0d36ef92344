# Shared by infra/bin/*: paths, logging, waiting, and a lock so parallel callers (several test
# runners at once) start each service only once.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="$REPO/.data"
mkdir -p "$DATA"

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# with_lock NAME CMD...: runs CMD holding an exclusive lock on .data/NAME.lock.
with_lock() {
  local name=$1; shift
  exec {lockfd}>"$DATA/$name.lock"
  flock "$lockfd"
  "$@"
  local status=$?
  flock -u "$lockfd"
  return $status
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

# Installs Debian packages when a command is missing; refreshes the lists once if needed.
apt_install() {
  export DEBIAN_FRONTEND=noninteractive
  if ! apt-get install -y -qq "$@" >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    apt-get install -y -qq "$@" >/dev/null
  fi
}
