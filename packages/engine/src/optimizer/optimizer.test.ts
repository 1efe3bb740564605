import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import { resolveCosts } from '../sim/request';
import { BacktestEvaluator } from '../sim/evaluator';
import { getStrategy } from '../strategies/registry';
import { randomWalkCandles } from '../testing/synthetic';
import { evaluateJobSync } from './evaluate';
import { geneticSearch } from './genetic';
import { gridSearch } from './grid';
import { resolveSpace } from './space';
import { tpeSearch } from './tpe';
import type { OptimizerProgress, OptimizerResult } from './types';

const candles = randomWalkCandles(1500, 21, { vol: 0.015 });
const zero = () => 0;

function errorOf(p: Promise<unknown>): Promise<EngineError> {
  return p.then(
    () => {
      throw new Error('expected an EngineError');
    },
    (e: unknown) => {
      if (e instanceof EngineError) return e;
      throw e;
    },
  );
}

/** Drops wall-clock timings, the only part of a result allowed to vary between runs. */
const withoutTimes = (r: OptimizerResult) => ({ ...r, trials: r.trials.map((t) => ({ ...t, timeMs: 0 })) });

describe('search spaces', () => {
  it('expands {min, max, step} ranges without float drift and sorts numeric values', () => {
    const s = resolveSpace(getStrategy('emaCross'), { atrMult: { min: 0.1, max: 0.5, step: 0.1 }, emaFast: [9, 3, 5] }, undefined);
    expect(s.names).toEqual(['emaFast', 'atrMult']);
    expect(s.values).toEqual([
      [3, 5, 9],
      [0.1, 0.2, 0.3, 0.4, 0.5],
    ]);
    expect(s.size).toBe(15);
    expect(s.params(0)).toEqual({ emaFast: 3, emaSlow: 50, atr: 14, atrMult: 0.1, direction: 'long' });
  });

  it('names the offending value, duplicate or unknown parameter', async () => {
    const s = getStrategy('emaCross');
    expect(() => resolveSpace(s, { emaFast: [5, 1] }, undefined)).toThrow(/grid.emaFast\[1\] must be an integer in \[2, 1000\]; got 1/);
    expect(() => resolveSpace(s, { emaFast: [5, 5] }, undefined)).toThrow(/grid.emaFast\[1\] repeats the value 5/);
    expect(() => resolveSpace(s, { ema: [5] }, undefined)).toThrow(/grid.ema is not a parameter of emaCross/);
    expect(() => resolveSpace(s, { emaFast: [] }, undefined)).toThrow(/at least one value/);
    expect(() => resolveSpace(s, {}, undefined)).toThrow(/must search at least one parameter/);
    expect(() => resolveSpace(s, { direction: { min: 1, max: 2, step: 1 } }, undefined)).toThrow(/enum parameter/);
  });
});

describe('search space size', () => {
  it('refuses a space past MAX_SPACE_SIZE before enumerating it', () => {
    const values = (from: number) => Array.from({ length: 200 }, (_, i) => from + i);
    expect(() => resolveSpace(getStrategy('emaCross'), { emaFast: values(2), emaSlow: values(300), atr: values(2) }, {}).validIndices()).toThrow(
      /grid spans 200 x 200 x 200 = 8000000 combinations; at most 1000000 can be searched/,
    );
  });
});

describe('gridSearch', () => {
  const grid = { emaFast: [5, 10, 20, 40], emaSlow: [10, 20, 40, 80], atrMult: [1, 2] };

  it('evaluates the valid combinations and counts the ones that break emaSlow > emaFast', async () => {
    const r = await gridSearch(candles, { timeframe: '1h', grid });
    // emaSlow > emaFast holds for 3 + 2 + 1 + ... pairs: (5,*) 4, (10,*) 3, (20,*) 2, (40,*) 1 = 10 pairs x 2 = 20.
    expect(r.method).toBe('grid');
    expect(r.combinations).toBe(20);
    expect(r.skippedInvalid).toBe(12);
    expect(r.evaluated).toBe(20);
    expect(r.trials.every((t) => (t.params.emaSlow as number) > (t.params.emaFast as number))).toBe(true);
    expect(r.trials.every((t) => t.timeMs >= 0)).toBe(true);
  });

  it('ranks by the objective with ties broken by enumeration order, top 5 by default', async () => {
    const r = await gridSearch(candles, { timeframe: '1h', grid, objective: 'sortino' });
    expect(r.leaderboard).toHaveLength(5);
    const sorted = [...r.trials].sort((a, b) => b.metrics.sortino - a.metrics.sortino || a.index - b.index);
    expect(r.leaderboard.map((e) => e.trial)).toEqual(sorted.slice(0, 5).map((t) => t.index));
    expect(r.best.score).toBe(sorted[0]!.metrics.sortino);
    expect(r.leaderboard.map((e) => e.rank)).toEqual([1, 2, 3, 4, 5]);
  });

  it('logs every evaluation with its params and all metrics, and matches a direct backtest', async () => {
    const r = await gridSearch(candles, { timeframe: '1h', grid: { emaFast: [7], emaSlow: [30] }, feeBps: 5 });
    const { runBacktest } = await import('../sim/backtest');
    const direct = runBacktest(candles, { timeframe: '1h', params: { emaFast: 7, emaSlow: 30 }, feeBps: 5 });
    expect(r.trials[0]!.metrics).toEqual(direct.metrics);
  });

  it('is deterministic: with an injected clock the result is identical, byte for byte', async () => {
    const a = await gridSearch(candles, { timeframe: '1h', grid, now: zero });
    const b = await gridSearch(candles, { timeframe: '1h', grid, now: zero });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  it('rejects more valid combinations than maxCombinations before running any backtest', async () => {
    const progress: OptimizerProgress[] = [];
    const e = await errorOf(gridSearch(candles, { timeframe: '1h', grid, maxCombinations: 19, onProgress: (p) => progress.push(p) }));
    expect(e.code).toBe('TOO_MANY_COMBINATIONS');
    expect(e.message).toMatch(/grid has 20 valid combinations \(4 x 4 x 2 = 32, 12 invalid skipped\); the limit is 19/);
    expect(progress).toHaveLength(0);
  });

  it('defaults the combination limit to 500 (OPTIMIZER_MAX_COMBINATIONS)', async () => {
    const e = await errorOf(gridSearch(candles, { timeframe: '1h', grid: { emaFast: { min: 2, max: 28, step: 1 }, emaSlow: { min: 30, max: 49, step: 1 } } }));
    expect(e.message).toMatch(/grid has 540 valid combinations .* the limit is 500/);
  });

  it('refuses an astronomically large product without enumerating it', async () => {
    const big = { emaFast: { min: 2, max: 1000, step: 1 }, emaSlow: { min: 3, max: 2000, step: 1 } };
    const e = await errorOf(gridSearch(candles, { timeframe: '1h', grid: big }));
    expect(e.code).toBe('TOO_MANY_COMBINATIONS');
    expect(e.message).toMatch(/999 x 1998/);
  });

  it('reports progress up to the total and can be cancelled with an AbortSignal', async () => {
    const progress: OptimizerProgress[] = [];
    await gridSearch(candles, { timeframe: '1h', grid, onProgress: (p) => progress.push(p) });
    expect(progress.at(-1)).toMatchObject({ done: 20, total: 20 });
    expect(progress.every((p, k) => k === 0 || p.done > progress[k - 1]!.done)).toBe(true);

    const controller = new AbortController();
    const big = { emaFast: { min: 2, max: 21, step: 1 }, emaSlow: { min: 30, max: 54, step: 1 } };
    const pending = gridSearch(candles, { timeframe: '1h', grid: big, signal: controller.signal, onProgress: (p) => p.done >= 32 && controller.abort() });
    const e = await errorOf(pending);
    expect(e.code).toBe('CANCELLED');
  });

  it('computes each indicator once per distinct period across all combinations', () => {
    const space = resolveSpace(getStrategy('emaCross'), grid, undefined);
    const ev = new BacktestEvaluator(candles, resolveCosts({ timeframe: '1h' }));
    const params = Array.from(space.validIndices(), (i) => space.params(i));
    evaluateJobSync(ev, { strategy: 'emaCross', params, costs: ev.costs, start: 0, end: candles.close.length, objective: 'sharpe', blocks: 0 }, zero);
    // EMAs for 5, 10, 20, 40, 80 and one ATR(14), for 20 combinations.
    expect(ev.cache.computeCount).toBe(6);
  });
});

describe('tpeSearch and geneticSearch', () => {
  const grid = { emaFast: { min: 4, max: 40, step: 4 }, emaSlow: { min: 20, max: 200, step: 20 }, atrMult: [1, 2, 3] };

  it.each([
    ['tpe', tpeSearch],
    ['genetic', geneticSearch],
  ] as const)('%s spends exactly the budget on distinct valid combinations, reproducibly from the seed', async (method, search) => {
    const a = await search(candles, { timeframe: '1h', grid, budget: 30, seed: 5, now: zero });
    const b = await search(candles, { timeframe: '1h', grid, budget: 30, seed: 5, now: zero });
    const c = await search(candles, { timeframe: '1h', grid, budget: 30, seed: 6, now: zero });
    expect(a.method).toBe(method);
    expect(a.evaluated).toBe(30);
    expect(new Set(a.trials.map((t) => JSON.stringify(t.params))).size).toBe(30);
    expect(a.trials.every((t) => (t.params.emaSlow as number) > (t.params.emaFast as number))).toBe(true);
    expect(a.combinations + a.skippedInvalid).toBe(300);
    expect(JSON.stringify(withoutTimes(a))).toBe(JSON.stringify(withoutTimes(b)));
    expect(JSON.stringify(c.trials.map((t) => t.params))).not.toBe(JSON.stringify(a.trials.map((t) => t.params)));
  });

  it('caps the budget at the number of valid combinations', async () => {
    const r = await tpeSearch(candles, { timeframe: '1h', grid: { emaFast: [5, 10], emaSlow: [8, 20] }, budget: 50 });
    expect(r.combinations).toBe(3);
    expect(r.evaluated).toBe(3);
  });

  it('rejects a missing budget and a bad seed', async () => {
    expect((await errorOf(tpeSearch(candles, { timeframe: '1h', grid } as never))).message).toMatch(/budget must be an integer in \[1, 100000\]; got undefined/);
    expect((await errorOf(geneticSearch(candles, { timeframe: '1h', grid, budget: 10, seed: -3 }))).field).toBe('seed');
  });

  it('can be cancelled', async () => {
    const controller = new AbortController();
    const e = await errorOf(tpeSearch(candles, { timeframe: '1h', grid, budget: 40, signal: controller.signal, onProgress: (p) => p.done === 5 && controller.abort() }));
    expect(e.code).toBe('CANCELLED');
  });
});
