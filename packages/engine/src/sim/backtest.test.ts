import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import { randomWalkCandles } from '../testing/synthetic';
import { runBacktest } from './backtest';
import type { BacktestRequest } from './request';

const candles = randomWalkCandles(400, 5, { vol: 0.02 });

function errorOf(req: Partial<BacktestRequest> & Record<string, unknown>, c = candles): EngineError {
  try {
    runBacktest(c, { timeframe: '1h', ...req } as BacktestRequest);
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

describe('runBacktest requests', () => {
  it('defaults to emaCross 20/50 with ATR 14 x 2, long only, 100000 capital, 10 bps fee, 0 slippage', () => {
    const r = runBacktest(candles, { timeframe: '1h' });
    expect(r.strategy).toBe('emaCross');
    expect(r.params).toEqual({ emaFast: 20, emaSlow: 50, atr: 14, atrMult: 2, direction: 'long' });
    expect(r.equity[0]).toBe(100_000);
    expect(r.trades.every((t) => t.side === 'long')).toBe(true);
    const t = r.trades[0]!;
    expect(t.fees).toBeCloseTo(0.001 * t.qty * (t.entryPrice + t.exitPrice), 9);
  });

  it('returns one equity and drawdown point per bar and, on request, the indicator series', () => {
    const r = runBacktest(candles, { timeframe: '1h', includeIndicators: true, params: { emaFast: 9, emaSlow: 21 } });
    expect(r.bars).toBe(400);
    expect(r.equity).toHaveLength(400);
    expect(r.drawdown).toHaveLength(400);
    expect(r.indicators?.map((s) => [s.name, s.label, s.values.length])).toEqual([
      ['emaFast', 'EMA 9', 400],
      ['emaSlow', 'EMA 21', 400],
      ['atr', 'ATR 14', 400],
    ]);
    expect(Number.isNaN(r.indicators![0]!.values[7]!)).toBe(true);
    expect(Number.isNaN(r.indicators![0]!.values[8]!)).toBe(false);
    expect(runBacktest(candles, { timeframe: '1h' }).indicators).toBeUndefined();
  });

  it('is deterministic: the same input gives the same result, byte for byte', () => {
    const req: BacktestRequest = { timeframe: '1h', strategy: 'bollingerReversion', direction: 'both', slippageBps: 3 };
    const a = runBacktest(candles, req);
    const b = runBacktest(candles, req);
    expect(Buffer.from(a.equity.buffer).equals(Buffer.from(b.equity.buffer))).toBe(true);
    expect(JSON.stringify(a.trades)).toBe(JSON.stringify(b.trades));
    expect(a.metrics).toEqual(b.metrics);
  });

  it('hands out results that later backtests never overwrite', () => {
    const a = runBacktest(candles, { timeframe: '1h', includeIndicators: true, params: { emaFast: 5, emaSlow: 30 } });
    const snapshot = a.indicators!.map((s) => Array.from(s.values));
    const equity = Array.from(a.equity);
    runBacktest(candles, { timeframe: '1h', includeIndicators: true, params: { emaFast: 12, emaSlow: 40 } });
    runBacktest(randomWalkCandles(400, 99), { timeframe: '1h', strategy: 'donchianBreakout' });
    expect(a.indicators!.map((s) => Array.from(s.values))).toEqual(snapshot);
    expect(Array.from(a.equity)).toEqual(equity);
  });

  it('runs every registered strategy on the same simulator', () => {
    for (const strategy of ['emaCross', 'rsiReversion', 'donchianBreakout', 'bollingerReversion']) {
      const r = runBacktest(candles, { timeframe: '1h', strategy, direction: 'both' });
      expect(r.strategy).toBe(strategy);
      expect(r.metrics.trades).toBeGreaterThan(0);
    }
  });

  const bad: [string, Record<string, unknown>, string, string, RegExp][] = [
    ['an unknown strategy', { strategy: 'macd' }, 'INVALID_CONFIG', 'strategy', /strategy must be one of emaCross, rsiReversion, donchianBreakout, bollingerReversion; got "macd"/],
    ['an unknown timeframe', { timeframe: '2h' }, 'INVALID_CONFIG', 'timeframe', /timeframe must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d; got "2h"/],
    ['a negative fee', { feeBps: -1 }, 'INVALID_CONFIG', 'feeBps', /feeBps must be a finite number in \[0, 1000\]; got -1/],
    ['a NaN slippage', { slippageBps: NaN }, 'INVALID_CONFIG', 'slippageBps', /got NaN/],
    ['a zero capital', { initialCapital: 0 }, 'INVALID_CONFIG', 'initialCapital', /initialCapital must be a finite number in \(0, 1000000000000000\]; got 0/],
    ['emaSlow not above emaFast', { params: { emaFast: 30, emaSlow: 30 } }, 'INVALID_PARAMS', 'strategy.params.emaSlow', /emaSlow must be greater than emaFast \(30\); got 30/],
    ['a fractional period', { params: { emaFast: 2.5 } }, 'INVALID_PARAMS', 'strategy.params.emaFast', /must be an integer in \[2, 1000\]; got 2.5/],
    ['a zero ATR multiple', { params: { atrMult: 0 } }, 'INVALID_PARAMS', 'strategy.params.atrMult', /must be a number in \(0, 50\]; got 0/],
    ['an unknown parameter', { params: { emaMedium: 3 } }, 'INVALID_PARAMS', 'strategy.params.emaMedium', /is not a parameter of emaCross; allowed: emaFast, emaSlow, atr, atrMult, direction/],
    ['a bad direction', { direction: 'sideways' }, 'INVALID_CONFIG', 'direction', /direction must be one of long, short, both; got "sideways"/],
    ['contradicting directions', { direction: 'short', params: { direction: 'long' } }, 'INVALID_CONFIG', 'direction', /contradicts strategy.params.direction/],
    ['a non-boolean includeIndicators', { includeIndicators: 'yes' }, 'INVALID_CONFIG', 'includeIndicators', /must be a boolean/],
  ];
  it.each(bad)('rejects %s with a specific error', (_, req, code, field, message) => {
    const e = errorOf(req);
    expect(e.code).toBe(code);
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  it('says how many bars the parameters need when there are too few', () => {
    const e = errorOf({ params: { emaSlow: 450 } });
    expect(e.code).toBe('INSUFFICIENT_DATA');
    expect(e.message).toBe('candles has 400 bars but emaCross with emaFast=20, emaSlow=450, atr=14, atrMult=2, direction=long needs at least 452 (indicator warm-up plus one bar to trade on)');
  });
});
