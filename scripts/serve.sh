#!/usr/bin/env bash
# `make run`: the web server and one background worker (scheduled publishing) together.
# One command; Ctrl-C (or either process ending) stops both.
set -uo pipefail
cd "$(dirname "$0")/.."
host=${HOST:-127.0.0.1}
port=${PORT:-8000}
export DEBUG=${DEBUG:-true}

.venv/bin/rasmi db_worker --queue-name '*' --interval 1 --no-reload &
worker=$!
.venv/bin/rasmi runserver "$host:$port" &
web=$!

stop() {
  trap - INT TERM EXIT
  pkill -TERM -P "$web" 2>/dev/null  # runserver's autoreloaded child
  kill "$web" "$worker" 2>/dev/null
  wait "$web" "$worker" 2>/dev/null
}
trap 'stop; exit 130' INT TERM
trap stop EXIT
# Whichever ends first (Ctrl-C, a crash) takes the other down with it.
wait -n "$web" "$worker"
