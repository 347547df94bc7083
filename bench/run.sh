#!/usr/bin/env bash
# Comptoir benchmark: loads BENCH_CLIENTS generated French clients through the HTTP API into a
# fresh database, then measures search latency. Run by `make bench` (which builds first); it
# builds nothing itself.
#
# Environment:
#   BENCH_CLIENTS      clients to load (default 1000000)
#   BENCH_CONNECTIONS  concurrent batch uploads (default 2)
#   BENCH_BATCH        clients per batch, 1..1000 (default 1000)
#   BENCH_QUERIES      measured search queries per run (default 5000)
#   BENCH_THREADS      server worker threads (default: the server's own default)
#   BENCH_PORT         loopback port (default: the first free one from 18080)
#   BENCH_DATABASE     postgresql://... to bench PostgreSQL instead of SQLite (must be an EMPTY database)
#   BENCH_KEEP=1       keep the temporary data directory (and its server log) for inspection
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BIN="$ROOT/build/src/app/comptoir"
BENCH="$ROOT/build/bench/comptoir_bench"
COUNT="${BENCH_CLIENTS:-1000000}"
CONNECTIONS="${BENCH_CONNECTIONS:-2}"
BATCH="${BENCH_BATCH:-1000}"
QUERIES="${BENCH_QUERIES:-5000}"
DATABASE="${BENCH_DATABASE:-}"
ADMIN_EMAIL="bench@example.com"
ADMIN_PASSWORD="Bench-$(date +%s)-Pass!"

for exe in "$BIN" "$BENCH"; do
    if [[ ! -x "$exe" ]]; then
        echo "bench: $exe is missing; run 'make bench' (or 'make build') first." >&2
        exit 1
    fi
done

DATA="$(mktemp -d "${TMPDIR:-/tmp}/comptoir-bench.XXXXXX")"
REPORT="$DATA/report.txt"
SERVER_PID=""

cleanup() {
    local status=$?
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        for _ in $(seq 1 50); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    if [[ "${BENCH_KEEP:-0}" == "1" ]]; then
        echo "bench: data kept in $DATA"
    else
        rm -rf "$DATA"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

PORT="${BENCH_PORT:-}"
if [[ -z "$PORT" ]]; then
    for p in $(seq 18080 18180); do
        if ! port_in_use "$p"; then PORT=$p; break; fi
    done
    [[ -n "$PORT" ]] || { echo "bench: no free port in 18080-18180" >&2; exit 1; }
fi
URL="http://127.0.0.1:$PORT"

GLOBAL_ARGS=(--data "$DATA")
[[ -n "$DATABASE" ]] && GLOBAL_ARGS+=(--database "$DATABASE")
comptoir() { "$BIN" "${GLOBAL_ARGS[@]}" "$@"; }

echo "== Comptoir bench: $COUNT clients, $(nproc) CPU(s), $(if [[ -n "$DATABASE" ]]; then echo PostgreSQL; else echo SQLite; fi), data in $DATA"
comptoir init --company "Comptoir Bench" --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" >/dev/null
TOKEN="$(comptoir token create --user "$ADMIN_EMAIL" --name bench | tail -n 1)"

SERVE_ARGS=(serve --listen "127.0.0.1:$PORT")
[[ -n "${BENCH_THREADS:-}" ]] && SERVE_ARGS+=(--threads "$BENCH_THREADS")
# Started directly (not through the shell function) so that $! is the server's own pid.
"$BIN" "${GLOBAL_ARGS[@]}" "${SERVE_ARGS[@]}" >"$DATA/server.log" 2>&1 &
SERVER_PID=$!

ready=""
for _ in $(seq 1 100); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then break; fi
    if curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL/api/v1/clients?limit=1" 2>/dev/null; then
        ready=1
        break
    fi
    sleep 0.1
done
if [[ -z "$ready" ]]; then
    echo "bench: the server did not start; its log:" >&2
    cat "$DATA/server.log" >&2
    exit 1
fi
echo "== server pid $SERVER_PID on $URL"

rss_kb() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { awk -v kb="$1" 'BEGIN { printf "%.0f MB", kb / 1024 }'; }

echo
echo "== load"
load_status=0
"$BENCH" load --url "$URL" --token "$TOKEN" --count "$COUNT" --batch "$BATCH" --connections "$CONNECTIONS" \
    --server-pid "$SERVER_PID" --report "$REPORT" || load_status=$?
RSS_AFTER_LOAD="$(rss_kb "$SERVER_PID" VmRSS)"

echo
echo "== search, concurrency 1 (latency)"
"$BENCH" search --url "$URL" --token "$TOKEN" --count "$COUNT" --queries "$QUERIES" --concurrency 1 \
    --server-pid "$SERVER_PID" --report "$REPORT" || true
echo
echo "== search, concurrency 4 (throughput)"
"$BENCH" search --url "$URL" --token "$TOKEN" --count "$COUNT" --queries "$QUERIES" --concurrency 4 --slowest 5 \
    --server-pid "$SERVER_PID" --report "$REPORT" || true

PEAK_RSS="$(rss_kb "$SERVER_PID" VmHWM)"
if [[ -n "$DATABASE" ]]; then
    if command -v psql >/dev/null; then
        DB_SIZE="$(psql "$DATABASE" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))" 2>/dev/null || echo "?")"
    else
        DB_SIZE="? (psql not found)"
    fi
else
    DB_BYTES="$(cat "$DATA"/comptoir.db "$DATA"/comptoir.db-wal 2>/dev/null | wc -c)"
    DB_SIZE="$(awk -v b="$DB_BYTES" 'BEGIN { printf "%.0f MB", b / 1048576 }') (comptoir.db + WAL)"
fi

value() { awk -F= -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "-" : v) }' "$REPORT"; }
verdict() {  # verdict VALUE LIMIT: "ok" when VALUE < LIMIT
    awk -v v="$1" -v l="$2" 'BEGIN { if (v == "-" || v == "") print "?"; else print (v + 0 < l + 0 ? "ok" : "MISSED") }'
}

echo
echo "== summary ($COUNT clients, $(nproc) CPUs)"
printf '  %-34s %-28s %s\n' "measure" "value" "target"
printf '  %-34s %-28s %s\n' "load time" "$(value load_seconds) s" "< 60 s for 1M: $(verdict "$(value load_seconds)" 60)"
printf '  %-34s %-28s\n' "load rate" "$(value load_rate) clients/s"
printf '  %-34s %-28s\n' "load rate, first / last 10%" "$(value load_rate_first10) / $(value load_rate_last10) clients/s"
printf '  %-34s %-28s\n' "server CPU per client (load)" "$(value load_server_cpu_us_per_client) us"
printf '  %-34s %-28s\n' "created / duplicate / invalid" "$(value load_created) / $(value load_duplicate) / $(value load_invalid)"
printf '  %-34s %-28s\n' "near-duplicates planted / caught" "$(value load_duplicate_planted) / $(value load_duplicate_caught)"
printf '  %-34s %-28s %s\n' "search p50 / p99 (1 conn)" "$(value search_c1_p50_ms) / $(value search_c1_p99_ms) ms" \
    "p99 < 50 ms: $(verdict "$(value search_c1_p99_ms)" 50)"
printf '  %-34s %-28s\n' "search p90 / max (1 conn)" "$(value search_c1_p90_ms) / $(value search_c1_max_ms) ms"
printf '  %-34s %-28s\n' "search requests/s (1 / 4 conns)" "$(value search_c1_rps) / $(value search_c4_rps)"
printf '  %-34s %-28s\n' "search p50 / p99 (4 conns)" "$(value search_c4_p50_ms) / $(value search_c4_p99_ms) ms"
printf '  %-34s %-28s\n' "search recall (exact queries)" "$(value search_c1_recall) %"
printf '  %-34s %-28s\n' "server CPU per query (1 conn)" "$(value search_c1_server_cpu_ms_per_query) ms"
printf '  %-34s %-28s\n' "CPU-s taken by other processes" "load $(value load_other_cpu_s), search $(value search_c1_other_cpu_s) + $(value search_c4_other_cpu_s)"
printf '  %-34s %-28s\n' "database size" "$DB_SIZE"
printf '  %-34s %-28s\n' "server RSS after load / peak" "$(mb "${RSS_AFTER_LOAD:-0}") / $(mb "${PEAK_RSS:-0}") (VmHWM)"

exit "$load_status"
