import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';

// Workers re-evaluate this file but inherit the environment, so the port, the
// fresh data folder and the admin token are chosen once, by the runner process.
process.env.E2E_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
]).toString();
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'spark-e2e-'));
// 48 hex characters; specs read it from E2E_ADMIN_TOKEN to mint keys and flip flags.
process.env.E2E_ADMIN_TOKEN ??= randomBytes(24).toString('hex');

const port = Number(process.env.E2E_PORT);
export const baseURL = `http://127.0.0.1:${port}`;
process.env.E2E_BASE_URL = baseURL;

export default defineConfig({
  testDir: './specs',
  outputDir: './test-results',
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: 'test-results/results.json' }]],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      // Debian's Chromium: test tools may not download browsers on this network.
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    // The built app (`pnpm build` runs first) on a fresh embedded database.
    command: 'pnpm --filter @spark/web run start',
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      SPARK_DATA_DIR: process.env.E2E_DATA_DIR,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      ADMIN_TOKEN: process.env.E2E_ADMIN_TOKEN,
      // Journeys run many backtests from one IP in a minute; the production limits would throttle them.
      RATE_LIMIT_GLOBAL_PER_MIN: '100000',
      RATE_LIMIT_VIEWER_BACKTEST_PER_MIN: '100000',
      RATE_LIMIT_OPTIMIZE_PER_MIN: '100000',
    },
  },
});
