import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { candlesFromRows, sliceCandles, type Candles } from '../candles';
import { EngineError } from '../errors';
import { runBacktest } from '../sim/backtest';
import { hasRealData, loadCandles, missingDataMessage } from '../testing/real-data';
import { randomWalkCandles } from '../testing/synthetic';
import { runPortfolio, type PortfolioOptions } from './portfolio';

const HOUR = 3_600_000;
const opts: PortfolioOptions = { timeframe: '1h', params: { emaFast: 8, emaSlow: 30 } };
const a = randomWalkCandles(1500, 1, { vol: 0.012 });
const b = randomWalkCandles(1500, 2, { vol: 0.012 });
const c = randomWalkCandles(1500, 3, { vol: 0.02 });

function errorOf(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

/** Drops the bars at the given indices (an exchange halt in one series only). */
function withGaps(candles: Candles, drop: number[]): Candles {
  const keep = Array.from({ length: candles.close.length }, (_, i) => i).filter((i) => !drop.includes(i));
  return candlesFromRows(keep.map((i) => [candles.openTime[i]!, candles.open[i]!, candles.high[i]!, candles.low[i]!, candles.close[i]!, candles.volume[i]!]));
}

describe('runPortfolio', () => {
  it("gives each symbol's standalone equity on the common timestamps", () => {
    const gapped = withGaps(b, [10, 11, 500]);
    const r = runPortfolio([{ symbol: 'A', candles: a }, { symbol: 'B', candles: gapped }], opts);
    expect(r.timestamps.length).toBe(1497);
    const standalone = [runBacktest(a, opts), runBacktest(gapped, opts)];
    [a, gapped].forEach((series, s) => {
      const aligned = r.perSymbol[s]!.alignedEquity;
      expect(aligned.length).toBe(r.timestamps.length);
      for (const t of [0, 9, 10, 600, 1496]) {
        const i = series.openTime.indexOf(r.timestamps[t]!);
        expect(aligned[t]).toBe(standalone[s]!.equity[i]);
      }
    });
  });

  it('with one symbol is exactly that symbol strategy', () => {
    const r = runPortfolio([{ symbol: 'AAA', candles: a }], opts);
    const single = runBacktest(a, opts);
    expect(Array.from(r.equity)).toEqual(Array.from(single.equity).map((x) => expect.closeTo(x, 6)));
    expect(r.correlation).toEqual([[1]]);
    expect(r.avgCorrelation).toBe(0);
    expect(r.perSymbol[0]!.metrics).toEqual(single.metrics);
    expect(r.metrics.sharpe).toBeCloseTo(single.metrics.sharpe, 10);
    expect(r.diversificationBenefit).toBeCloseTo(0, 10);
  });

  it('without rebalancing holds each sleeve as weight x capital x its strategy growth', () => {
    const weights = [0.5, 0.3, 0.2];
    const r = runPortfolio(
      [
        { symbol: 'A', candles: a },
        { symbol: 'B', candles: b },
        { symbol: 'C', candles: c },
      ],
      { ...opts, weights },
    );
    const eq = [a, b, c].map((x) => runBacktest(x, opts).equity);
    for (const t of [0, 100, 777, 1499]) {
      const expected = weights.reduce((s, w, k) => s + w * eq[k]![t]!, 0);
      expect(r.equity[t]).toBeCloseTo(expected, 6);
    }
    expect(r.equity[0]).toBe(100_000);
    expect(r.turnover).toBe(0);
    expect(r.totalCosts).toBe(0);
    expect(r.individualAvgSharpe).toBeCloseTo((r.perSymbol[0]!.alignedSharpe + r.perSymbol[1]!.alignedSharpe + r.perSymbol[2]!.alignedSharpe) / 3, 14);
    expect(r.diversificationBenefit).toBeCloseTo(r.metrics.sharpe - r.individualAvgSharpe, 14);
  });

  it('aligns the curves on the timestamps every series has', () => {
    const gappy = withGaps(b, [10, 11, 500]);
    const r = runPortfolio(
      [
        { symbol: 'A', candles: sliceCandles(a, 5, 1500) },
        { symbol: 'B', candles: gappy },
      ],
      opts,
    );
    expect(r.timestamps).toHaveLength(1495 - 3);
    expect(r.timestamps[0]).toBe(a.openTime[5]);
    expect(Array.from(r.timestamps).includes(b.openTime[500]!)).toBe(false);
    expect(r.equity).toHaveLength(r.timestamps.length);
  });

  it('gives two identical series a correlation of exactly 1 and no diversification benefit', () => {
    const r = runPortfolio(
      [
        { symbol: 'X', candles: a },
        { symbol: 'Y', candles: a },
      ],
      opts,
    );
    expect(r.correlation[0]![1]).toBeCloseTo(1, 14);
    expect(r.avgCorrelation).toBeCloseTo(1, 14);
    expect(r.diversificationBenefit).toBeCloseTo(0, 10);
  });

  it('rebalances daily or weekly, charging fee + slippage on the notional traded by invested sleeves', () => {
    const series = [
      { symbol: 'A', candles: a },
      { symbol: 'B', candles: b },
    ];
    const daily = runPortfolio(series, { ...opts, rebalance: 'daily', feeBps: 10, slippageBps: 5 });
    const weekly = runPortfolio(series, { ...opts, rebalance: 'weekly', feeBps: 10, slippageBps: 5 });
    expect(daily.rebalances).toBeGreaterThan(weekly.rebalances);
    expect(daily.rebalances).toBeLessThanOrEqual(Math.ceil(1500 / 24));
    expect(weekly.rebalances).toBeLessThanOrEqual(Math.ceil(1500 / 168) + 1);
    const meanEquity = daily.equity.reduce((s, x) => s + x, 0) / daily.equity.length;
    // Costs are exactly the traded notional times 15 bps.
    expect(daily.totalCosts).toBeCloseTo(daily.turnover * meanEquity * 0.0015, 6);
    expect(daily.totalCosts).toBeGreaterThan(0);
    const free = runPortfolio(series, { ...opts, rebalance: 'daily', feeBps: 0, slippageBps: 0 });
    expect(free.totalCosts).toBe(0);
    expect(free.turnover).toBeGreaterThan(0);
  });

  it('skips rebalance trades below minTrade', () => {
    const series = [
      { symbol: 'A', candles: a },
      { symbol: 'B', candles: b },
    ];
    const all = runPortfolio(series, { ...opts, rebalance: 'daily' });
    const some = runPortfolio(series, { ...opts, rebalance: 'daily', minTrade: 2_000 });
    const none = runPortfolio(series, { ...opts, rebalance: 'daily', minTrade: 1e12 });
    expect(some.turnover).toBeLessThan(all.turnover);
    expect(none.turnover).toBe(0);
    expect(none.totalCosts).toBe(0);
  });

  it('validates symbols, weights and options with specific errors', () => {
    const two = [
      { symbol: 'A', candles: a },
      { symbol: 'B', candles: b },
    ];
    expect(errorOf(() => runPortfolio([], opts)).message).toMatch(/series must list 1 to 10 symbols; got 0/);
    expect(errorOf(() => runPortfolio(Array.from({ length: 11 }, (_, k) => ({ symbol: `S${k}`, candles: a })), opts)).field).toBe('series');
    expect(errorOf(() => runPortfolio([two[0]!, { symbol: 'A', candles: b }], opts)).message).toMatch(/"A" appears twice/);
    expect(errorOf(() => runPortfolio(two, { ...opts, weights: [0.5, 0.4] })).message).toMatch(/weights must sum to 1 within 0.000001; they sum to 0.9/);
    expect(errorOf(() => runPortfolio(two, { ...opts, weights: [1.2, -0.2] })).field).toBe('weights[1]');
    expect(errorOf(() => runPortfolio(two, { ...opts, weights: [1] })).message).toMatch(/one weight per symbol \(2\)/);
    expect(errorOf(() => runPortfolio(two, { ...opts, rebalance: 'monthly' as never })).field).toBe('rebalance');
    expect(errorOf(() => runPortfolio(two, { ...opts, minTrade: -5 })).field).toBe('minTrade');
    const disjoint = candlesFromRows(Array.from({ length: 100 }, (_, i) => [1e13 + i * HOUR, 1, 1, 1, 1, 1]));
    expect(errorOf(() => runPortfolio([two[0]!, { symbol: 'Z', candles: disjoint }], { ...opts, params: { emaFast: 3, emaSlow: 5 } })).code).toBe('INSUFFICIENT_DATA');
    expect(errorOf(() => runPortfolio([{ symbol: 'A', candles: { ...a, close: new Float64Array(3) } }], opts)).field).toBe('series[0].candles.close');
  });

  test.prop([fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 4 }).filter((w) => w.reduce((s, x) => s + x, 0) > 0.01)], { numRuns: 25 })(
    'accepts any non-negative weights summing to 1 and starts the portfolio at the initial capital',
    (raw) => {
      const total = raw.reduce((s, x) => s + x, 0);
      const weights = raw.map((x) => x / total);
      const series = [a, b, c, a].slice(0, weights.length).map((candles, k) => ({ symbol: `S${k}`, candles }));
      const r = runPortfolio(series, { ...opts, weights, rebalance: 'weekly' });
      expect(r.equity[0]).toBeCloseTo(100_000, 6);
      expect(r.weights).toEqual(weights);
      expect(r.correlation.every((row, i) => row[i] === 1 && row.every((v, j) => v === r.correlation[j]![i]))).toBe(true);
    },
  );
});

describe.skipIf(!hasRealData('BTCUSDT-1h.csv', 'ETHUSDT-1h.csv', 'BNBUSDT-1h.csv'))('runPortfolio on BTC, ETH and BNB 1h (2022-2025)', () => {
  it('aligns the three series on their 35,063 shared hours and reports a sane correlation matrix', () => {
    const series = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'].map((s) => ({ symbol: s, candles: loadCandles(`${s}-1h.csv`) }));
    const r = runPortfolio(series, { timeframe: '1h', rebalance: 'weekly', minTrade: 100 });
    expect(r.timestamps).toHaveLength(35_063);
    // Strategy returns of large caps co-move, but less than the assets themselves.
    expect(r.correlation[0]![1]).toBeGreaterThan(0.3);
    expect(r.avgCorrelation).toBeGreaterThan(0.2);
    expect(r.avgCorrelation).toBeLessThan(0.9);
    expect(r.rebalances).toBeGreaterThan(100);
    expect(r.metrics.maxDrawdown).toBeLessThan(0);
  });
});

if (!hasRealData('BTCUSDT-1h.csv', 'ETHUSDT-1h.csv', 'BNBUSDT-1h.csv')) {
  describe('runPortfolio on real data', () => {
    it.skip(missingDataMessage('BTCUSDT-1h.csv', 'ETHUSDT-1h.csv', 'BNBUSDT-1h.csv'), () => {});
  });
}
