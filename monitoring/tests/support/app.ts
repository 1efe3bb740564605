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
  const url = `http://127.0.0.1:${port}`;
  const app: RunningApp = {
    url,
    port,
    dataDir,
    adminToken,
    output: () => output,
    stop: async () => {
      await killGroup(child);
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

/**
 * The traffic the live monitoring tests send before they read /metrics and query
 * Prometheus: it has to make the app export samples for what the dashboards and alerts
 * watch. Extend it as procedures are added (a backtest through REST, a walk-forward, a
 * portfolio, an optimization), so their families carry samples too.
 */
export async function generateMonitoringTraffic(app: RunningApp): Promise<void> {
  for (let i = 0; i < 3; i++) {
    await get(app, '/api/health');
    await get(app, '/metrics');
    await get(app, '/api/metrics');
  }
}
