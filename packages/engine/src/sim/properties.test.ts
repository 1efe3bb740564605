import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Candles } from '../candles';
import { createRng } from '../random';
import { IndicatorCache } from '../strategies/indicator-cache';
import { strategyRegistry } from '../strategies/registry';
import type { ParamValues } from '../strategies/types';
import { candlesArb, cloneCandles } from '../testing/synthetic';
import { runBacktest } from './backtest';
import { computeMetrics, tradeStatsFromTrades } from './metrics';

/** Small-period params per strategy so that 60-200 random bars produce trades. */
const paramsArb: Record<string, fc.Arbitrary<ParamValues>> = {
  emaCross: fc
    .record({ emaFast: fc.integer({ min: 2, max: 8 }), gap: fc.integer({ min: 1, max: 12 }), atr: fc.integer({ min: 2, max: 10 }), atrMult: fc.double({ min: 0.5, max: 5, noNaN: true }) })
    .map(({ gap, ...p }) => ({ ...p, emaSlow: p.emaFast + gap })),
  rsiReversion: fc.record({ rsi: fc.integer({ min: 2, max: 10 }), oversold: fc.integer({ min: 20, max: 45 }), overbought: fc.integer({ min: 55, max: 80 }), atr: fc.integer({ min: 2, max: 10 }), atrMult: fc.double({ min: 0.5, max: 5, noNaN: true }) }),
  donchianBreakout: fc.record({ entry: fc.integer({ min: 2, max: 15 }), exit: fc.integer({ min: 2, max: 10 }), atr: fc.integer({ min: 2, max: 10 }), atrMult: fc.double({ min: 0.5, max: 5, noNaN: true }) }),
  bollingerReversion: fc.record({ period: fc.integer({ min: 2, max: 15 }), stdDev: fc.double({ min: 0.5, max: 3, noNaN: true }), atr: fc.integer({ min: 2, max: 10 }), atrMult: fc.double({ min: 0.5, max: 5, noNaN: true }) }),
};

const caseArb = fc
  .constantFrom(...Object.keys(strategyRegistry))
  .chain((strategy) =>
    fc.record({
      strategy: fc.constant(strategy),
      params: paramsArb[strategy]!,
      direction: fc.constantFrom('long' as const, 'short' as const, 'both' as const),
      candles: candlesArb(60, 200),
      feeBps: fc.integer({ min: 0, max: 50 }),
      slippageBps: fc.integer({ min: 0, max: 20 }),
    }),
  );

/** Replaces every bar after i with an unrelated random walk (same timestamps), keeping the series valid. */
function rewriteAfter(c: Candles, i: number, seed: number): Candles {
  const d = cloneCandles(c);
  const rng = createRng(seed);
  let p = d.close[i]!;
  for (let k = i + 1; k < d.close.length; k++) {
    const o = p * Math.exp(0.05 * rng.normal());
    const cl = o * Math.exp(0.05 * rng.normal());
    d.open[k] = o;
    d.close[k] = cl;
    d.high[k] = Math.max(o, cl) * 1.01;
    d.low[k] = Math.min(o, cl) * 0.99;
    p = cl;
  }
  return d;
}

describe('simulator properties (fast-check, every strategy and direction)', () => {
  test.prop([caseArb, fc.double({ min: 0.05, max: 0.95, noNaN: true }), fc.integer({ min: 0, max: 1e6 })], { numRuns: 150 })(
    'no look-ahead: rewriting the bars after i changes no flag, equity point or closed trade at or before i',
    ({ strategy, params, direction, candles, feeBps, slippageBps }, frac, seed) => {
      const n = candles.close.length;
      const i = Math.floor(frac * (n - 2));
      const other = rewriteAfter(candles, i, seed);
      const req = { timeframe: '1h' as const, strategy, params: { ...params, direction }, feeBps, slippageBps };
      const a = runBacktest(candles, req);
      const b = runBacktest(other, req);
      expect(Array.from(b.equity.subarray(0, i + 1))).toEqual(Array.from(a.equity.subarray(0, i + 1)));
      const cut = candles.openTime[i]!;
      expect(b.trades.filter((t) => t.exitTime <= cut)).toEqual(a.trades.filter((t) => t.exitTime <= cut));
      const def = strategyRegistry[strategy]!;
      const fa = new Uint8Array(n);
      const fb = new Uint8Array(n);
      const full = { ...a.params };
      def.signals(new IndicatorCache(candles), full, fa, 0, n);
      def.signals(new IndicatorCache(other), full, fb, 0, n);
      expect(Array.from(fb.subarray(0, i + 1))).toEqual(Array.from(fa.subarray(0, i + 1)));
    },
  );

  test.prop([caseArb], { numRuns: 150 })('equity identity: final equity = initial capital + sum of trade pnl, and equity[0] = initial capital', ({ strategy, params, direction, candles, feeBps, slippageBps }) => {
    const r = runBacktest(candles, { timeframe: '1h', strategy, params: { ...params, direction }, feeBps, slippageBps, initialCapital: 50_000 });
    const sum = r.trades.reduce((s, t) => s + t.pnl, 0);
    expect(r.equity[0]).toBe(50_000);
    expect(r.metrics.finalEquity).toBe(r.equity[r.equity.length - 1]);
    expect(Math.abs(r.metrics.finalEquity - (50_000 + sum))).toBeLessThanOrEqual(1e-9 * 50_000);
  });

  test.prop([caseArb, fc.integer({ min: 1, max: 100 })], { numRuns: 150 })('fees never raise final equity', ({ strategy, params, direction, candles, feeBps, slippageBps }, extra) => {
    const base = { timeframe: '1h' as const, strategy, params: { ...params, direction }, slippageBps };
    const lo = runBacktest(candles, { ...base, feeBps });
    const hi = runBacktest(candles, { ...base, feeBps: feeBps + extra });
    // Fees change neither signals nor stop levels, so both runs trade the same bars; each trade's
    // equity factor shrinks with the fee as long as no short lost the whole account.
    fc.pre(lo.trades.every((t) => t.return > -1) && hi.trades.every((t) => t.return > -1));
    expect(hi.trades.map((t) => [t.entryTime, t.exitTime])).toEqual(lo.trades.map((t) => [t.entryTime, t.exitTime]));
    expect(hi.metrics.finalEquity).toBeLessThanOrEqual(lo.metrics.finalEquity * (1 + 1e-12));
  });

  test.prop([caseArb], { numRuns: 100 })('trades are chronological and never overlap; exposure is in [0, 1]', ({ strategy, params, direction, candles, feeBps, slippageBps }) => {
    const r = runBacktest(candles, { timeframe: '1h', strategy, params: { ...params, direction }, feeBps, slippageBps });
    for (let k = 0; k < r.trades.length; k++) {
      const t = r.trades[k]!;
      expect(t.exitTime).toBeGreaterThanOrEqual(t.entryTime);
      expect(t.barsHeld).toBeGreaterThanOrEqual(1);
      if (k > 0) expect(t.entryTime).toBeGreaterThanOrEqual(r.trades[k - 1]!.exitTime);
    }
    expect(r.metrics.exposure).toBeGreaterThanOrEqual(0);
    expect(r.metrics.exposure).toBeLessThanOrEqual(1);
  });

  test.prop([caseArb], { numRuns: 100 })('metrics accumulated during the simulation equal, bit for bit, the metrics recomputed from the finished curve', ({ strategy, params, direction, candles, feeBps, slippageBps }) => {
    const r = runBacktest(candles, { timeframe: '1h', strategy, params: { ...params, direction }, feeBps, slippageBps });
    const n = r.equity.length;
    const again = computeMetrics(r.equity, n, tradeStatsFromTrades(r.trades), 8760, 100_000, candles.openTime[0]!, candles.openTime[n - 1]!);
    expect(again).toEqual(r.metrics);
  });
});
