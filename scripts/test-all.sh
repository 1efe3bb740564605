#!/usr/bin/env bash
# Quick start 2: install everything and run the whole test suite (types, unit,
# integration, browser canary, monitoring rules). Exits non-zero on any failure.
source "$(dirname "$0")/lib.sh"
ensure_pnpm
ensure_system_packages
install_workspace
mkdir -p test-results
started=$SECONDS

echo "==> typecheck"
pnpm typecheck

echo "==> build"
pnpm build

echo "==> unit and integration tests (vitest)"
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=test-results/vitest.json || status=$?

echo "==> browser tests (Playwright on Debian's Chromium)"
pnpm test:e2e || status=$?

echo "==> summary ($((SECONDS - started)) s)"
node scripts/summarize-tests.mjs test-results/vitest.json e2e/test-results/results.json || status=$?
exit $status
