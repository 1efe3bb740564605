import { validateCandles, type Candles } from '../candles';
import { IndicatorCache } from '../strategies/indicator-cache';
import type { IndicatorSeries, ParamValues } from '../strategies/types';
import { drawdownInto, metricsFromStats } from './metrics';
import { assertEnoughBars, resolveBacktestRequest, simConfig, type BacktestRequest } from './request';
import { createTradeStats, simulate } from './simulate';
import type { Metrics, Trade } from './types';

export interface BacktestResult {
  strategy: string;
  /** Parameters as run, defaults filled in. */
  params: ParamValues;
  metrics: Metrics;
  trades: Trade[];
  /** Equity at each bar close, aligned with candles.openTime; equity[0] = initialCapital. */
  equity: Float64Array;
  /** equity / running peak - 1 at each bar (<= 0). */
  drawdown: Float64Array;
  /** Present when includeIndicators was true. */
  indicators?: IndicatorSeries[];
  bars: number;
}

/**
 * Runs one strategy over a validated candle series with the shared simulator.
 * Throws EngineError on bad candles (INVALID_CANDLES), unknown strategy or bad
 * costs (INVALID_CONFIG), bad parameters (INVALID_PARAMS) or too few bars for
 * the indicators (INSUFFICIENT_DATA).
 */
export function runBacktest(candles: Candles, request: BacktestRequest): BacktestResult {
  const req = resolveBacktestRequest(request);
  validateCandles(candles);
  const n = candles.close.length;
  assertEnoughBars(req.strategy, req.params, n);
  const cache = new IndicatorCache(candles);
  const flags = new Uint8Array(n);
  const stop = req.strategy.signals(cache, req.params, flags, 0, n);
  const equity = new Float64Array(n);
  const tradeStats = createTradeStats();
  const trades: Trade[] = [];
  const finalEquity = simulate(candles, flags, stop.stopAtr, stop.stopMult, simConfig(req, req.params), 0, n, {
    equity,
    tradeStats,
    trades,
    position: null,
  });
  const drawdown = drawdownInto(new Float64Array(n), equity, n);
  const metrics = metricsFromStats(tradeStats, n, finalEquity, req.periodsPerYear, req.initialCapital, candles.openTime[0]!, candles.openTime[n - 1]!);
  const result: BacktestResult = { strategy: req.strategy.name, params: req.params, metrics, trades, equity, drawdown, bars: n };
  if (req.includeIndicators) {
    result.indicators = req.strategy.indicators(cache, req.params).map((s) => ({ ...s, values: s.values.slice() }));
  }
  return result;
}
