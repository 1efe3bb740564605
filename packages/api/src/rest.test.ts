/**
 * The REST surface over a real socket with plain fetch, as the old runbook's
 * curl commands use it, and the typed SDK from a separate Node process.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { SparkDb } from '@spark/db';
import { createTestPglite } from '@spark/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoopbackServer, type LoopbackServer } from './loopback-server';
import { syntheticRows } from './test-candles';
import { TEST_ADMIN_TOKEN, testDeps } from './test-support';

let handle: SparkDb;
let server: LoopbackServer;
const rows = syntheticRows(300);

beforeAll(async () => {
  handle = await createTestPglite();
  server = await startLoopbackServer(await testDeps(handle));
});
afterAll(async () => {
  await server.close();
  await handle.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = async (res: Response): Promise<any> => res.json();

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('REST', () => {
  it('POST /api/backtest/run returns the envelope with metrics, trades and equity', async () => {
    const res = await post('/api/backtest/run', { timeframe: '1h', candles: rows, strategy: { params: { emaFast: 5, emaSlow: 20, atr: 14 } } });
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ ok: true, mock: false });
    expect(body.result.metrics).toHaveProperty('sharpe');
    expect(body.result.equity[0]).toEqual([rows[0]![0], 100000]);
    const run = await fetch(`${server.url}/api/backtest/runs/${body.runId}`);
    expect(run.status).toBe(200);
    expect(await json(run)).toMatchObject({ id: body.runId, status: 'done', kind: 'run' });
  });

  it('answers a validation error with 400, the field path and the rule in the message', async () => {
    const res = await post('/api/backtest/run', { timeframe: '1h', symbol: 'btc', start: '2024-01-01', end: '2024-01-15' });
    expect(res.status).toBe(400);
    const body = await json(res);
    expect(body.message).toMatch(/^symbol: must be 2-20 upper-case letters or digits/);
    expect(body.data.appCode).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('GET /api/backtest/status lists runs with stats; an unknown run is a 404 naming the id', async () => {
    const status = await fetch(`${server.url}/api/backtest/status?limit=5&status=done,failed`);
    expect(status.status).toBe(200);
    const body = await json(status);
    expect(body.stats).toEqual(expect.objectContaining({ total: expect.any(Number), running: 0, queued: 0 }));
    const missing = await fetch(`${server.url}/api/backtest/runs/bt-20240101T000000Z-0123456789`);
    expect(missing.status).toBe(404);
    expect((await json(missing)).message).toBe('no run with id bt-20240101T000000Z-0123456789');
  });

  it('requires a trader key for optimize and sends Retry-After with 429', async () => {
    const res = await post('/api/backtest/optimize', { timeframe: '1h', candles: rows, grid: { emaFast: [5, 8] } });
    expect(res.status).toBe(401);
    expect((await json(res)).message).toMatch(/backtest\.optimize requires the trader role/);
  });

  it('serves artifacts as downloads and escapes formula-like cells', async () => {
    const run = await json(await post('/api/backtest/run', { timeframe: '1h', candles: rows, strategy: { params: { emaFast: 5, emaSlow: 20 } } }));
    const csv = await fetch(`${server.url}/api/runs/${run.runId}/artifacts/trades.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="${run.runId}-trades.csv"`);
    expect((await csv.text()).split('\n')[0]).toMatch(/^entry_time,exit_time,side/);
    const unknown = await fetch(`${server.url}/api/runs/${run.runId}/artifacts/secrets.txt`);
    expect(unknown.status).toBe(400);
  });

  it('publishes an OpenAPI document naming the REST routes', async () => {
    const doc = await json(await fetch(`${server.url}/api/openapi.json`));
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/backtest/run', '/backtest/walkforward', '/backtest/portfolio', '/backtest/optimize', '/backtest/status', '/backtest/runs/{id}']),
    );
  });

  it('rate-limits by the address the server saw, not a client-supplied X-Forwarded-For', async () => {
    const strict = await startLoopbackServer(await testDeps(handle, { env: { RATE_LIMIT_GLOBAL_PER_MIN: '2' } }));
    try {
      const codes: number[] = [];
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${strict.url}/api/backtest/status`, { headers: { 'x-forwarded-for': `203.0.113.${i}` } });
        codes.push(res.status);
        if (res.status === 429) expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      }
      expect(codes).toEqual([200, 200, 429]);
    } finally {
      await strict.close();
    }
  });
});

describe('typed SDK', () => {
  it('works from a separate Node process against the running server', async () => {
    const script = fileURLToPath(new URL('./sdk-example.ts', import.meta.url));
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));
    const { stdout } = await promisify(execFile)(tsx, [script], {
      env: { ...process.env, SPARK_URL: server.url, SPARK_TOKEN: TEST_ADMIN_TOKEN },
      timeout: 60_000,
    });
    const out = JSON.parse(stdout.trim().split('\n').pop()!);
    expect(out).toMatchObject({ mode: 'full-real', flags: 4, runOk: true, mock: false });
  });
});
