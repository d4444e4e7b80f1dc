#!/usr/bin/env bash
# HTTP benchmark: our API (one uvicorn worker; as configured, then with its response cache
# off) against the bare Starlette ceiling serving the same bytes (bench/ceiling.py) and
# Datasette running the same SQL on the same file, wrk on each route in turn.
#
#   bench/http.sh [--database-url sqlite:///PATH | --articles N] [--duration 10s] [--connections 16] [--routes people,quotes-q] [--servers ours,ceiling]
#
# Without --database-url it benchmarks var/bench-N.db, filled by bench/filldb.py (N=1000
# by default; a complete file from an earlier run is reused). Prints one markdown table
# (req/s, p50, p99, ratios) and each server's peak RSS; wrk's own output and the server
# logs stay in var/bench-http/TIME/. Parsing, URLs and SQL live in bench/http_report.py.
# --routes and --servers (comma lists: route slugs such as `people`, `quotes-speaker`,
# `articles-id`; servers among ours, uncached, ceiling, datasette) run a subset while
# iterating; the table shows "-" for what was not run. Each route gets an idle pause
# (IDLE seconds, 2 by default) before its warm-up, so one route's tail never spills into
# the next route's figures.
set -euo pipefail
cd "$(dirname "$0")/.."

DATASETTE_VERSION=0.65.5
BENCH_VENV=var/bench-venv
PYTHON=.venv/bin/python

articles=1000
database_url=""
duration=10s
connections=16
routes=""
servers=ours,uncached,ceiling,datasette
idle=${IDLE:-2}

usage() {
    grep -m1 '^#   bench/http.sh' "$0" | sed 's/^#   /usage: /'
}

while [ $# -gt 0 ]; do
    case $1 in
        --database-url) database_url=${2:?}; shift 2 ;;
        --articles) articles=${2:?}; shift 2 ;;
        --duration) duration=${2:?}; shift 2 ;;
        --connections) connections=${2:?}; shift 2 ;;
        --routes) routes=${2:?}; shift 2 ;;
        --servers) servers=${2:?}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; exit 2 ;;
    esac
done

say() { echo "http.sh: $*" >&2; }
helper() { "$PYTHON" bench/http_report.py "$@"; }

if [ ! -x "$PYTHON" ]; then
    say "no $PYTHON: run make install first"
    exit 1
fi

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        say "installing Debian's wrk"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    else
        say "this needs Debian's wrk; run: sudo apt-get install wrk"
        exit 1
    fi
fi

if ! "$BENCH_VENV/bin/datasette" --version 2>/dev/null | grep -qx "datasette, version $DATASETTE_VERSION"; then
    say "installing datasette $DATASETTE_VERSION into $BENCH_VENV (not the project's venv)"
    python3 -m venv "$BENCH_VENV"
    "$BENCH_VENV/bin/pip" install --quiet --disable-pip-version-check "datasette==$DATASETTE_VERSION"
fi

if [ -z "$database_url" ]; then
    database=var/bench-$articles.db
    database_url=sqlite:///$database
    if [ "$(helper article-count --database "$database")" != "$articles" ]; then
        say "filling $database with $articles synthetic articles"
        "$PYTHON" bench/filldb.py --articles "$articles" --database-url "$database_url"
    fi
else
    case $database_url in
        sqlite:///*) database=${database_url#sqlite:///} ;;
        *) say "Datasette reads SQLite files only: give a sqlite:///PATH URL"; exit 2 ;;
    esac
fi

results=var/bench-http/$(date +%Y%m%d-%H%M%S)
mkdir -p "$results"
helper routes --database "$database" --out "$results/routes.json" ${routes:+--only "$routes"}

server_pid=""
stop_server() {
    if [ -n "$server_pid" ]; then
        kill "$server_pid" 2>/dev/null || true
        # uvicorn waits for requests in flight; a server stuck on them gets 10 s, then KILL.
        for _ in $(seq 50); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.2
        done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# start_server NAME PORT COMMAND...: run COMMAND in the background until it answers HTTP.
start_server() {
    local name=$1 port=$2
    shift 2
    "$@" >"$results/$name.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 150); do
        # /health, not the dashboard: a probe must not add to the peak RSS measured.
        if curl -s -o /dev/null "http://127.0.0.1:$port/health"; then
            return
        fi
        if ! kill -0 "$server_pid" 2>/dev/null; then
            say "$name did not start:"
            cat "$results/$name.log" >&2
            exit 1
        fi
        sleep 0.2
    done
    say "$name did not answer on port $port within 30 s (log: $results/$name.log)"
    exit 1
}

running() { case ",$servers," in *",$1,"*) return 0 ;; *) return 1 ;; esac; }

# load SERVER PORT: wrk every route of SERVER (after an idle pause and a 2 s warm-up), then
# keep its peak RSS.
load() {
    local server=$1 port=$2 slug name path
    while read -r slug name path; do
        say "$server $name"
        sleep "$idle"
        wrk -t1 -c"$connections" -d2s "http://127.0.0.1:$port$path" >/dev/null
        wrk -t1 -c"$connections" -d"$duration" --latency "http://127.0.0.1:$port$path" \
            >"$results/$server-$slug.txt"
    done < <(helper paths --routes "$results/routes.json" --server "$server")
    grep VmHWM "/proc/$server_pid/status" >"$results/$server.rss"
}

say "load average before: $(cut -d' ' -f1-3 /proc/loadavg) (other work on this machine skews the figures)"

# Our answers are fetched once in any case: the ceiling replays them, Datasette is checked
# against them.
port=$(helper free-port)
start_server ours "$port" env DATABASE_URL="$database_url" \
    .venv/bin/article-facts serve --workers 1 --host 127.0.0.1 --port "$port"
helper fetch --base "http://127.0.0.1:$port" --routes "$results/routes.json" \
    --out "$results/responses.json"
if running ours; then
    load ours "$port"
fi
stop_server

# The same server with its response cache off: wrk repeats one URL, so "ours" above is
# served from that cache after the warm-up; this measures the routes doing their work.
if running uncached && "$PYTHON" -c 'import sys; from app.config import Settings
sys.exit("response_cache_mb" not in Settings.model_fields)' 2>/dev/null; then
    port=$(helper free-port)
    start_server uncached "$port" env DATABASE_URL="$database_url" RESPONSE_CACHE_MB=0 \
        .venv/bin/article-facts serve --workers 1 --host 127.0.0.1 --port "$port"
    load uncached "$port"
    stop_server
fi

if running ceiling; then
    port=$(helper free-port)
    start_server ceiling "$port" "$PYTHON" bench/ceiling.py "$results/responses.json" --port "$port"
    load ceiling "$port"
    stop_server
fi

if running datasette; then
    port=$(helper free-port)
    start_server datasette "$port" "$BENCH_VENV/bin/datasette" serve "$database" \
        --host 127.0.0.1 --port "$port" --setting sql_time_limit_ms 60000 \
        --setting max_returned_rows 100000
    helper check-datasette --base "http://127.0.0.1:$port" --routes "$results/routes.json" \
        --responses "$results/responses.json"
    load datasette "$port"
    stop_server
fi

say "load average after: $(cut -d' ' -f1-3 /proc/loadavg); wrk output in $results/"
echo "$database: wrk -t1 -c$connections -d$duration, one worker per server"
echo
helper report --routes "$results/routes.json" --results "$results" | tee "$results/table.md"
