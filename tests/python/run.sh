#!/usr/bin/env bash
# Runs the Python client test against a khabar binary.
#
#   bash tests/python/run.sh [PATH_TO_KHABAR] [unittest args...]
#
# Run from the repository root. PATH_TO_KHABAR defaults to target/debug/khabar
# (build it first). The virtualenv goes to ${KHABAR_VENV:-.venv} and is
# created on first use; pip skips packages that are already installed.
set -euo pipefail

venv="${KHABAR_VENV:-.venv}"
binary="${1:-target/debug/khabar}"
if [[ $# -gt 0 ]]; then shift; fi

if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check -r tests/python/requirements.txt

exec "$venv/bin/python" tests/python/test_client.py --binary "$binary" "$@"
