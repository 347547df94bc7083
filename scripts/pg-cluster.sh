#!/usr/bin/env bash
# Throw-away PostgreSQL cluster for the test run.
#
#   scripts/pg-cluster.sh start DIR   init + start a cluster under DIR (prints nothing but errors)
#   scripts/pg-cluster.sh url DIR     print postgresql://postgres@127.0.0.1:PORT/comptoir_test
#   scripts/pg-cluster.sh stop DIR    stop it and remove DIR
#
# Listens on 127.0.0.1 only (first free port from 55432), trust auth on
# loopback, fsync off, database `comptoir_test`. The system-wide cluster is
# never touched. As root, the server runs as the `postgres` system user.
set -euo pipefail

usage() { echo "usage: $0 start|stop|url DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd="$1"
DIR="$2"
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac
DIR="${DIR%/}"

DB=comptoir_test
FIRST_PORT=55432
LAST_PORT=55532

pg_bindir() {
  local d
  if [ -x /usr/lib/postgresql/15/bin/pg_ctl ]; then
    echo /usr/lib/postgresql/15/bin; return
  fi
  # Fallback: newest installed major version.
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$d/pg_ctl" ] && { echo "$d"; return; }
  done
  echo "pg-cluster: PostgreSQL server binaries not found (install postgresql)" >&2
  exit 1
}

# Run a command as the user owning the cluster: `postgres` when we are root.
as_pg() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

port_in_use() {
  # A successful TCP connect means something is listening.
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

do_stop() {
  [ -e "$DIR" ] || return 0
  if [ -f "$DIR/data/postmaster.pid" ]; then
    local bin
    bin="$(pg_bindir)"
    as_pg "$bin/pg_ctl" -D "$DIR/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || true
    # Stale or stubborn server: kill the postmaster recorded for this data dir.
    if [ -f "$DIR/data/postmaster.pid" ]; then
      local pid
      pid="$(head -n1 "$DIR/data/postmaster.pid" 2>/dev/null || true)"
      if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] \
        && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$DIR/data"; then
        kill -9 "$pid" 2>/dev/null || true
        sleep 0.5
      fi
    fi
  fi
  rm -rf "$DIR"
}

do_start() {
  local bin log port sockdir
  bin="$(pg_bindir)"
  do_stop

  mkdir -p "$DIR"
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "pg-cluster: running as root but there is no 'postgres' user" >&2
      exit 1
    fi
    chown postgres: "$DIR"
    if ! as_pg test -w "$DIR" 2>/dev/null; then
      echo "pg-cluster: user postgres cannot reach $DIR (a parent directory is not world-searchable?)" >&2
      exit 1
    fi
  fi
  log="$DIR/postgres.log"

  if ! as_pg "$bin/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 \
      --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1; then
    echo "pg-cluster: initdb failed:" >&2
    cat "$DIR/initdb.log" >&2
    exit 1
  fi

  # Unix socket inside DIR when the path fits (sun_path is 108 bytes), else none.
  sockdir="$DIR"
  [ "${#DIR}" -le 90 ] || sockdir=""

  # Trust on loopback only; nothing else may connect.
  as_pg sh -c "cat >'$DIR/data/pg_hba.conf'" <<'EOF'
# TYPE  DATABASE  USER  ADDRESS       METHOD
local   all       all                 trust
host    all       all   127.0.0.1/32  trust
host    all       all   ::1/128       trust
EOF

  local started=""
  for ((port = FIRST_PORT; port <= LAST_PORT; port++)); do
    port_in_use "$port" && continue
    as_pg sh -c "cat >>'$DIR/data/postgresql.conf'" <<EOF

# --- comptoir test cluster (scripts/pg-cluster.sh) ---
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$sockdir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
shared_buffers = 64MB
log_min_messages = warning
EOF
    rm -f "$log"
    if as_pg "$bin/pg_ctl" -D "$DIR/data" -l "$log" -w -t 60 -s start >/dev/null 2>&1; then
      started=1
      break
    fi
    # Lost a race for the port (or another start failure): try the next port
    # unless the log says something else went wrong.
    if ! grep -q -i 'could not bind\|address already in use\|could not create any TCP' "$log" 2>/dev/null; then
      echo "pg-cluster: pg_ctl start failed:" >&2
      cat "$log" >&2 2>/dev/null || true
      exit 1
    fi
  done
  if [ -z "$started" ]; then
    echo "pg-cluster: no free port in $FIRST_PORT-$LAST_PORT" >&2
    exit 1
  fi

  if ! "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres "$DB" >"$DIR/createdb.log" 2>&1; then
    echo "pg-cluster: createdb failed:" >&2
    cat "$DIR/createdb.log" >&2
    exit 1
  fi
  echo "postgresql://postgres@127.0.0.1:$port/$DB" >"$DIR/url"
}

case "$cmd" in
  start) do_start ;;
  stop) do_stop ;;
  url)
    if [ ! -f "$DIR/url" ]; then
      echo "pg-cluster: no cluster under $DIR (run: $0 start $DIR)" >&2
      exit 1
    fi
    cat "$DIR/url"
    ;;
  *) usage ;;
esac
