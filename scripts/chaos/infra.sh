#!/usr/bin/env bash
# The fault suite's own PostgreSQL and Redis: private instances on loopback, made for one run
# and removed after it, so restarting them (a fault) never touches the dev services on
# 5432/6379 or anyone else's tests. Called by scripts/chaos.sh and by the driver.
#
#   scripts/chaos/infra.sh pg-start DIR PORT     initdb into DIR/pg (once), start on 127.0.0.1:PORT
#   scripts/chaos/infra.sh pg-crash DIR          stop -m immediate: a crash, the next start recovers from the WAL
#   scripts/chaos/infra.sh pg-stop DIR
#   scripts/chaos/infra.sh redis-start DIR PORT  redis-server without persistence, pid in DIR/redis.pid
#   scripts/chaos/infra.sh redis-stop DIR PORT
set -euo pipefail

die() { printf 'chaos infra: %s\n' "$*" >&2; exit 1; }

pg_bin() {
  local v
  v=$(ls /usr/lib/postgresql 2>/dev/null | sort -rV | head -1)
  [ -n "$v" ] && [ -x "/usr/lib/postgresql/$v/bin/pg_ctl" ] || die "no PostgreSQL server under /usr/lib/postgresql (run infra/bin/postgres start once)"
  echo "/usr/lib/postgresql/$v/bin"
}

# PostgreSQL refuses to run as root: the cluster then belongs to the postgres user.
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
  local dir=$1 port=$2 bin data
  bin=$(pg_bin); data="$dir/pg"
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$dir" "$data"
    as_owner "$bin/initdb" -D "$data" -U campaign --auth=trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
      || { tail -20 "$dir/initdb.log" >&2; die "initdb failed"; }
    # Durability stays at its defaults (fsync, synchronous_commit): it is what the faults test.
    cat >>"$data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$data'
max_connections = 400
shared_buffers = 256MB
CONF
  fi
  as_owner "$bin/pg_ctl" -D "$data" -l "$dir/pg.log" -w -t 60 start >/dev/null || { tail -20 "$dir/pg.log" >&2; die "PostgreSQL did not start"; }
  # The role the apps log in as, and its database.
  as_owner "$bin/psql" -X -q -h 127.0.0.1 -p "$port" -U campaign -d postgres -c \
    "SELECT 1 FROM pg_database WHERE datname = 'campaign'" -At | grep -q 1 \
    || as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U campaign campaign
}

pg_stop() {
  local dir=$1 mode=${2:-fast}
  [ -f "$dir/pg/postmaster.pid" ] || return 0
  as_owner "$(pg_bin)/pg_ctl" -D "$dir/pg" -m "$mode" -w -t 60 stop >/dev/null
}

redis_start() {
  local dir=$1 port=$2
  redis-server --bind 127.0.0.1 --port "$port" --protected-mode yes --daemonize yes --save '' --appendonly no \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" </dev/null >/dev/null
  for _ in $(seq 100); do
    [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ] && return 0
    sleep 0.1
  done
  die "Redis did not answer on 127.0.0.1:$port"
}

redis_stop() {
  local dir=$1 port=$2 pid
  [ -f "$dir/redis.pid" ] || return 0
  pid=$(cat "$dir/redis.pid")
  redis-cli -h 127.0.0.1 -p "$port" shutdown nosave >/dev/null 2>&1 || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$dir/redis.pid"
}

cmd=${1:-}; shift || true
case "$cmd" in
  pg-start) pg_start "$1" "$2" ;;
  pg-crash) pg_stop "$1" immediate ;;
  pg-stop) pg_stop "$1" fast ;;
  redis-start) redis_start "$1" "$2" ;;
  redis-stop) redis_stop "$1" "$2" ;;
  *) die "usage: infra.sh pg-start|pg-crash|pg-stop DIR [PORT] | redis-start|redis-stop DIR PORT" ;;
esac
