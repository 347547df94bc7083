#!/usr/bin/env bash
# Comptoir benchmark: loads BENCH_CLIENTS generated French clients through the HTTP API into a
# fresh database, then measures search latency. Run by `make bench` (which builds first); it
# builds nothing itself. See bench/README.md.
#
# Environment:
#   BENCH_SUITE            clients (default: load then search), invoices (create, validate, PDF) or import
#                          (a generated client file imported through /api/v1/client-imports)
#   BENCH_IMPORT_ROWS      rows of the import suite's file (default 100000)
#   BENCH_IMPORT_DRY_RUN=1 the import suite also times a dry run first
#   BENCH_INVOICES         invoices for the invoices suite (default 2000)
#   BENCH_INVOICE_CONNECTIONS  concurrent connections for the invoices suite (default 4)
#   BENCH_CLIENTS          clients to load (default 1000000)
#   BENCH_CONNECTIONS      concurrent batch uploads (default 2: one validates while the other writes)
#   BENCH_BATCH            clients per batch, 1..10000 (default 10000, the API's maximum)
#   BENCH_QUERIES          measured search queries per run (default 5000)
#   BENCH_MAX_LOAD_SECONDS stop sending batches after this long (default 1200); search then runs on
#                          what was loaded
#   BENCH_MAX_DISK_GB      stop loading when the data directory exceeds this (default: half the free
#                          space, at most 40)
#   BENCH_THREADS          server worker threads (default: the server's own default)
#   BENCH_PORT             loopback port (default: the first free one from 18080)
#   BENCH_DATABASE         postgresql://... to bench PostgreSQL instead of SQLite (must be an EMPTY database)
#   BUILD_DIR              the build directory holding comptoir and comptoir_bench (default build)
#   BENCH_KEEP=1           keep the temporary data directory (database, server log) for inspection
# What-if experiments (SQLite only, need the sqlite3 command; the summary flags them):
#   BENCH_EXPERIMENT_SQL   SQL run on the fresh database before the server starts, e.g.
#                          "CREATE INDEX x ON clients (company_id, accounting_code);"
#   BENCH_ANALYZE=1        after the load, stop the server, run ANALYZE, restart it, then search
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# BUILD_DIR: the build to bench (default build/, what `make bench` builds); relative to the repository.
BUILD_DIR="${BUILD_DIR:-build}"
[[ "$BUILD_DIR" = /* ]] || BUILD_DIR="$ROOT/$BUILD_DIR"
BIN="$BUILD_DIR/src/app/comptoir"
BENCH="$BUILD_DIR/bench/comptoir_bench"
COUNT="${BENCH_CLIENTS:-1000000}"
CONNECTIONS="${BENCH_CONNECTIONS:-2}"
BATCH="${BENCH_BATCH:-10000}"
QUERIES="${BENCH_QUERIES:-5000}"
MAX_LOAD_SECONDS="${BENCH_MAX_LOAD_SECONDS:-1200}"
DATABASE="${BENCH_DATABASE:-}"
EXPERIMENT_SQL="${BENCH_EXPERIMENT_SQL:-}"
ANALYZE="${BENCH_ANALYZE:-0}"
ADMIN_EMAIL="bench@example.com"
ADMIN_PASSWORD="Bench-$(date +%s)-Pass!"

for exe in "$BIN" "$BENCH"; do
    if [[ ! -x "$exe" ]]; then
        echo "bench: $exe is missing; run 'make bench' (or 'make build') first." >&2
        exit 1
    fi
done
if [[ -n "$EXPERIMENT_SQL" || "$ANALYZE" == "1" ]]; then
    [[ -z "$DATABASE" ]] || { echo "bench: BENCH_EXPERIMENT_SQL / BENCH_ANALYZE are for SQLite only" >&2; exit 1; }
    command -v sqlite3 >/dev/null || { echo "bench: the experiments need the sqlite3 command" >&2; exit 1; }
fi

DATA="$(mktemp -d "${TMPDIR:-/tmp}/comptoir-bench.XXXXXX")"
REPORT="$DATA/report.txt"
SERVER_PID=""
# Private copies: a rebuild running meanwhile (make build in another shell) cannot pull the
# executables from under a run that lasts several minutes.
cp "$BIN" "$DATA/comptoir" && BIN="$DATA/comptoir"
cp "$BENCH" "$DATA/comptoir_bench" && BENCH="$DATA/comptoir_bench"

stop_server() {
    if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
        kill -TERM "$SERVER_PID" 2>/dev/null || true
        # Closing the last SQLite connection checkpoints the WAL into the database: give it time.
        for _ in $(seq 1 600); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.2; done
        kill -KILL "$SERVER_PID" 2>/dev/null || true
        wait "$SERVER_PID" 2>/dev/null || true
    fi
    SERVER_PID=""
}

cleanup() {
    local status=$?
    stop_server
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

start_server() {
    local args=(serve --listen "127.0.0.1:$PORT")
    [[ -n "${BENCH_THREADS:-}" ]] && args+=(--threads "$BENCH_THREADS")
    # Started directly (not through the shell function) so that $! is the server's own pid.
    "$BIN" "${GLOBAL_ARGS[@]}" "${args[@]}" >>"$DATA/server.log" 2>&1 &
    SERVER_PID=$!
    for _ in $(seq 1 300); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        if curl -fsS -o /dev/null -H "Authorization: Bearer $TOKEN" "$URL/api/v1/clients?limit=1" 2>/dev/null; then
            echo "== server pid $SERVER_PID on $URL"
            return 0
        fi
        sleep 0.1
    done
    echo "bench: the server did not start; its log:" >&2
    cat "$DATA/server.log" >&2
    exit 1
}

rss_kb() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { awk -v kb="${1:-0}" 'BEGIN { printf "%.0f MB", kb / 1024 }'; }
value() { awk -F= -v k="$1" '$1 == k { v = $2 } END { print (v == "" ? "-" : v) }' "$REPORT"; }

MAX_DISK_GB="${BENCH_MAX_DISK_GB:-$(df -Pk "$DATA" | awk 'NR == 2 { g = $4 / 1048576 / 2; print (g > 40 ? 40 : int(g)) }')}"
KIND="$(if [[ -n "$DATABASE" ]]; then echo PostgreSQL; else echo SQLite; fi)"
echo "== Comptoir bench: $COUNT clients, $KIND, $(nproc) CPU(s), data in $DATA"
echo "   machine load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
comptoir init --company "Comptoir Bench" --admin-email "$ADMIN_EMAIL" --admin-password "$ADMIN_PASSWORD" >/dev/null
TOKEN="$(comptoir token create --user "$ADMIN_EMAIL" --name bench | tail -n 1)"
if [[ -n "$EXPERIMENT_SQL" ]]; then
    echo "== EXPERIMENT: applying to the fresh database: $EXPERIMENT_SQL"
    sqlite3 "$DATA/comptoir.db" "$EXPERIMENT_SQL"
fi
start_server

if [[ "${BENCH_SUITE:-clients}" == "import" ]]; then
    echo
    echo "== client import: a generated CSV of ${BENCH_IMPORT_ROWS:-100000} rows uploaded, then run"
    "$BENCH" import --url "$URL" --token "$TOKEN" --count "${BENCH_IMPORT_ROWS:-100000}" \
        --dry-run "${BENCH_IMPORT_DRY_RUN:-0}" --server-pid "$SERVER_PID" --report "$REPORT"
    exit $?
fi

if [[ "${BENCH_SUITE:-clients}" == "invoices" ]]; then
    echo
    echo "== invoices: create, validate (number, PDF, hash chain), download"
    "$BENCH" invoices --url "$URL" --token "$TOKEN" --count "${BENCH_INVOICES:-2000}" \
        --connections "${BENCH_INVOICE_CONNECTIONS:-4}" --server-pid "$SERVER_PID" --report "$REPORT"
    exit $?
fi

echo
echo "== load (at most $MAX_LOAD_SECONDS s, $MAX_DISK_GB GB)"
load_status=0
"$BENCH" load --url "$URL" --token "$TOKEN" --count "$COUNT" --batch "$BATCH" --connections "$CONNECTIONS" \
    --max-seconds "$MAX_LOAD_SECONDS" --data-dir "$DATA" --max-disk-gb "$MAX_DISK_GB" \
    --server-pid "$SERVER_PID" --report "$REPORT" || load_status=$?
RSS_AFTER_LOAD="$(rss_kb "$SERVER_PID" VmRSS)"
PEAK_RSS_LOAD="$(rss_kb "$SERVER_PID" VmHWM)"
LOADED="$(value load_clients)"
[[ "$LOADED" =~ ^[0-9]+$ ]] && (( LOADED > 0 )) || { echo "bench: nothing was loaded" >&2; exit 1; }
if [[ "$LOADED" != "$COUNT" ]]; then
    echo "bench: only $LOADED of $COUNT clients were loaded; searching those."
fi
db_size() {
    if [[ -n "$DATABASE" ]]; then
        if command -v psql >/dev/null; then
            psql "$DATABASE" -Atc "SELECT pg_size_pretty(pg_database_size(current_database()))" 2>/dev/null || echo "?"
        else
            echo "? (psql not found)"
        fi
    else
        local db wal
        db="$(stat -c %s "$DATA/comptoir.db" 2>/dev/null || echo 0)"
        wal="$(stat -c %s "$DATA/comptoir.db-wal" 2>/dev/null || echo 0)"
        awk -v d="$db" -v w="$wal" 'BEGIN { printf "%.0f MB + WAL %.0f MB", d / 1048576, w / 1048576 }'
    fi
}
DB_SIZE_AFTER_LOAD="$(db_size)"

if [[ "$ANALYZE" == "1" ]]; then
    echo
    echo "== EXPERIMENT: stopping the server, running ANALYZE, restarting"
    stop_server
    start=$(date +%s.%N)
    sqlite3 "$DATA/comptoir.db" "ANALYZE;"
    echo "   ANALYZE took $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }') s"
    start_server
fi

echo
echo "== search, concurrency 1 (latency)"
"$BENCH" search --url "$URL" --token "$TOKEN" --count "$LOADED" --queries "$QUERIES" --concurrency 1 \
    --server-pid "$SERVER_PID" --report "$REPORT" || true
echo
echo "== search, concurrency 4 (throughput)"
"$BENCH" search --url "$URL" --token "$TOKEN" --count "$LOADED" --queries "$QUERIES" --concurrency 4 --slowest 5 \
    --misses 0 --server-pid "$SERVER_PID" --report "$REPORT" || true

PEAK_RSS="$(rss_kb "$SERVER_PID" VmHWM)"
# SQLite reads through a memory map, so RSS counts the database pages the OS has mapped in (shared,
# reclaimable file cache). The process's own memory is RssAnon.
ANON_RSS="$(rss_kb "$SERVER_PID" RssAnon)"
FILE_RSS="$(rss_kb "$SERVER_PID" RssFile)"
stop_server
DB_SIZE_FINAL="$(db_size)"

verdict() {  # verdict VALUE LIMIT: "ok" when VALUE < LIMIT
    awk -v v="$1" -v l="$2" 'BEGIN { if (v == "-" || v == "") print "?"; else print (v + 0 < l + 0 ? "ok" : "MISSED") }'
}
# The target is 1,000,000 clients in under 60 s, i.e. a sustained 16,667 clients/s.
if [[ "$(value load_complete)" != "yes" ]]; then
    load_verdict="MISSED (incomplete)"
elif [[ "$COUNT" -ge 1000000 ]]; then
    load_verdict="$(verdict "$(value load_seconds)" 60)"
else
    load_verdict="needs 16667/s: $(awk -v r="$(value load_rate)" 'BEGIN { print (r >= 16667 ? "ok" : "MISSED") }')"
fi

echo
echo "== summary: $LOADED of $COUNT clients, $KIND, $(nproc) CPUs, $CONNECTIONS connection(s)"
[[ -n "$EXPERIMENT_SQL" ]] && echo "   EXPERIMENT (not the shipped schema): $EXPERIMENT_SQL"
[[ "$ANALYZE" == "1" ]] && echo "   EXPERIMENT (not what the server does): ANALYZE run between load and search"
printf '  %-34s %-32s %s\n' "measure" "value" "target"
printf '  %-34s %-32s %s\n' "load time" "$(value load_seconds) s" "1M in < 60 s: $load_verdict"
printf '  %-34s %-32s\n' "load rate" "$(value load_rate) clients/s"
printf '  %-34s %-32s\n' "load rate, first / last 10%" "$(value load_rate_first10) / $(value load_rate_last10) clients/s"
printf '  %-34s %-32s\n' "first search after the load" "$(value load_first_search_ms) ms (SQLite: includes indexing what is pending)"
printf '  %-34s %-32s\n' "server CPU per client (load)" "$(value load_server_cpu_us_per_client) us"
printf '  %-34s %-32s\n' "created / duplicate / invalid" "$(value load_created) / $(value load_duplicate) / $(value load_invalid)"
printf '  %-34s %-32s\n' "near-duplicates planted / caught" "$(value load_duplicate_planted) / $(value load_duplicate_caught)"
printf '  %-34s %-32s %s\n' "search p50 / p99 (1 conn)" "$(value search_c1_p50_ms) / $(value search_c1_p99_ms) ms" \
    "p99 < 50 ms: $(verdict "$(value search_c1_p99_ms)" 50)"
printf '  %-34s %-32s\n' "search p90 / max (1 conn)" "$(value search_c1_p90_ms) / $(value search_c1_max_ms) ms"
printf '  %-34s %-32s\n' "search p50 / p99 (4 conns)" "$(value search_c4_p50_ms) / $(value search_c4_p99_ms) ms"
printf '  %-34s %-32s\n' "search requests/s (1 / 4 conns)" "$(value search_c1_rps) / $(value search_c4_rps)"
printf '  %-34s %-32s\n' "server CPU per query (1 conn)" "$(value search_c1_server_cpu_ms_per_query) ms"
printf '  %-34s %-32s\n' "search recall (exact queries)" "$(value search_c1_recall) %"
printf '  %-34s %-32s\n' "database after load" "$DB_SIZE_AFTER_LOAD"
printf '  %-34s %-32s\n' "database after shutdown" "$DB_SIZE_FINAL"
printf '  %-34s %-32s\n' "server RSS after load" "$(mb "$RSS_AFTER_LOAD") (peak during load $(mb "$PEAK_RSS_LOAD"))"
printf '  %-34s %-32s\n' "server peak RSS (VmHWM)" "$(mb "$PEAK_RSS")"
printf '  %-34s %-32s\n' "server RSS at end: own / mapped file" "$(mb "$ANON_RSS") / $(mb "$FILE_RSS")"
printf '  %-34s %-32s\n' "CPU-s used by other processes" "load $(value load_other_cpu_s), search $(value search_c1_other_cpu_s) + $(value search_c4_other_cpu_s)"
echo "   (figures are wall-clock: other processes on this machine slow them down; the server CPU"
echo "    figures above are its own work)"

# A benchmark, not a test: missing a target is a figure, not a failure. Only errors fail the run.
failed="$(value load_failed_batches)"
if [[ "$failed" != "0" ]]; then
    echo "bench: $failed batch(es) failed (load exit status $load_status); see the output above." >&2
    exit 1
fi
exit 0
