#!/usr/bin/env bash
# Build the one-folder application with PyInstaller (dist/ledger/) and smoke-test it headless.
#   bash scripts/build.sh            build into dist/ledger, then smoke-test it
#   bash scripts/build.sh --smoke    only smoke-test an existing dist/ledger
# Environment: VENV_PYTHON (the Python with the project and pyinstaller; default .venv's, else
# the python3 on PATH), LEDGER_DIST (output folder; default dist), LEDGER_BUILD (work folder).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
say() { printf '\033[1m[build]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[build] %s\033[0m\n' "$*" >&2; exit 1; }

PY="${VENV_PYTHON:-}"
if [[ -z "$PY" ]]; then
    if [[ -x "$ROOT/.venv/bin/python" ]]; then PY="$ROOT/.venv/bin/python"; else PY="python3"; fi
fi
DIST="${LEDGER_DIST:-$ROOT/dist}"
WORK="${LEDGER_BUILD:-$ROOT/build}"
APP="$DIST/ledger/ledger"

build() {
    if ! "$PY" -c 'import PyInstaller' 2>/dev/null; then
        say "installing PyInstaller (the project's build extra)"
        "$PY" -m pip install --disable-pip-version-check -q -e "$ROOT[build]" || die "pip install failed"
    fi
    say "building $DIST/ledger with PyInstaller (a few minutes)"
    local started=$SECONDS
    "$PY" -m PyInstaller --noconfirm --log-level WARN --distpath "$DIST" --workpath "$WORK" \
        "$ROOT/build.spec" || die "PyInstaller failed"
    say "built in $((SECONDS - started)) s: $(du -sh "$DIST/ledger" | cut -f1)"
}

# The bundle must run without the source tree or the venv: run it from an empty folder, with a
# bare PATH and no PYTHONPATH, headless.
smoke() {
    [[ -x "$APP" ]] || die "no built application at $APP"
    local tmp db out
    tmp="$(mktemp -d "${TMPDIR:-/tmp}/ledger-smoke.XXXXXX")"
    trap 'rm -rf "$tmp"' RETURN
    db="$tmp/smoke.db"
    run() {
        (cd "$tmp" && exec env -i PATH=/usr/bin:/bin HOME="$tmp" LANG=C.UTF-8 \
            LEDGER_DATA_DIR="$tmp/data" QT_QPA_PLATFORM=offscreen "$APP" "$@")
    }
    say "smoke test: --version"
    out="$(run --version)" || die "--version failed"
    [[ "$out" == ledger\ * ]] || die "--version printed: $out"
    say "smoke test: demo --db (migrations, demo county)"
    run demo --db "$db" --date 2026-06-30 >/dev/null 2>"$tmp/demo.err" \
        || { cat "$tmp/demo.err" >&2; die "demo failed"; }
    say "smoke test: check --db (norm profiles)"
    run check --db "$db" >"$tmp/check.out" 2>&1 \
        || { cat "$tmp/check.out" >&2; die "check failed"; }
    [[ -s "$tmp/check.out" ]] || die "check printed nothing"
    say "smoke test: report inventory and labels (reportlab, fonts, barcodes)"
    run report inventory --db "$db" -o "$tmp/inventory.pdf" >/dev/null 2>"$tmp/report.err" \
        && run report labels --labels lots --db "$db" -o "$tmp/labels.pdf" >/dev/null 2>>"$tmp/report.err" \
        || { cat "$tmp/report.err" >&2; die "report failed"; }
    [[ -s "$tmp/inventory.pdf" && -s "$tmp/labels.pdf" ]] || die "report wrote no PDF"
    say "smoke test: export, then import into an empty database (openpyxl, calamine)"
    run export --db "$db" --no-movements "$tmp/all.xlsx" >/dev/null 2>"$tmp/excel.err" \
        && run import --new --db "$tmp/copy.db" "$tmp/all.xlsx" >/dev/null 2>>"$tmp/excel.err" \
        && run verify --db "$tmp/copy.db" >/dev/null 2>>"$tmp/excel.err" \
        || { cat "$tmp/excel.err" >&2; die "export and import failed"; }
    say "smoke test: the GUI starts and waits at the login (offscreen, 10 s)"
    local status=0
    local gui_pid
    (cd "$tmp" && exec env -i PATH=/usr/bin:/bin HOME="$tmp" LANG=C.UTF-8 \
        LEDGER_DATA_DIR="$tmp/data" QT_QPA_PLATFORM=offscreen "$APP" gui --db "$db") \
        >/dev/null 2>"$tmp/gui.err" &
    gui_pid=$!
    sleep 10
    if kill -0 "$gui_pid" 2>/dev/null; then
        kill "$gui_pid"; wait "$gui_pid" 2>/dev/null || true
    else
        wait "$gui_pid" || status=$?
        cat "$tmp/gui.err" >&2
        die "the GUI exited at once (status $status)"
    fi
    say "smoke test: verify --db"
    run verify --db "$db" >"$tmp/verify.out" 2>&1 || { cat "$tmp/verify.out" >&2; die "verify failed"; }
    say "smoke test passed"
}

case "${1:-}" in
    --smoke) smoke ;;
    "") build; smoke ;;
    *) die "unknown argument: $1 (use --smoke or nothing)" ;;
esac
