#!/usr/bin/env bash
# Set everything up and start 应急资源台账 on the SQLite database in the user's data folder.
# The first start creates that database and fills it with the demo county (河清县).
# Arguments are passed to `ledger` (e.g. `bash scripts/start.sh --db /path/other.db`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
cd "$ROOT"

apt_ensure "${BASE_PACKAGES[@]}" "${QT_RUNTIME_PACKAGES[@]}" "${FONT_PACKAGES[@]}"
setup_venv

if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; then
    if command -v xvfb-run >/dev/null 2>&1; then
        say "no graphical display (DISPLAY is not set): starting inside a virtual X server (Xvfb);"
        say "the window will not be visible. From a desktop session it opens normally."
        exec xvfb-run -a -s "-screen 0 1400x900x24" "$VENV/bin/ledger" "$@"
    fi
    die "no graphical display: DISPLAY and WAYLAND_DISPLAY are not set and Xvfb is not installed.
Run this from a desktop session (or over ssh -X), or install xvfb and use: xvfb-run -a bash scripts/start.sh"
fi
say "starting 应急资源台账"
exec "$VENV/bin/ledger" "$@"
