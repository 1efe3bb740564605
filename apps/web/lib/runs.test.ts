import { describe, expect, it } from 'vitest';
import { describeRun, reopenHref } from './runs';

describe('describeRun', () => {
  it('reads a backtest run as stored by the API (dates as epoch ms, defaults filled)', () => {
    const run = {
      kind: 'run' as const,
      request: { exchange: 'demo', symbol: 'BTCUSDT', timeframe: '1h', start: 1704067200000, end: 1709251200000, strategy: { name: 'emaCross', params: { emaFast: 20 } } },
      summary: { sharpe: 1.25, totalReturn: 0.042, bars: 1440, source: 'demo' },
    };
    expect(describeRun(run)).toEqual({ market: 'BTCUSDT · 1h · demo', strategy: 'emaCross', headline: { kind: 'metrics', sharpe: 1.25, totalReturn: 0.042 } });
    expect(reopenHref(run)).toBe(
      '/backtest?exchange=demo&symbol=BTCUSDT&timeframe=1h&start=2024-01-01&end=2024-03-01&strategy.name=emaCross&strategy.params.emaFast=20&initialCapital=100000&feeBps=10&slippageBps=0',
    );
  });

  it('summarises long symbol lists and walk-forward verdicts', () => {
    const d = describeRun({ kind: 'walkforward', request: { symbols: ['A'], symbol: 'ETHUSDT', timeframe: '4h' }, summary: { kind: 'simple', verdict: 'robust', ratio: 0.8 } });
    expect(d.headline).toEqual({ kind: 'verdict', verdict: 'robust', ratio: 0.8, pbo: null });
    const p = describeRun({ kind: 'portfolio', request: { symbols: ['A1', 'B1', 'C1', 'D1', 'E1'], timeframe: '1d', exchange: 'demo' }, summary: null });
    expect(p).toEqual({ market: 'A1, B1, C1 +2 · 1d · demo', strategy: null, headline: { kind: 'none' } });
  });

  it('does not offer to reopen a run made on inline candles', () => {
    const run = { kind: 'run' as const, request: { candles: { inlineRows: 400 }, timeframe: '1h' }, summary: {} };
    expect(describeRun(run).market).toBe('inline candles · 1h');
    expect(reopenHref(run)).toBeNull();
  });
});
