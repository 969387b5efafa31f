#!/usr/bin/env bash
# `make run`: the web server, one background worker (publishing, webhook deliveries,
# replies) and the inbox poller (YouTube comments, X mentions: platforms without
# webhooks) together. One command; Ctrl-C (or any of them ending) stops them all.
set -uo pipefail
cd "$(dirname "$0")/.."
host=${HOST:-127.0.0.1}
port=${PORT:-8000}
export DEBUG=${DEBUG:-true}

.venv/bin/rasmi db_worker --queue-name '*' --interval 1 --no-reload &
worker=$!
.venv/bin/rasmi poll_inbox --loop "${POLL_SECONDS:-60}" --verbosity 0 &
poller=$!
.venv/bin/rasmi runserver "$host:$port" &
web=$!

stop() {
  trap - INT TERM EXIT
  pkill -TERM -P "$web" 2>/dev/null  # runserver's autoreloaded child
  kill "$web" "$worker" "$poller" 2>/dev/null
  wait "$web" "$worker" "$poller" 2>/dev/null
}
trap 'stop; exit 130' INT TERM
trap stop EXIT
# Whichever ends first (Ctrl-C, a crash) takes the other down with it.
wait -n "$web" "$worker" "$poller"
