import type { Candles } from '../candles';
import { IndicatorCache } from '../strategies/indicator-cache';
import type { ParamValues, StrategyDefinition } from '../strategies/types';
import { metricsFromStats } from './metrics';
import { simConfig, type ResolvedCosts } from './request';
import { createTradeStats, simulate } from './simulate';
import type { Metrics, Trade } from './types';

export interface WindowRun {
  metrics: Metrics;
  /** Equity at each bar close of the window (a copy the caller owns). */
  equity: Float64Array;
  trades: Trade[];
  /** Position at each bar close of the window (1, -1, 0). */
  position: Int8Array;
}

/**
 * Runs many backtests over windows of one validated candle series, reusing
 * one indicator cache and one set of work buffers: the optimizer's and the
 * walk-forward's inner loop. Windows [start, end) start flat with the initial
 * capital, trade only on signals decided inside the window, and count only
 * their own returns; indicators come from the whole series, so bars before
 * `start` serve as warm-up and nothing after a bar is ever read.
 */
export class BacktestEvaluator {
  readonly candles: Candles;
  readonly cache: IndicatorCache;
  costs: ResolvedCosts;
  private readonly flags: Uint8Array;
  private readonly equity: Float64Array;
  private readonly tradeStats = createTradeStats();

  constructor(candles: Candles, costs: ResolvedCosts, cache: IndicatorCache = new IndicatorCache(candles)) {
    this.candles = candles;
    this.costs = costs;
    this.cache = cache;
    this.flags = new Uint8Array(candles.close.length);
    this.equity = new Float64Array(candles.close.length);
  }

  get bars(): number {
    return this.candles.close.length;
  }

  /**
   * Metrics of one window without keeping trades or the equity curve. When
   * `blockStats` is given (length 3 * blocks), the window's bar returns are
   * split into `blocks` contiguous blocks and [count, sum, sum of squares] of
   * each block are written there (the input of PBO by CSCV).
   */
  metrics(strategy: StrategyDefinition, params: ParamValues, start: number, end: number, blockStats: Float64Array | null = null): Metrics {
    const stop = strategy.signals(this.cache, params, this.flags, start, end);
    const finalEquity = simulate(this.candles, this.flags, stop.stopAtr, stop.stopMult, simConfig(this.costs, params), start, end, {
      equity: this.equity,
      tradeStats: this.tradeStats,
      trades: null,
      position: null,
    });
    const len = end - start;
    if (blockStats !== null) writeBlockStats(this.equity, len, blockStats);
    const t = this.candles.openTime;
    return metricsFromStats(this.tradeStats, len, finalEquity, this.costs.periodsPerYear, this.costs.initialCapital, t[start]!, t[end - 1]!);
  }

  /** A full window run with trades, equity and positions copied out. */
  run(strategy: StrategyDefinition, params: ParamValues, start: number, end: number): WindowRun {
    const len = end - start;
    const stop = strategy.signals(this.cache, params, this.flags, start, end);
    const equity = new Float64Array(len);
    const position = new Int8Array(len);
    const trades: Trade[] = [];
    const finalEquity = simulate(this.candles, this.flags, stop.stopAtr, stop.stopMult, simConfig(this.costs, params), start, end, {
      equity,
      tradeStats: this.tradeStats,
      trades,
      position,
    });
    const t = this.candles.openTime;
    const metrics = metricsFromStats(this.tradeStats, len, finalEquity, this.costs.periodsPerYear, this.costs.initialCapital, t[start]!, t[end - 1]!);
    return { metrics, equity, trades, position };
  }
}

/**
 * Splits the bar returns of equity[0..len) into `blocks` contiguous groups
 * (block b holds returns [floor(b*m/S), floor((b+1)*m/S)) with m = len - 1)
 * and writes [count, sum, sumOfSquares] per block into out[3b..3b+2].
 */
export function writeBlockStats(equity: Float64Array, len: number, out: Float64Array): void {
  const blocks = out.length / 3;
  const m = len - 1;
  out.fill(0);
  for (let b = 0; b < blocks; b++) {
    const from = Math.floor((b * m) / blocks);
    const to = Math.floor(((b + 1) * m) / blocks);
    let s = 0;
    let s2 = 0;
    for (let k = from; k < to; k++) {
      const prev = equity[k]!;
      const r = prev > 0 ? equity[k + 1]! / prev - 1 : 0;
      s += r;
      s2 += r * r;
    }
    out[3 * b] = to - from;
    out[3 * b + 1] = s;
    out[3 * b + 2] = s2;
  }
}
