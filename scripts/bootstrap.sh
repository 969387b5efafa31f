#!/usr/bin/env bash
# Create .venv and install Rasmi with its development tools. Re-running is cheap: it only
# reinstalls when pyproject.toml is newer than the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
stamp=.venv/.installed
if [ ! -x .venv/bin/python ]; then
  python=$(scripts/find-python)
  echo "creating .venv with $python"
  "$python" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e '.[dev]'
  touch "$stamp"
fi
