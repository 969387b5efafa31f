#!/usr/bin/env bash
# The whole suite: unit and integration tests on SQLite, again on a real PostgreSQL that
# this script starts and removes, then the browser tests in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
scripts/system-packages.sh
py=.venv/bin/python
export HYPOTHESIS_PROFILE=${HYPOTHESIS_PROFILE:-ci}

echo "== ruff"
.venv/bin/ruff check rasmi e2e benchmarks eval

echo "== tests on SQLite"
env -u DATABASE_URL $py -m pytest rasmi

echo "== tests on PostgreSQL"
pgdir=$(mktemp -d /tmp/rasmi-pg.XXXXXX)
trap 'scripts/pg-throwaway.sh stop "$pgdir"' EXIT
DATABASE_URL=$(scripts/pg-throwaway.sh start "$pgdir" "${RASMI_PG_PORT:-54329}") \
  $py -m pytest rasmi

echo "== browser tests (Chromium)"
env -u DATABASE_URL $py -m pytest e2e -m e2e
