/**
 * Starts the built app (`next start` in apps/web) on a free loopback port with a fresh data
 * folder, waits until /api/health answers 200, and stops it by killing its process group.
 * Shared by the live monitoring tests; the canary can use it too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../src/paths';

export interface RunningApp {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  dataDir: string;
  /** ADMIN_TOKEN the app was started with, for admin calls (flags.set, cache.stats). */
  adminToken: string;
  /** Everything the app printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/** A port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port assigned'))));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Makes sure a detached child's group dies with this process even if the test run is cut
 * short before afterAll; returns the function that undoes it.
 */
export function killGroupOnExit(child: ChildProcess): () => void {
  const onExit = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  };
  process.once('exit', onExit);
  return () => process.off('exit', onExit);
}

/** Kills a detached child's whole process group, politely first; resolves once it exited. */
export async function killGroup(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // The group is already gone.
    }
  };
  signal('SIGTERM');
  const timedOut = await Promise.race([exited.then(() => false), sleep(graceMs).then(() => true)]);
  if (timedOut) {
    signal('SIGKILL');
    await exited;
  }
}

export interface StartAppOptions {
  /** How long the app may take to answer /api/health with 200 (PGlite's initdb runs first). */
  readyTimeoutMs?: number;
  env?: Record<string, string>;
}

export async function startApp(options: StartAppOptions = {}): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'spark-monitoring-app-'));
  const adminToken = randomBytes(32).toString('hex');
  const webDir = join(repoRoot, 'apps/web');
  let output = '';
  const child = spawn(join(webDir, 'node_modules/.bin/next'), ['start', '-H', '127.0.0.1', '-p', String(port)], {
    cwd: webDir,
    // Its own process group, so stop() also ends the workers Next.js forks.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      SPARK_DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
      ...options.env,
    },
  });
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const forgetExit = killGroupOnExit(child);
  const url = `http://127.0.0.1:${port}`;
  const app: RunningApp = {
    url,
    port,
    dataDir,
    adminToken,
    output: () => output,
    stop: async () => {
      await killGroup(child);
      forgetExit();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? 90_000);
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await app.stop();
      throw new Error(`the app exited (${child.exitCode ?? child.signalCode}) before /api/health answered 200. Its output:\n${output}`);
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return app;
      last = `HTTP ${res.status}: ${(await res.text()).slice(0, 300)}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(250);
  }
  await app.stop();
  throw new Error(`the app did not answer /api/health with 200 within ${options.readyTimeoutMs ?? 90_000} ms (last: ${last}). Its output:\n${output}`);
}

async function get(app: RunningApp, path: string): Promise<void> {
  const res = await fetch(`${app.url}${path}`, { signal: AbortSignal.timeout(30_000) });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
}

async function post(app: RunningApp, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    // As admin: the viewer limit (5 backtests a minute per IP) would refuse a second round.
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminToken}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(60_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 500)}`);
  const json = JSON.parse(text) as { ok?: boolean; mock?: boolean };
  if (json.ok !== true || json.mock !== false) throw new Error(`POST ${path} did not return a real result: ${text.slice(0, 500)}`);
}

/**
 * The canary's four payloads (from the old executor's runbook) on the offline demo feed, so
 * the runs, walk-forward, portfolio and optimizer families carry samples without internet.
 */
const backtestTraffic: [string, unknown][] = [
  ['/api/backtest/run', { symbol: 'BTCUSDT', timeframe: '1h', start: '2024-01-01', end: '2024-01-15', exchange: 'demo', useCache: true }],
  [
    '/api/backtest/walkforward',
    { symbol: 'ETHUSDT', timeframe: '1h', start: '2024-01-01', end: '2024-03-01', exchange: 'demo', useCache: true, config: { trainRatio: 0.6, testRatio: 0.4 }, strategy: { params: { emaFast: 20, emaSlow: 50, atr: 14 } } },
  ],
  ['/api/backtest/portfolio', { symbols: ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'], timeframe: '1h', start: '2024-01-01', end: '2024-01-15', exchange: 'demo', useCache: true }],
  [
    '/api/backtest/optimize',
    { symbol: 'BTCUSDT', timeframe: '1h', start: '2024-01-01', end: '2024-02-01', exchange: 'demo', useCache: true, grid: { emaFast: [16, 20, 24], emaSlow: [45, 50, 55], atr: [12, 14] }, objective: 'sharpe' },
  ],
];

/**
 * The traffic the live monitoring tests send before they read /metrics and query
 * Prometheus: it has to make the app export samples for what the dashboards and alerts
 * watch. Each call must succeed with a real (not mock) result. The live test sends it
 * twice, so Prometheus sees counters move; the optimize limit (2 a minute per key) allows
 * no third round within a minute. Extend it as procedures are added.
 */
export async function generateMonitoringTraffic(app: RunningApp): Promise<void> {
  await get(app, '/api/health');
  for (const [path, body] of backtestTraffic) await post(app, path, body);
  await get(app, '/metrics');
  await get(app, '/api/metrics');
}
