# Shared by the quick-start scripts. Sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PNPM_VERSION=10.34.8
export NEXT_TELEMETRY_DISABLED=1
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

# pnpm 11 crashes on Node 20, and a fresh machine has no pnpm at all: install the
# pinned version into the project (.tools/, gitignored) with npm, once.
ensure_pnpm() {
  if ! command -v node >/dev/null 2>&1; then
    echo "error: Node.js 20 or newer is required (node not found on PATH)" >&2
    exit 1
  fi
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  if [ "$major" -lt 20 ]; then
    echo "error: Node.js 20 or newer is required (found $(node --version))" >&2
    exit 1
  fi
  if [ ! -x "$ROOT/.tools/node_modules/.bin/pnpm" ] || [ "$("$ROOT/.tools/node_modules/.bin/pnpm" --version)" != "$PNPM_VERSION" ]; then
    echo "==> installing pnpm $PNPM_VERSION into .tools/"
    npm install --silent --no-audit --no-fund --prefix "$ROOT/.tools" "pnpm@$PNPM_VERSION" >/dev/null
  fi
  export PATH="$ROOT/.tools/node_modules/.bin:$PATH"
}

install_workspace() {
  echo "==> pnpm install"
  pnpm install --frozen-lockfile --reporter=append-only 2>&1 | grep -vE '^Progress: ' || true
  test -d node_modules/.pnpm || { echo "error: pnpm install failed" >&2; exit 1; }
}

# Debian packages the test suite drives: Chromium for Playwright, promtool/prometheus for the monitoring checks.
ensure_system_packages() {
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
  [ ${#missing[@]} -eq 0 ] && return 0
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: missing ${missing[*]} and no apt-get to install them; install them and run again" >&2
    exit 1
  fi
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "==> apt-get install ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  # The Debian prometheus package may start a service on :9090; the tests run their own.
  if [[ " ${missing[*]} " == *" prometheus "* ]]; then
    $sudo systemctl stop prometheus >/dev/null 2>&1 || $sudo service prometheus stop >/dev/null 2>&1 || pkill -x prometheus || true
  fi
}
