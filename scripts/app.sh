#!/usr/bin/env bash
# Quick start 1: install everything, migrate the embedded database, build, and
# serve the app on http://localhost:${PORT:-3000} with the embedded defaults.
source "$(dirname "$0")/lib.sh"
ensure_pnpm
install_workspace
echo "==> applying database migrations"
pnpm db:migrate
echo "==> building"
pnpm build
echo "==> starting on http://localhost:${PORT:-3000}"
export HOST="${HOST:-0.0.0.0}"
exec pnpm start
