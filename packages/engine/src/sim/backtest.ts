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
  const scratch = workspace(n);
  const cache = new IndicatorCache(candles, scratch.take);
  const flags = scratch.flags;
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

/**
 * Memory for the flags and indicator series of a single backtest, which never
 * leave the call (indicators are copied when returned). Reusing it across
 * calls spares allocating and page-faulting several arrays per backtest, a
 * real share of a 50,000-bar run. Reuse is capped at 24 MB so that one huge
 * series does not pin memory for the life of the process.
 */
const MAX_SCRATCH_DOUBLES = 3_000_000;
const SERIES_PER_BACKTEST = 6;
let scratchF64 = new Float64Array(0);
let scratchFlags = new Uint8Array(0);

function workspace(n: number): { flags: Uint8Array; take: (length: number) => Float64Array } {
  const want = SERIES_PER_BACKTEST * n;
  if (want > MAX_SCRATCH_DOUBLES) return { flags: new Uint8Array(n), take: (length) => new Float64Array(length) };
  if (scratchF64.length < want) scratchF64 = new Float64Array(want);
  if (scratchFlags.length < n) scratchFlags = new Uint8Array(n);
  let offset = 0;
  const arena = scratchF64;
  return {
    flags: scratchFlags.subarray(0, n),
    // Kernels overwrite every element (warm-up included), so stale contents never show through.
    take: (length) => {
      if (offset + length > arena.length) return new Float64Array(length);
      const view = arena.subarray(offset, offset + length);
      offset += length;
      return view;
    },
  };
}
