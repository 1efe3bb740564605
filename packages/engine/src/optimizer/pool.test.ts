import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import { resolveCosts } from '../sim/request';
import { randomWalkCandles } from '../testing/synthetic';
import { walkForward } from '../walk-forward/walk-forward';
import { geneticSearch } from './genetic';
import { gridSearch } from './grid';
import { createOptimizerPool, defaultWorkerFile, type OptimizerPool } from './pool';
import { shareCandles } from './shared-series';
import { tpeSearch } from './tpe';
import type { OptimizerResult } from './types';

const candles = randomWalkCandles(3000, 8, { vol: 0.012 });
const grid = { emaFast: { min: 4, max: 40, step: 4 }, emaSlow: { min: 20, max: 120, step: 20 }, atrMult: [1.5, 3] };
const stripTimes = (r: OptimizerResult) => ({ ...r, trials: r.trials.map((t) => ({ ...t, timeMs: 0 })) });

let pool: OptimizerPool;
beforeAll(() => {
  // The globalSetup has just built dist/optimizer-worker.mjs.
  pool = createOptimizerPool({ maxThreads: 2 });
});
afterAll(async () => {
  await pool.destroy();
});

describe('optimizer worker pool', () => {
  it('resolves the bundled worker next to the package by default', () => {
    expect(defaultWorkerFile.endsWith('packages/engine/dist/optimizer-worker.mjs')).toBe(true);
    expect(pool.workerFile).toBe(defaultWorkerFile);
    expect(pool.threads).toBe(2);
  });

  it('returns the same grid result as the in-process search (trial timings aside), request after request', async () => {
    const local = await gridSearch(candles, { timeframe: '1h', grid });
    const first = await pool.gridSearch(candles, { timeframe: '1h', grid });
    const second = await pool.gridSearch(candles, { timeframe: '1h', grid, objective: 'calmar' });
    expect(stripTimes(first)).toEqual(stripTimes(local));
    expect(second.best.score).toBe(Math.max(...local.trials.map((t) => t.metrics.calmar)));
  });

  it('reproduces TPE and genetic searches exactly on worker threads', async () => {
    const opts = { timeframe: '1h' as const, grid, budget: 24, seed: 4 };
    expect(stripTimes(await pool.tpeSearch(candles, opts))).toEqual(stripTimes(await tpeSearch(candles, opts)));
    expect(stripTimes(await pool.geneticSearch(candles, opts))).toEqual(stripTimes(await geneticSearch(candles, opts)));
  });

  it('runs a walk-forward with evaluations and PBO on the pool, matching the in-process one', async () => {
    const opts = { timeframe: '1h' as const, folds: 3, optimizer: { method: 'grid' as const, grid: { emaFast: [5, 10], emaSlow: [20, 40] } }, cscvBlocks: 6 };
    const a = await pool.walkForward(candles, opts);
    const b = await walkForward(candles, opts);
    expect(a.folds.map((f) => f.params)).toEqual(b.folds.map((f) => f.params));
    expect(Array.from(a.oos.equity)).toEqual(Array.from(b.oos.equity));
    expect(a.pbo.pbo).toBe(b.pbo.pbo);
    expect(Array.from(a.pbo.logits)).toEqual(Array.from(b.pbo.logits));
    expect(a.deflatedSharpe).toEqual(b.deflatedSharpe);
  });

  it('reports progress per chunk and cancels on an AbortSignal, staying usable afterwards', async () => {
    const seen: number[] = [];
    const done = await pool.gridSearch(candles, { timeframe: '1h', grid, onProgress: (p) => seen.push(p.done) });
    expect(done.evaluated).toBe(106);
    expect(seen.length).toBeGreaterThan(2);
    expect(seen.at(-1)).toBe(106);
    const controller = new AbortController();
    const pending = pool.gridSearch(candles, { timeframe: '1h', grid, signal: controller.signal, onProgress: () => controller.abort() });
    await expect(pending).rejects.toMatchObject({ code: 'CANCELLED' });
    const after = await pool.gridSearch(candles, { timeframe: '1h', grid: { emaFast: [5], emaSlow: [20] } });
    expect(after.evaluated).toBe(1);
  });

  it('validates on the calling thread and passes worker-side engine errors back with their code', async () => {
    await expect(pool.gridSearch(candles, { timeframe: '1h', grid: { emaFast: [1] } })).rejects.toMatchObject({ code: 'INVALID_PARAMS', field: 'grid.emaFast[0]' });
    const ev = pool.evaluator(candles);
    const err = await ev
      .evaluate({ strategy: 'nope', params: [{}], costs: resolveCosts({ timeframe: '1h' }), start: 0, end: 100, objective: 'sharpe', blocks: 0 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('INVALID_CONFIG');
  });

  it('shares each candle series with the workers through one SharedArrayBuffer, made once', () => {
    const s = shareCandles(candles);
    expect(s.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(s.buffer.byteLength).toBe(6 * 8 * 3000);
    expect(shareCandles(candles)).toBe(s);
  });

  it('explains a missing worker bundle', () => {
    expect(() => createOptimizerPool({ workerFile: '/nonexistent/worker.mjs' })).toThrow(/optimizer worker bundle not found at \/nonexistent\/worker.mjs/);
    expect(() => createOptimizerPool({ maxThreads: 0 })).toThrow(/maxThreads must be an integer in \[1, 256\]; got 0/);
  });
});
