# shellcheck shell=bash
# Shared by infra/bin/*: paths, messages, waiting, installing, and a lock so parallel callers
# (several test runners at once) start each service only once. Sourced, not run.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="$REPO/.data"
mkdir -p "$DATA"

say() { printf '%s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# show_log FILE [LINES]: the tail of a log on stderr, for error messages.
show_log() {
  local file=$1 lines=${2:-30}
  if [ -s "$file" ]; then
    printf -- '--- last %s lines of %s ---\n' "$lines" "$file" >&2
    tail -n "$lines" "$file" >&2
    printf -- '---\n' >&2
  fi
}

# with_lock NAME CMD...: runs CMD holding an exclusive lock on .data/NAME.lock. The lock is
# released when the script exits, also on errors. The descriptor is 9: daemons started under
# the lock must close it (`9>&-`), or they would keep the lock's file description open.
with_lock() {
  local name=$1; shift
  exec 9>"$DATA/$name.lock"
  if ! flock -w 300 9; then die "timed out waiting for $DATA/$name.lock (another infra/bin script is running)"; fi
  trap 'flock -u 9 2>/dev/null || true' EXIT
  "$@"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# pid_alive PIDFILE [PATTERN]: the pid file names a live process (whose command line contains
# PATTERN, so a recycled pid does not count).
pid_alive() {
  local file=$1 pattern=${2:-} pid
  [ -f "$file" ] || return 1
  pid=$(cat "$file" 2>/dev/null) || return 1
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  [ -z "$pattern" ] || tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern"
}

# apt_install PKG...: Debian packages, without questions; refreshes the lists when the first
# attempt fails (missing or stale lists on a fresh machine). Serialised between the scripts
# (infra/bin/up starts the services in parallel) and waits for another dpkg run to finish.
apt_install() {
  (
    flock -w 900 7 || die "timed out waiting for $DATA/apt.lock"
    export DEBIAN_FRONTEND=noninteractive
    local log="$DATA/apt.log" opts=(-y -q -o DPkg::Lock::Timeout=300)
    # The lock descriptors are closed for apt: a package's maintainer script may start a daemon.
    if ! apt-get install "${opts[@]}" "$@" </dev/null >"$log" 2>&1 7>&- 9>&-; then
      if ! { apt-get update -q -o DPkg::Lock::Timeout=300 && apt-get install "${opts[@]}" "$@"; } </dev/null >>"$log" 2>&1 7>&- 9>&-; then
        show_log "$log"; die "could not install $* (log: $log)"
      fi
    fi
  ) 7>"$DATA/apt.lock"
}
