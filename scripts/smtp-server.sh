#!/usr/bin/env bash
# Local SMTP sink for tests.
#
#   scripts/smtp-server.sh start DIR   listen on 127.0.0.1:<free port>; port -> DIR/port,
#                                      each message -> DIR/mail/*.eml (mail/ emptied on start)
#   scripts/smtp-server.sh stop DIR    stop it (DIR/mail is kept for inspection)
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
cmd="$1"
DIR="$2"
case "$DIR" in /*) ;; *) DIR="$PWD/$DIR" ;; esac
DIR="${DIR%/}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# aiosmtpd comes from Debian (python3-aiosmtpd), so prefer the system python
# over whatever python3 is first on PATH (pyenv etc.).
pick_python() {
  local py
  for py in /usr/bin/python3 python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import aiosmtpd' 2>/dev/null; then
      echo "$py"; return
    fi
  done
  echo "smtp-server: no python3 with aiosmtpd (install python3-aiosmtpd)" >&2
  exit 1
}

do_stop() {
  local pid i
  if [ -f "$DIR/pid" ]; then
    pid="$(cat "$DIR/pid")"
    # Only kill the process if it is still our sink.
    if [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] \
      && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'smtp_sink.py'; then
      kill "$pid" 2>/dev/null || true
      for ((i = 0; i < 50; i++)); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
      done
      kill -9 "$pid" 2>/dev/null || true
    fi
  fi
  rm -f "$DIR/pid" "$DIR/port"
}

do_start() {
  local py pid i
  py="$(pick_python)"
  do_stop
  mkdir -p "$DIR"
  rm -rf "$DIR/mail"
  mkdir -p "$DIR/mail"
  nohup "$py" "$HERE/smtp_sink.py" --dir "$DIR" </dev/null >"$DIR/smtp.log" 2>&1 &
  pid=$!
  echo "$pid" >"$DIR/pid"
  for ((i = 0; i < 100; i++)); do
    [ -s "$DIR/port" ] && return 0
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  echo "smtp-server: sink did not start:" >&2
  cat "$DIR/smtp.log" >&2 || true
  do_stop
  exit 1
}

case "$cmd" in
  start) do_start ;;
  stop) do_stop ;;
  *) usage ;;
esac
