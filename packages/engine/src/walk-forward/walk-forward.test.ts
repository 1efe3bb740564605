import { describe, expect, it } from 'vitest';
import { candlesFromRows, type Candles } from '../candles';
import { EngineError } from '../errors';
import { scoreOf } from '../optimizer/objective';
import { resolveSpace } from '../optimizer/space';
import { createRng } from '../random';
import { BacktestEvaluator } from '../sim/evaluator';
import { resolveCosts } from '../sim/request';
import { getStrategy } from '../strategies/registry';
import { walkForwardSimple } from './simple';
import { foldsVerdict, walkForward, type WalkForwardProgress } from './walk-forward';

const HOUR = 3_600_000;

/** Hourly random walk whose drift per bar is `drift(i)`. */
function driftSeries(n: number, seed: number, drift: (i: number) => number, vol = 0.01): Candles {
  const rng = createRng(seed);
  let p = 100;
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) {
    const o = p;
    const c = o * Math.exp(drift(i) + vol * rng.normal());
    rows.push([i * HOUR, o, Math.max(o, c) * 1.002, Math.min(o, c) * 0.998, c, 1]);
    p = c;
  }
  return candlesFromRows(rows);
}

async function errorOf(p: Promise<unknown> | (() => unknown)): Promise<EngineError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

describe('walkForwardSimple', () => {
  const params = { emaFast: 10, emaSlow: 40 };

  it('splits 60/40 by default and backtests the test window on its own, warmed up by the train bars', () => {
    const c = driftSeries(2000, 1, () => 0.0005);
    const r = walkForwardSimple(c, { timeframe: '1h', params });
    expect(r.train).toMatchObject({ startIndex: 0, endIndex: 1200, bars: 1200, start: 0, end: 1199 * HOUR });
    expect(r.test).toMatchObject({ startIndex: 1200, endIndex: 2000, bars: 800 });
    const ev = new BacktestEvaluator(c, resolveCosts({ timeframe: '1h' }));
    const run = ev.run(getStrategy('emaCross'), r.params, 1200, 2000);
    expect(r.test.metrics).toEqual(run.metrics);
    // The test window starts flat: its first point is the capital and no trade enters before its second bar.
    expect(run.equity[0]).toBe(100_000);
    expect(run.trades.every((t) => t.entryTime >= 1201 * HOUR)).toBe(true);
  });

  it('calls a steady trend robust: the test Sharpe keeps at least 60% of the train Sharpe', () => {
    const r = walkForwardSimple(driftSeries(3000, 2, () => 0.0008), { timeframe: '1h', params });
    expect(r.trainSharpe).toBeGreaterThan(0);
    expect(r.ratio).toBeCloseTo(r.testSharpe / r.trainSharpe, 15);
    expect(r.ratio!).toBeGreaterThanOrEqual(0.6);
    expect(r.verdict).toBe('robust');
    expect(r.overfitting).toBe(false);
  });

  it('calls parameters overfit when the edge of the train window is gone in the test window', () => {
    const r = walkForwardSimple(driftSeries(3000, 3, (i) => (i < 1800 ? 0.0008 : -0.0004)), { timeframe: '1h', params });
    expect(r.trainSharpe).toBeGreaterThan(0);
    expect(r.ratio!).toBeLessThan(0.6);
    expect(r.verdict).toBe('overfit');
    expect(r.overfitting).toBe(true);
  });

  it('is inconclusive, with no ratio, when the train Sharpe is not positive', () => {
    const r = walkForwardSimple(driftSeries(3000, 4, (i) => (i < 1800 ? -0.0008 : 0.0008)), { timeframe: '1h', params });
    expect(r.trainSharpe).toBeLessThanOrEqual(0);
    expect(r.ratio).toBeNull();
    expect(r.verdict).toBe('inconclusive');
    expect(r.overfitting).toBe(false);
  });

  it('honours trainRatio, testRatio and threshold, and rejects impossible splits', async () => {
    const c = driftSeries(1000, 5, () => 0);
    const r = walkForwardSimple(c, { timeframe: '1h', params, trainRatio: 0.5, testRatio: 0.25, threshold: 0.9 });
    expect([r.train.bars, r.test.bars, r.threshold]).toEqual([500, 250, 0.9]);
    expect((await errorOf(() => walkForwardSimple(c, { timeframe: '1h', trainRatio: 0.7, testRatio: 0.4 }))).message).toMatch(/trainRatio \+ testRatio must not exceed 1/);
    expect((await errorOf(() => walkForwardSimple(c, { timeframe: '1h', trainRatio: 0 }))).field).toBe('trainRatio');
    expect((await errorOf(() => walkForwardSimple(c, { timeframe: '1h', threshold: -1 }))).field).toBe('threshold');
    const short = await errorOf(() => walkForwardSimple(driftSeries(60, 1, () => 0), { timeframe: '1h' }));
    expect(short.code).toBe('INSUFFICIENT_DATA');
    expect(short.field).toBe('trainRatio');
  });
});

describe('walkForward', () => {
  const candles = driftSeries(3000, 7, (i) => 0.0015 * Math.sin((2 * Math.PI * i) / 400));
  const grid = { emaFast: [5, 10], emaSlow: [20, 40, 60] };
  const base = { timeframe: '1h' as const, folds: 4, optimizer: { method: 'grid' as const, grid }, cscvBlocks: 8, now: () => 0 };

  it('lays out rolling folds: equal out-of-sample windows ending at the last bar, each after a fixed-length in-sample window', async () => {
    const r = await walkForward(candles, base);
    // L = floor(3000 / (4 + 0.75 / 0.25)) = 428; first in-sample = 3000 - 4 * 428 = 1288 bars.
    expect(r.folds.map((f) => [f.inSample.startIndex, f.inSample.endIndex, f.outOfSample.startIndex, f.outOfSample.endIndex])).toEqual([
      [0, 1288, 1288, 1716],
      [428, 1716, 1716, 2144],
      [856, 2144, 2144, 2572],
      [1284, 2572, 2572, 3000],
    ]);
    const anchored = await walkForward(candles, { ...base, mode: 'anchored' });
    expect(anchored.folds.map((f) => f.inSample.startIndex)).toEqual([0, 0, 0, 0]);
    expect(anchored.folds.map((f) => f.outOfSample.startIndex)).toEqual([1288, 1716, 2144, 2572]);
  });

  it('chooses each fold parameters on its in-sample window only and evaluates them out of sample', async () => {
    const r = await walkForward(candles, base);
    const ev = new BacktestEvaluator(candles, resolveCosts({ timeframe: '1h' }));
    const strategy = getStrategy('emaCross');
    const space = resolveSpace(strategy, grid, undefined);
    const combos = Array.from(space.validIndices(), (i) => space.params(i));
    for (const f of r.folds) {
      const scores = combos.map((p) => scoreOf(ev.metrics(strategy, p, f.inSample.startIndex, f.inSample.endIndex), 'sharpe'));
      const best = scores.indexOf(Math.max(...scores));
      expect(f.params).toEqual(combos[best]);
      expect(f.outOfSampleMetrics).toEqual(ev.run(strategy, f.params, f.outOfSample.startIndex, f.outOfSample.endIndex).metrics);
      expect(f.evaluated).toBe(6);
    }
    expect(r.trials).toHaveLength(24);
    expect(r.trials.map((t) => t.fold)).toEqual([0, 1, 2, 3].flatMap((f) => new Array<number>(6).fill(f)));
  });

  it('chains the out-of-sample windows into one equity curve that compounds fold by fold', async () => {
    const r = await walkForward(candles, base);
    expect(r.oos.equity).toHaveLength(4 * 428);
    expect(r.oos.equity[0]).toBe(100_000);
    expect(r.oos.openTime[0]).toBe(1288 * HOUR);
    let capital = 100_000;
    r.folds.forEach((f, k) => {
      expect(r.oos.equity[k * 428]).toBeCloseTo(capital, 6);
      capital *= f.outOfSampleMetrics.finalEquity / 100_000;
    });
    expect(r.oos.metrics.finalEquity).toBeCloseTo(capital, 6);
    expect(r.oos.metrics.trades).toBe(r.folds.reduce((s, f) => s + f.outOfSampleMetrics.trades, 0));
    expect(Math.abs(r.oos.metrics.finalEquity - 100_000 - r.oos.trades.reduce((s, t) => s + t.pnl, 0))).toBeLessThan(1e-6);
    const eff = r.folds.map((f) => f.efficiency).filter((e): e is number => e !== null);
    expect(r.walkForwardEfficiency).toBeCloseTo(eff.reduce((a, b) => a + b, 0) / eff.length, 12);
  });

  it('reports PBO over the distinct candidates, DSR deflated by their number, and a Monte Carlo of the out-of-sample trades', async () => {
    const r = await walkForward(candles, base);
    expect(r.candidates).toBe(6);
    expect(r.pbo.candidates).toBe(6);
    expect(r.pbo.blocks).toBe(8);
    expect(r.pbo.combinations).toBe(70);
    expect(r.pbo.pbo).toBeGreaterThanOrEqual(0);
    expect(r.pbo.pbo).toBeLessThanOrEqual(1);
    expect(r.deflatedSharpe.trials).toBe(6);
    expect(r.deflatedSharpe.dsr).toBeLessThanOrEqual(r.deflatedSharpe.psr);
    expect(r.deflatedSharpe.benchmarkSharpe).toBeGreaterThan(0);
    expect(r.monteCarlo.trades).toBe(r.oos.trades.length);
    expect(r.monteCarlo.finalReturn.p5).toBeLessThanOrEqual(r.monteCarlo.finalReturn.p50);
    expect(r.monteCarlo.finalReturn.p50).toBeLessThanOrEqual(r.monteCarlo.finalReturn.p95);
  });

  it('weighs efficiency against the threshold and PBO against 50% for its verdict', async () => {
    const pbo = (p: number) => ({ pbo: p }) as Parameters<typeof foldsVerdict>[0]['pbo'];
    expect(foldsVerdict({ walkForwardEfficiency: null, pbo: pbo(0.1) }, 0.6).verdict).toBe('inconclusive');
    expect(foldsVerdict({ walkForwardEfficiency: 0.59, pbo: pbo(0.1) }, 0.6).verdict).toBe('overfit');
    expect(foldsVerdict({ walkForwardEfficiency: 0.9, pbo: pbo(0.51) }, 0.6).verdict).toBe('overfit');
    const robust = foldsVerdict({ walkForwardEfficiency: 0.6, pbo: pbo(0.5) }, 0.6);
    expect(robust).toEqual({
      verdict: 'robust',
      reasons: ['walk-forward efficiency 0.60 is at or above the threshold 0.6', 'probability of backtest overfitting 50% is at or below 50%'],
    });
    const r = await walkForward(candles, { ...base, threshold: 0.3 });
    expect(r.threshold).toBe(0.3);
    expect(r.verdict).toBe(foldsVerdict(r, 0.3).verdict);
    expect(r.overfitting).toBe(r.verdict === 'overfit');
    await expect(walkForward(candles, { ...base, threshold: -1 })).rejects.toThrow(/threshold must be a number in \[0, 10\]/);
  });

  it('gives a planted trend a Deflated Sharpe near 1 and pure noise a lower one', async () => {
    const trend = await walkForward(candles, base);
    const noise = await walkForward(driftSeries(3000, 7, () => 0), base);
    expect(trend.deflatedSharpe.dsr).toBeGreaterThan(0.99);
    expect(noise.deflatedSharpe.dsr).toBeLessThan(trend.deflatedSharpe.dsr);
    expect(noise.deflatedSharpe.dsr).toBeLessThan(0.95);
  });

  it('is deterministic with an injected clock, and runs TPE and genetic optimizers per fold', async () => {
    const a = await walkForward(candles, base);
    const b = await walkForward(candles, base);
    expect(JSON.stringify({ ...a, oos: { ...a.oos, equity: Array.from(a.oos.equity) } })).toBe(JSON.stringify({ ...b, oos: { ...b.oos, equity: Array.from(b.oos.equity) } }));
    const wide = { emaFast: [5, 8, 10, 15], emaSlow: [20, 30, 40, 60, 80] };
    const tpe = await walkForward(candles, { ...base, optimizer: { method: 'tpe', grid: wide, budget: 8, seed: 3 } });
    expect(tpe.method).toBe('tpe');
    expect(tpe.folds.every((f) => f.evaluated === 8)).toBe(true);
    const ga = await walkForward(candles, { ...base, optimizer: { method: 'genetic', grid: wide, budget: 8, seed: 3 } });
    expect(ga.trials).toHaveLength(32);
  });

  it('reports progress by phase and stops on an AbortSignal', async () => {
    const seen: WalkForwardProgress[] = [];
    await walkForward(candles, { ...base, onProgress: (p) => seen.push(p) });
    expect(seen[0]).toEqual({ phase: 'folds', done: 0, total: 4 });
    expect(seen.filter((p) => p.phase === 'folds').at(-1)).toEqual({ phase: 'folds', done: 4, total: 4 });
    expect(seen.at(-1)).toEqual({ phase: 'statistics', done: 1, total: 1 });
    const controller = new AbortController();
    const e = await errorOf(walkForward(candles, { ...base, signal: controller.signal, onProgress: (p) => p.phase === 'folds' && p.done === 1 && controller.abort() }));
    expect(e.code).toBe('CANCELLED');
  });

  it('rejects bad configurations with specific errors', async () => {
    expect((await errorOf(walkForward(candles, { ...base, optimizer: { method: 'random' } as never }))).field).toBe('optimizer.method');
    expect((await errorOf(walkForward(candles, { ...base, cscvBlocks: 7 }))).message).toMatch(/cscvBlocks must be an even integer in \[2, 20\]; got 7/);
    expect((await errorOf(walkForward(candles, { ...base, mode: 'expanding' as never }))).field).toBe('mode');
    expect((await errorOf(walkForward(candles, { ...base, inSampleRatio: 1 }))).field).toBe('inSampleRatio');
    const tooMany = await errorOf(walkForward(candles, { ...base, folds: 50, optimizer: { method: 'grid', grid: { emaFast: [5], emaSlow: [400] } } }));
    expect(tooMany.code).toBe('INSUFFICIENT_DATA');
    expect(tooMany.field).toBe('folds');
    expect(tooMany.message).toMatch(/^with 50 folds the in-sample window \(rolling, first fold\) has 200 bars but emaCross .* needs at least 402/);
  });
});
