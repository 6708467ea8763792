#!/usr/bin/env bash
# Install what the tests need on a fresh machine, then run the whole test suite.
#   Python packages: the project, its test extras and the cluster extra (Dask), into .venv
#   Debian's chromium: the real browser the HTML page is tested in
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test,cluster]'
exec .venv/bin/python -m pytest "$@"
