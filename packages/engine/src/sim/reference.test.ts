import { describe, expect, it } from 'vitest';
import { tightEmaCross } from '../../bench/tight-loop';
import { periodsPerYear, type Timeframe } from '../candles';
import { hasRealData, loadCandles, missingDataMessage } from '../testing/real-data';
import { runBacktest } from './backtest';

// bench/tight-loop.ts is the emaCross contract written independently as one loop (the benchmark's
// speed reference); on real candles the engine must reproduce it.
const files: [string, Timeframe][] = [
  ['BTCUSDT-1h.csv', '1h'],
  ['ETHUSDT-1h.csv', '1h'],
  ['BTCUSDT-1m.csv', '1m'],
];
const params: [number, number, number, number, number][] = [
  [20, 50, 14, 2, 0],
  [5, 200, 7, 1, 5],
  [12, 26, 30, 3, 2],
  [50, 100, 14, 0.5, 10],
];

describe.each(files)('engine vs the independent single-loop emaCross on %s', (file, timeframe) => {
  it.skipIf(!hasRealData(file)).each(params)(
    'emaFast %i, emaSlow %i, atr %i, atrMult %d, slippage %i bps: same trades, final equity, Sharpe and drawdown',
    (fast, slow, atr, mult, slip) => {
      const c = loadCandles(file);
      const e = runBacktest(c, { timeframe, params: { emaFast: fast, emaSlow: slow, atr, atrMult: mult }, slippageBps: slip });
      const t = tightEmaCross(c.open, c.high, c.low, c.close, fast, slow, atr, mult, 0.001, slip / 10_000, 100_000, periodsPerYear(timeframe));
      expect(e.metrics.trades).toBe(t.trades);
      expect(e.metrics.trades).toBeGreaterThan(10);
      expect(Math.abs(e.metrics.finalEquity / t.finalEquity - 1)).toBeLessThan(1e-9);
      expect(e.metrics.sharpe).toBeCloseTo(t.sharpe, 8);
      expect(e.metrics.maxDrawdown).toBeCloseTo(t.maxDrawdown, 10);
    },
  );
  if (!hasRealData(file)) it.skip(missingDataMessage(file), () => {});
});
