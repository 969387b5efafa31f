#!/usr/bin/env bash
# `make bench`: the speed figures the issues ask for, on throwaway data in var/bench/.
# Each figure is printed beside its target and, where one exists, a baseline measured in
# the same run. Nothing here is a pass/fail test; read the numbers.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/system-packages.sh
py=.venv/bin/python
work=var/bench
rm -rf "$work" && mkdir -p "$work"
export DATABASE_URL="sqlite:///$PWD/$work/bench.sqlite3"
export RASMI_VAR_DIR="$PWD/$work"

echo "== register: import (100,000 accounts + 2,000 organisations) on SQLite and PostgreSQL,"
echo "   each beside a row-by-row baseline measured in the same run; then in-process verify"
$py -m benchmarks.bench_registry import --workdir "$work"
# PostgreSQL: a throwaway cluster on 127.0.0.1, started and removed here.
pgdir=$(mktemp -d /tmp/rasmi-bench-pg.XXXXXX); mkdir -p "$work/pg"
trap 'scripts/pg-throwaway.sh stop "$pgdir"' EXIT
pg_url=$(scripts/pg-throwaway.sh start "$pgdir" "${RASMI_BENCH_PG_PORT:-54339}")
DATABASE_URL=$pg_url $py -m benchmarks.bench_registry import --workdir "$work/pg"
scripts/pg-throwaway.sh stop "$pgdir"
$py -m benchmarks.bench_registry verify
$py -m benchmarks.bench_registry urls --workdir "$work" --count 50000

echo "== register: HTTP GET /api/v1/verify under gunicorn"
port=${RASMI_BENCH_PORT:-8765}
# One client makes every request here, so the per-client limit is lifted for the run; the
# limiter itself still runs on every request.
RATE_LIMIT_PER_MINUTE=100000000 DEBUG=false LOG_LEVEL=ERROR \
  .venv/bin/gunicorn rasmi.wsgi -w "${RASMI_BENCH_WORKERS:-3}" -b "127.0.0.1:$port" \
  --log-level warning >"$work/gunicorn.log" 2>&1 &
gunicorn_pid=$!
trap 'kill $gunicorn_pid 2>/dev/null || true; scripts/pg-throwaway.sh stop "$pgdir"' EXIT
for _ in $(seq 50); do
  curl -fs "http://127.0.0.1:$port/api/v1/verify?url=x.com/bn000001x" >/dev/null && break
  sleep 0.2
done
export RASMI_BENCH_URLS="$work/urls.txt"
wrk -t2 -c32 -d3s -s benchmarks/verify_paths.lua "http://127.0.0.1:$port" >/dev/null  # warm up
wrk -t2 -c32 -d15s -s benchmarks/verify_paths.lua "http://127.0.0.1:$port" | grep wrk-summary \
  | sed 's/^/http verify: /; s/$/   (targets: rps >= 1000, p99 < 50 ms)/'
kill $gunicorn_pid 2>/dev/null || true

echo "== discovery: discover_score on ${RASMI_BENCH_CANDIDATES:-1000000} candidates"
rm -f "$work/bench.sqlite3"*
$py -m benchmarks.bench_discovery --workdir "$work" \
  --candidates "${RASMI_BENCH_CANDIDATES:-1000000}" --workers 2

echo "== publishing: compliance checker on one core"
$py -m benchmarks.bench_compliance

echo "== inbox: signed Meta webhook deliveries into SQLite (WAL), then the worker"
rm -f "$work/inbox.sqlite3"*
DATABASE_URL="sqlite:///$PWD/$work/inbox.sqlite3" ALLOWED_HOSTS='*' LOG_LEVEL=ERROR \
  $py -m benchmarks.bench_inbox

echo "== inbox: feedback dashboard pages with 1,000,000 stored messages (SQLite)"
rm -f "$work/feedback.sqlite3"*
DATABASE_URL="sqlite:///$PWD/$work/feedback.sqlite3" ALLOWED_HOSTS='*' LOG_LEVEL=ERROR \
  $py -m benchmarks.bench_feedback --messages "${RASMI_BENCH_FEEDBACK_MESSAGES:-1000000}"

echo "== inbox: the officers' queue over 100,000 conversations (SQLite)"
rm -f "$work/queue.sqlite3"*
DATABASE_URL="sqlite:///$PWD/$work/queue.sqlite3" ALLOWED_HOSTS='*' LOG_LEVEL=ERROR \
  $py -m benchmarks.bench_inbox_queue --conversations "${RASMI_BENCH_QUEUE_CONVERSATIONS:-100000}"

echo "== inbox: classification (language, intent, sentiment, topics, urgent) on one core"
$py -m benchmarks.bench_classify

echo "== inbox: FAQ suggestions over 100,000 questions"
$py -m benchmarks.bench_faq

echo "== monitoring: surge detector replay on one core (bursts, spikes, rumours)"
$py -m benchmarks.bench_surge

echo "== monitoring: the live path (inbox mentions -> detector -> alert) on SQLite"
rm -f "$work/live.sqlite3"*
DATABASE_URL="sqlite:///$PWD/$work/live.sqlite3" ALLOWED_HOSTS='*' LOG_LEVEL=ERROR \
  $py -m benchmarks.bench_live_alert
