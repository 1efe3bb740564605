import { getRun, setFeatureFlag, type SparkDb } from '@spark/db';
import { createTestPglite } from '@spark/db/testing';
import { TRPCError } from '@trpc/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createRealImplementation } from '../../services/implementations/real';
import { renderArtifact } from '../../services/artifacts';
import { loadRunResult } from '../../services/runs';
import { syntheticRows } from '../../test-candles';
import { callersFor, testDeps } from '../../test-support';

let handle: SparkDb | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

const rows = syntheticRows(400);
const request = { timeframe: '1h' as const, candles: rows, strategy: { name: 'emaCross', params: { emaFast: 5, emaSlow: 20, atr: 14 } } };

describe('backtest.run', () => {
  it('runs the engine on inline candles, records the run and offers its artifacts', async () => {
    handle = await createTestPglite();
    const deps = await testDeps(handle);
    const { viewer } = await callersFor(deps);
    const response = await viewer.backtest.run({ ...request, includeCandles: true, includeIndicators: true });
    expect(response.ok).toBe(true);
    expect(response.mock).toBe(false);
    expect(response.runId).toMatch(/^bt-\d{8}T\d{6}Z-[0-9a-f]{10}$/);
    const { result } = response;
    expect(result.equity).toHaveLength(400);
    expect(result.equity[0]).toEqual([rows[0]![0], 100_000]);
    expect(result.trades.length).toBeGreaterThan(0);
    expect(result.metrics.trades).toBe(result.trades.length);
    expect(result.params).toMatchObject({ emaFast: 5, emaSlow: 20, atr: 14, atrMult: 2, direction: 'long' });
    expect(result.candles?.close).toHaveLength(400);
    expect(result.indicators?.map((s) => s.name)).toEqual(expect.arrayContaining(['emaFast', 'emaSlow']));
    expect(result.data).toMatchObject({ source: 'inline', bars: 400, demo: false });
    // equity identity: final equity = initial + sum of trade pnl
    const pnl = result.trades.reduce((a, t) => a + t.pnl, 0);
    expect(result.metrics.finalEquity).toBeCloseTo(100_000 + pnl, 6);

    const run = await getRun(deps.database.db, response.runId);
    expect(run).toMatchObject({ kind: 'run', status: 'done', mock: false, actor: 'viewer@127.0.0.1', role: 'viewer' });
    expect(run!.request).toMatchObject({ candles: { inlineRows: 400 } });
    expect(run!.summary).toMatchObject({ sharpe: result.metrics.sharpe, bars: 400 });
    expect(JSON.stringify(run!.result)).toContain('"equity":{"$series":0}');
    const stored = { ...run!, result: await loadRunResult(deps, run!) };
    expect((stored.result as { equity: unknown }).equity).toEqual(result.equity);
    const trades = renderArtifact(stored, 'trades.csv')!;
    expect(trades.body.split('\n')[0]).toBe('entry_time,exit_time,side,entry_price,exit_price,qty,fees,pnl,return,bars_held,reason');
    expect(trades.body.trim().split('\n')).toHaveLength(result.trades.length + 1);
    expect(renderArtifact(stored, 'equity.csv')!.body.trim().split('\n')).toHaveLength(401);
  });

  it('serves the deterministic mock, labelled, when the flag says mock', async () => {
    handle = await createTestPglite();
    const deps = await testDeps(handle);
    const { viewer } = await callersFor(deps);
    await setFeatureFlag(deps.database.db, 'run', 'mock', 'test');
    const a = await viewer.backtest.run(request);
    const b = await viewer.backtest.run(request);
    expect(a.mock).toBe(true);
    expect(a.result.data.source).toBe('mock');
    expect(a.result).toEqual(b.result);
    expect(Object.keys(a.result).sort()).toEqual(['data', 'drawdown', 'equity', 'metrics', 'params', 'strategy', 'timeframe', 'trades']);
    expect((await getRun(deps.database.db, a.runId))?.mock).toBe(true);
  });

  it('names the first bad candle, and records the run as failed with that error', async () => {
    handle = await createTestPglite();
    const deps = await testDeps(handle);
    const { viewer } = await callersFor(deps);
    const bad = rows.map((r) => [...r]);
    bad[7]![2] = bad[7]![3]! - 1; // high below low
    const error = (await viewer.backtest.run({ ...request, candles: bad }).catch((e: unknown) => e)) as TRPCError & { field?: string };
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toMatch(/candles\[7\]/);
    const { runs } = await viewer.runs.status({ limit: 1, offset: 0 });
    expect(runs[0]).toMatchObject({ status: 'failed', errorCode: 'INVALID_CANDLES' });
  });

  it('rejects bad params with the field path and the rule, before any work', async () => {
    handle = await createTestPglite();
    const { viewer } = await callersFor(await testDeps(handle));
    await expect(viewer.backtest.run({ ...request, strategy: { name: 'emaCross', params: { emaFast: 30, emaSlow: 20 } } })).rejects.toThrow(
      /strategy\.params\.emaSlow/,
    );
    await expect(viewer.backtest.run({ ...request, strategy: { name: 'magic', params: {} } })).rejects.toThrow(/strategy\.name: unknown strategy "magic"; allowed: emaCross/);
    await expect(viewer.backtest.run({ timeframe: '1h', symbol: 'BTCUSDT', start: '2024-02-01', end: '2024-01-01' })).rejects.toThrow(/end: must be after start/);
    await expect(viewer.backtest.run({ timeframe: '1h', symbol: 'btc/usdt', start: '2024-01-01', end: '2024-02-01' })).rejects.toThrow(/symbol: must be 2-20 upper-case/);
    await expect(viewer.backtest.run({ timeframe: '1h', symbol: 'BTCUSDT', start: '2020-01-01', end: '2024-01-01' })).rejects.toThrow(/at most 2 years/);
    await expect(viewer.backtest.run({ timeframe: '2h' as '1h', candles: rows })).rejects.toThrow(/timeframe: must be one of 1m, 5m/);
    const { runs } = await viewer.runs.status({ limit: 10, offset: 0 });
    expect(runs).toHaveLength(0);
  });

  it('turns an unexpected engine failure into INTERNAL_SERVER_ERROR with RUN_ENGINE_ERROR, recorded, without a stack', async () => {
    handle = await createTestPglite();
    const real = createRealImplementation();
    const deps = await testDeps(handle, {
      overrides: {
        implementations: {
          real: { ...real, run: () => Promise.reject(new RangeError('buffer overrun in kernel')) },
          mock: real,
        },
      },
    });
    const { viewer } = await callersFor(deps);
    const error = (await viewer.backtest.run(request).catch((e: unknown) => e)) as TRPCError & { appCode?: string };
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(error.appCode).toBe('RUN_ENGINE_ERROR');
    expect(error.message).toBe('the backtest engine failed: buffer overrun in kernel');
    const { runs } = await viewer.runs.status({ limit: 1, offset: 0 });
    expect(runs[0]).toMatchObject({ status: 'failed', errorCode: 'RUN_ENGINE_ERROR', error: 'the backtest engine failed: buffer overrun in kernel' });
  });
});
