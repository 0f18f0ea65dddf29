# Shared by start.sh and test.sh: system packages, the .venv and the project installed in it.
# Sourced, not run. Idempotent: a second run only checks and finishes in seconds.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1m[ledger]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[ledger] %s\033[0m\n' "$*" >&2; exit 1; }

# Under `set -e` a failing command ends the script: say which one, never fail silently.
set -E
trap 'printf "\033[1;31m[ledger] failed (exit %s): %s\033[0m\n" "$?" "$BASH_COMMAND" >&2' ERR

# Run a command as root: directly when we are root, through sudo when it is available.
as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; then
        sudo "$@"
    else
        return 1
    fi
}

can_be_root() { [[ "$(id -u)" -eq 0 ]] || { command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [[ -t 0 ]]; }; }; }

# What PySide6's wheels load on Debian (xcb platform plugin, OpenGL, fonts, D-Bus, NSS…).
QT_RUNTIME_PACKAGES=(
    libgl1 libegl1 libopengl0 libglib2.0-0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1
    libfreetype6 libdbus-1-3 libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-shape0 libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0
    libxcb-xfixes0 libxcb-sync1 libxcb-xkb1 libxcb-shm0 libxcb-util1 libxrender1 libxext6
    libsm6 libice6 libnss3 libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxi6
    libxshmfence1 libgbm1 libdrm2 "libasound2t64|libasound2"
)
BASE_PACKAGES=(python3-venv python3-pip ca-certificates)
FONT_PACKAGES=(fonts-wqy-zenhei fonts-noto-cjk)
# A virtual X server, for starting the program on a machine without a display.
VIRTUAL_DISPLAY_PACKAGES=(xvfb xauth)
TEST_PACKAGES=(xvfb xauth poppler-utils postgresql libreoffice-calc zbar-tools)

# Whether no graphical display is there (no X, no Wayland, no Qt platform chosen).
headless() { [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" && -z "${QT_QPA_PLATFORM:-}" ]]; }

# The packages start.sh needs for the display: a virtual X server when headless, else none.
display_packages() { if headless; then echo "${VIRTUAL_DISPLAY_PACKAGES[*]}"; fi; }

_installed() { [[ " $INSTALLED " == *" $1 "* ]]; }

# apt_ensure PKG… : install what is missing (an entry "a|b" is satisfied by either name).
apt_ensure() {
    command -v dpkg-query >/dev/null 2>&1 || { say "not a Debian system: skipping system packages"; return 0; }
    local missing=() entry alt found
    # One dpkg-query for every name (it lists the installed ones; unknown names are ignored).
    # dpkg-query exits non-zero when some name is unknown; that is not an error here.
    INSTALLED="$({ dpkg-query -W -f='${db:Status-Abbrev} ${Package}\n' ${*//|/ } 2>/dev/null || true; } \
        | awk '$1 == "ii" { print $2 }' | tr '\n' ' ')"
    for entry in "$@"; do
        found=""
        for alt in ${entry//|/ }; do _installed "$alt" && found=1 && break; done
        [[ -z "$found" ]] && missing+=("$entry")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    if ! can_be_root; then
        say "missing system packages (need root or sudo to install): ${missing[*]//|/ or }"
        return 0
    fi
    say "installing system packages: ${missing[*]//|/ or }"
    export DEBIAN_FRONTEND=noninteractive
    as_root apt-get update -qq || die "apt-get update failed"
    local names=()
    for entry in "${missing[@]}"; do
        found=""
        for alt in ${entry//|/ }; do
            if apt-cache show "$alt" >/dev/null 2>&1; then names+=("$alt"); found=1; break; fi
        done
        [[ -z "$found" ]] && say "no package ${entry//|/ or } in this distribution; skipping it"
    done
    [[ ${#names[@]} -eq 0 ]] && return 0
    as_root apt-get install -y -qq --no-install-recommends "${names[@]}" >/dev/null \
        || die "apt-get install failed: ${names[*]}"
}

check_python() {
    command -v "$PYTHON" >/dev/null 2>&1 || die "python3 not found; install Python 3.11 or newer"
    "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
        || die "Python 3.11 or newer is needed; $("$PYTHON" --version 2>&1) found"
}

# Create .venv (again, if it is broken) and install the project with its test extras.
setup_venv() {
    check_python
    if [[ -x "$VENV/bin/python" ]] && ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
        say "the virtual environment in .venv is broken; recreating it"
        rm -rf "$VENV"
    fi
    if [[ ! -x "$VENV/bin/python" ]]; then
        say "creating the virtual environment in .venv"
        "$PYTHON" -m venv "$VENV" >&2 \
            || { rm -rf "$VENV"; die "python3 -m venv failed: install the python3-venv package (as root: apt-get install python3-venv)"; }
    fi
    local stamp="$VENV/.installed" want
    want="$(sha256sum <"$ROOT/pyproject.toml" | cut -c1-16)"
    if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && "$VENV/bin/python" -c 'import ledger' 2>/dev/null; then
        return 0
    fi
    say "installing the application and its test tools into .venv (first time: a few minutes)"
    local log="$VENV/pip.log"
    "$VENV/bin/python" -m pip install --disable-pip-version-check --upgrade pip >"$log" 2>&1 || true
    if ! "$VENV/bin/python" -m pip install --disable-pip-version-check -e "$ROOT[test]" >>"$log" 2>&1; then
        tail -n 30 "$log" >&2
        die "pip install failed (full log: $log)"
    fi
    echo "$want" >"$stamp"
}
