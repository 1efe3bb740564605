import { describe, expect, it } from 'vitest';
import { MS_PER_YEAR } from '../candles';
import { computeMetrics, drawdownInto, tradeStatsFromTrades } from './metrics';
import type { Trade } from './types';

const trade = (pnl: number, ret = pnl / 1000, barsHeld = 1): Trade => ({
  entryTime: 0,
  exitTime: 0,
  side: 'long',
  entryPrice: 1,
  exitPrice: 1,
  qty: 1,
  fees: 0,
  pnl,
  return: ret,
  barsHeld,
  reason: 'signal',
});

describe('computeMetrics (hand-worked: equity 100, 110, 99, 121 over exactly one year of 1h bars)', () => {
  const equity = Float64Array.from([100, 110, 99, 121]);
  const trades = [10, -5, -3, 8, -2, -1, -4].map((p) => trade(p, p / 100, 1));
  const m = computeMetrics(equity, 4, tradeStatsFromTrades(trades), 8760, 100, 0, MS_PER_YEAR);
  // Bar returns: 0.1, -0.1, 121/99 - 1 = 2/9.
  const r = [0.1, -0.1, 2 / 9];
  const mean = (0.1 - 0.1 + 2 / 9) / 3;
  const sd = Math.sqrt(r.reduce((s, x) => s + (x - mean) ** 2, 0) / 2);
  const downside = Math.sqrt(0.01 / 3);

  it('annualises Sharpe and Sortino with sqrt(periods per year)', () => {
    expect(m.sharpe).toBeCloseTo((mean / sd) * Math.sqrt(8760), 10);
    expect(m.sortino).toBeCloseTo((mean / downside) * Math.sqrt(8760), 10);
  });

  it('reports max drawdown as a negative fraction, and returns, CAGR and Calmar from it', () => {
    expect(m.maxDrawdown).toBeCloseTo(99 / 110 - 1, 15);
    expect(m.totalReturn).toBeCloseTo(0.21, 15);
    expect(m.pnl).toBeCloseTo(21, 12);
    expect(m.cagr).toBeCloseTo(0.21, 12);
    expect(m.calmar).toBeCloseTo(0.21 / 0.1, 10);
    expect(m.finalEquity).toBe(121);
  });

  it('derives trade statistics: win rate, profit factor, average return, losing streak, exposure', () => {
    expect(m.trades).toBe(7);
    expect(m.winRate).toBeCloseTo(2 / 7, 15);
    expect(m.profitFactor).toBeCloseTo(18 / 15, 15);
    expect(m.avgTradeReturn).toBeCloseTo(3 / 700, 15);
    expect(m.maxConsecutiveLosses).toBe(3);
    expect(m.exposure).toBeCloseTo(7 / 4, 15);
  });
});

describe('computeMetrics edge cases', () => {
  it('gives profitFactor null when no trade lost money, and zero ratios for a flat curve', () => {
    const m = computeMetrics(Float64Array.from([100, 100, 100]), 3, tradeStatsFromTrades([trade(5)]), 8760, 100, 0, 7_200_000);
    expect(m.profitFactor).toBeNull();
    expect(m.sharpe).toBe(0);
    expect(m.sortino).toBe(0);
    expect(m.maxDrawdown).toBe(0);
    expect(m.calmar).toBe(0);
  });

  it('gives zeros rather than NaN without trades or for a single bar', () => {
    const m = computeMetrics(Float64Array.from([100]), 1, tradeStatsFromTrades([]), 8760, 100, 0, 0);
    expect(Object.values(m).every((v) => v === null || Number.isFinite(v))).toBe(true);
    expect(m.winRate).toBe(0);
    expect(m.avgTradeReturn).toBe(0);
    expect(m.cagr).toBe(0);
  });
});

describe('drawdownInto', () => {
  it('is E / running peak - 1 at every bar', () => {
    expect(Array.from(drawdownInto(new Float64Array(5), Float64Array.from([100, 120, 90, 130, 65]), 5))).toEqual([0, 0, 90 / 120 - 1, 0, -0.5].map((x) => expect.closeTo(x, 15)));
  });
});
