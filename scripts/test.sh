#!/usr/bin/env bash
# Set everything up and run the whole test suite, on SQLite and on a local PostgreSQL server.
# Arguments are passed to pytest (e.g. `bash scripts/test.sh tests/services -x`).
# Exits with pytest's status; "no tests collected" (5) counts as a failure.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
source "$(dirname "${BASH_SOURCE[0]}")/_postgres.sh"
cd "$ROOT"

apt_ensure "${BASE_PACKAGES[@]}" "${QT_RUNTIME_PACKAGES[@]}" "${FONT_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
setup_venv
start_postgres

say "running the test suite${LEDGER_TEST_PG:+ (SQLite and PostgreSQL)}"
status=0
QT_QPA_PLATFORM=offscreen "$VENV/bin/python" -m pytest "$@" || status=$?
if [[ $status -eq 5 ]]; then
    say "pytest collected no tests: counted as a failure"
fi
# In CI also build the installable one-folder application and smoke-test it (about 3 minutes).
if [[ $status -eq 0 && "${CI:-}" == "true" ]]; then
    say "CI: building and smoke-testing the PyInstaller bundle (scripts/build.sh)"
    VENV_PYTHON="$VENV/bin/python" bash scripts/build.sh || status=$?
fi
exit "$status"
