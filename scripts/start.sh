#!/usr/bin/env bash
# Set everything up and start 应急资源台账 on the SQLite database in the user's data folder.
# The first start opens the demo county (河清县) in its own file, with a way back to the office's.
# Arguments are passed to `ledger` (e.g. `bash scripts/start.sh --db /path/other.db`).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/_setup.sh"
cd "$ROOT"

# Without a graphical display the program runs under a virtual X server: install it too.
read -r -a DISPLAY_PACKAGES <<<"$(display_packages)"
apt_ensure "${BASE_PACKAGES[@]}" "${QT_RUNTIME_PACKAGES[@]}" "${FONT_PACKAGES[@]}" \
    "${DISPLAY_PACKAGES[@]}"
setup_venv

if headless; then
    if command -v xvfb-run >/dev/null 2>&1; then
        say "no graphical display (DISPLAY is not set): starting inside a virtual X server (Xvfb);"
        say "the window will not be visible. From a desktop session it opens normally."
        exec xvfb-run -a -s "-screen 0 1400x900x24" "$VENV/bin/ledger" "$@"
    fi
    die "no graphical display: DISPLAY and WAYLAND_DISPLAY are not set, and Xvfb could not be
installed (it needs root or sudo). Run this from a desktop session (or over ssh -X), or ask an
administrator to run: apt-get install xvfb xauth"
fi
say "starting 应急资源台账"
exec "$VENV/bin/ledger" "$@"
