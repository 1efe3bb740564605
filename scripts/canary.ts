/**
 * `pnpm canary`: the release canary. Runs the four runbook scenarios (run,
 * walk-forward, portfolio, optimize) through the typed SDK and through the
 * REST surface, then the browser canary (optimizer -> best row -> validate
 * with walk-forward), and writes evidence to evidence/canary/<timestamp>/:
 * metrics_snapshot.txt, test_summary.txt (pass/fail per scenario with
 * latency), every JSON response, and the browser's screenshots. Exits non-zero
 * on any failure. GO/NO-GO criteria: monitoring/runbook.md.
 *
 * Against the built app started here on a fresh embedded database (default),
 * or an existing deployment: `pnpm canary --url https://host --token <admin key>`.
 * Offline the scenarios use the demo feed; `--exchange binance` uses the exchange.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createSparkClient, type AppRouterInputs } from '../packages/api/src/client';

const root = resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    url: { type: 'string' },
    token: { type: 'string' },
    exchange: { type: 'string', default: 'demo' },
    'skip-browser': { type: 'boolean', default: false },
  },
});

const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const evidenceDir = process.env.CANARY_EVIDENCE_DIR ?? join(root, 'evidence', 'canary', stamp);
mkdirSync(join(evidenceDir, 'responses'), { recursive: true });

async function freePort(): Promise<number> {
  return new Promise((ok) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the app at ${url} did not become healthy within ${timeoutMs / 1000} s`);
}

let app: ChildProcess | undefined;
let baseUrl = args.url?.replace(/\/+$/, '');
let adminToken = args.token;
if (baseUrl && !adminToken) {
  console.error('--url needs --token <admin API key>: the canary mints a trader key for the optimize scenario');
  process.exit(2);
}

if (!baseUrl) {
  const port = await freePort();
  adminToken = randomBytes(24).toString('hex');
  baseUrl = `http://127.0.0.1:${port}`;
  app = spawn('pnpm', ['--filter', '@spark/web', 'run', 'start'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      SPARK_DATA_DIR: mkdtempSync(join(tmpdir(), 'spark-canary-')),
      ADMIN_TOKEN: adminToken,
      RATE_LIMIT_OPTIMIZE_PER_MIN: '100',
    },
  });
  await waitForHealth(baseUrl, 120_000);
}
const stopApp = () => {
  if (app?.pid) {
    try {
      process.kill(-app.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
};
process.on('exit', stopApp);

const admin = createSparkClient({ url: baseUrl, token: adminToken });
const trader = await admin.keys.create.mutate({ name: `canary ${stamp}`, role: 'trader' });
const sdk = createSparkClient({ url: baseUrl, token: trader.token });
const exchange = args.exchange!;

type Inputs = AppRouterInputs['backtest'];

const payloads: { run: Inputs['run']; walkforward: Inputs['walkforward']; portfolio: Inputs['portfolio']; optimize: Inputs['optimize'] } = {
  run: { symbol: 'BTCUSDT', timeframe: '1h', start: '2024-01-01', end: '2024-01-15', exchange, useCache: true },
  walkforward: {
    symbol: 'ETHUSDT',
    timeframe: '1h',
    start: '2024-01-01',
    end: '2024-03-01',
    exchange,
    useCache: true,
    config: { trainRatio: 0.6, testRatio: 0.4 },
    strategy: { params: { emaFast: 20, emaSlow: 50, atr: 14 } },
  },
  portfolio: { symbols: ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'], timeframe: '1h', start: '2024-01-01', end: '2024-01-15', exchange, useCache: true },
  optimize: {
    symbol: 'BTCUSDT',
    timeframe: '1h',
    start: '2024-01-01',
    end: '2024-02-01',
    exchange,
    useCache: true,
    grid: { emaFast: [16, 20, 24], emaSlow: [45, 50, 55], atr: [12, 14] },
    objective: 'sharpe',
  },
};

type Scenario = keyof typeof payloads;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Body = any;

/** What a scenario's response must show to pass; each returns the failed check in words, or null. */
const checks: Record<Scenario, (b: Body) => string | null> = {
  run: (b) => (typeof b.result?.metrics?.sharpe !== 'number' ? 'no metrics.sharpe' : b.result.equity?.length > 0 ? null : 'empty equity'),
  walkforward: (b) =>
    !['overfit', 'robust', 'inconclusive'].includes(b.result?.verdict) ? `verdict ${JSON.stringify(b.result?.verdict)}` : typeof b.result.threshold !== 'number' ? 'no threshold' : null,
  portfolio: (b) => {
    const m = b.result?.correlation?.matrix;
    if (!Array.isArray(m) || m.length !== 3 || m.some((row: number[], i: number) => row.length !== 3 || row[i] !== 1)) return 'correlation matrix is not 3x3 with a unit diagonal';
    return typeof b.result.diversificationBenefit === 'number' ? null : 'no diversificationBenefit';
  },
  optimize: (b) =>
    b.result?.combinations !== 18 ? `combinations ${b.result?.combinations} (expected 18)` : b.result.leaderboard?.length !== 5 ? 'leaderboard is not top-5' : null,
};

interface Outcome {
  surface: 'sdk' | 'rest' | 'browser' | 'metrics';
  scenario: string;
  pass: boolean;
  latencyMs: number;
  detail: string;
}
const outcomes: Outcome[] = [];

/** The alert thresholds a canary scenario must stay under (runbook: GO/NO-GO item 2). */
const latencyBudgetMs: Record<Scenario, number> = { run: 8_000, walkforward: 8_000, portfolio: 8_000, optimize: 30_000 };

async function scenario(surface: 'sdk' | 'rest', name: Scenario, call: () => Promise<Body>) {
  const started = performance.now();
  try {
    const body = await call();
    const latencyMs = performance.now() - started;
    writeFileSync(join(evidenceDir, 'responses', `${surface}-${name}.json`), JSON.stringify(body, null, 2));
    const failed =
      body?.ok !== true
        ? 'response is not ok'
        : body.mock
          ? 'served by the mock'
          : latencyMs > latencyBudgetMs[name]
            ? `slower than the ${latencyBudgetMs[name] / 1000} s alert threshold`
            : checks[name](body);
    outcomes.push({ surface, scenario: name, pass: failed === null, latencyMs, detail: failed ?? `run ${body.runId}` });
  } catch (error) {
    outcomes.push({ surface, scenario: name, pass: false, latencyMs: performance.now() - started, detail: (error as Error).message });
  }
}

const sdkCalls: Record<Scenario, () => Promise<Body>> = {
  run: () => sdk.backtest.run.mutate(payloads.run),
  walkforward: () => sdk.backtest.walkforward.mutate(payloads.walkforward),
  portfolio: () => sdk.backtest.portfolio.mutate(payloads.portfolio),
  optimize: () => sdk.backtest.optimize.mutate(payloads.optimize),
};
for (const name of Object.keys(payloads) as Scenario[]) await scenario('sdk', name, sdkCalls[name]);

for (const name of Object.keys(payloads) as Scenario[]) {
  await scenario('rest', name, async () => {
    const res = await fetch(`${baseUrl}/api/backtest/${name}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${trader.token}` },
      body: JSON.stringify(payloads[name]),
    });
    const body = await res.json();
    if (!res.ok) throw new Error(`HTTP ${res.status}: ${body.message}`);
    return body;
  });
}

if (!args['skip-browser']) {
  const started = performance.now();
  const browser = spawnSync('pnpm', ['--filter', '@spark/e2e', 'exec', 'playwright', 'test', 'specs/canary.spec.ts'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, CANARY_EVIDENCE_DIR: join(evidenceDir, 'browser') },
  });
  outcomes.push({
    surface: 'browser',
    scenario: 'optimizer -> best row -> validate with walk-forward',
    pass: browser.status === 0,
    latencyMs: performance.now() - started,
    detail: browser.status === 0 ? 'verdict shown' : `playwright exited ${browser.status}`,
  });
}

/** GET with retries: after the browser run the client may reuse a keep-alive socket the server has just closed. */
async function getText(url: string, attempts = 3): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url);
      if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}`);
      return await res.text();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}

const snapshot = await getText(`${baseUrl}/metrics`);
writeFileSync(join(evidenceDir, 'metrics_snapshot.txt'), snapshot);
const sample = (pattern: RegExp) => [...snapshot.matchAll(pattern)].map((m) => Number(m[1]));
const failedRuns = sample(/^backtest_runs_total\{[^}]*status="failed"[^}]*\} (\S+)$/gm).reduce((a, b) => a + b, 0);
const activeRuns = sample(/^backtest_active_runs (\S+)$/gm)[0] ?? Number.NaN;
const families = snapshot.match(/^# TYPE (spark_backtest_|backtest_)/gm)?.length ?? 0;
const metricProblems = [
  failedRuns > 0 ? `${failedRuns} failed run(s)` : '',
  activeRuns !== 0 ? `backtest_active_runs is ${activeRuns}` : '',
  families < 29 ? `only ${families} spark_backtest_*/backtest_* families` : '',
].filter(Boolean);
outcomes.push({
  surface: 'metrics',
  scenario: 'metrics snapshot (failed runs, active runs, families)',
  pass: metricProblems.length === 0,
  latencyMs: 0,
  detail: metricProblems.join('; ') || `${families} families, no failed run, nothing left running`,
});
const passed = outcomes.filter((o) => o.pass).length;
const verdict = passed === outcomes.length ? 'GO' : 'NO-GO';
const summary = [
  `Spark Backtest canary ${stamp}`,
  `target: ${baseUrl} (exchange ${exchange})`,
  '',
  ...outcomes.map((o) => `${o.pass ? 'PASS' : 'FAIL'}  ${o.surface.padEnd(7)} ${o.scenario.padEnd(52)} ${o.latencyMs.toFixed(0).padStart(7)} ms  ${o.detail}`),
  '',
  `${passed} passed, ${outcomes.length - passed} failed`,
  `${verdict} (criteria: monitoring/runbook.md#release-canary-go--no-go)`,
].join('\n');
writeFileSync(join(evidenceDir, 'test_summary.txt'), `${summary}\n`);
console.log(`\n${summary}\n\nevidence: ${evidenceDir}`);
stopApp();
process.exit(verdict === 'GO' ? 0 : 1);
