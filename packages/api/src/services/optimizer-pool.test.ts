import { createOptimizerPool, defaultWorkerFile } from '@spark/engine/pool';
import type { SparkDb } from '@spark/db';
import { createTestPglite } from '@spark/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syntheticRows } from '../test-candles';
import { callersFor, testDeps } from '../test-support';

let handle: SparkDb;
const pool = createOptimizerPool({ maxThreads: 2, workerFile: defaultWorkerFile });

beforeAll(async () => {
  handle = await createTestPglite();
});
afterAll(async () => {
  await pool.destroy();
  await handle.close();
});

describe('optimizations on the warm worker pool', () => {
  it('rank exactly as on the request thread', async () => {
    const request = { timeframe: '1h' as const, candles: syntheticRows(2000), grid: { emaFast: [5, 8, 12, 16], emaSlow: [20, 30, 40], atr: [10, 14] } };
    const inline = await (await callersFor(await testDeps(handle))).trader.backtest.optimize(request);
    const pooled = await (await callersFor(await testDeps(handle, { overrides: { optimizerPool: pool } }))).trader.backtest.optimize(request);
    expect(pooled.result.combinations).toBe(24);
    expect(pooled.result.leaderboard.map((e) => [e.params, e.score])).toEqual(inline.result.leaderboard.map((e) => [e.params, e.score]));
    expect(pooled.result.best).toEqual(inline.result.best);
  });
});
