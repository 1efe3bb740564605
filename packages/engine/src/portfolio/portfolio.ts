import { validateCandles, type Candles } from '../candles';
import { EngineError, describeValue } from '../errors';
import { BacktestEvaluator } from '../sim/evaluator';
import { computeMetrics } from '../sim/metrics';
import { assertEnoughBars, resolveBacktestRequest, type BacktestRequest } from '../sim/request';
import { TS_BARS_HELD, TS_SLOTS, type Metrics, type Trade } from '../sim/types';
import { averageOffDiagonal, correlationMatrix } from '../stats/correlation';
import { tradeStatsFromTrades } from '../sim/metrics';
import type { ParamValues } from '../strategies/types';

export const MAX_PORTFOLIO_SYMBOLS = 10;
export const WEIGHT_SUM_TOLERANCE = 1e-6;
export type RebalanceMode = 'none' | 'daily' | 'weekly';
export const rebalanceModes: readonly RebalanceMode[] = ['none', 'daily', 'weekly'];

export interface PortfolioSeries {
  symbol: string;
  candles: Candles;
}

export interface PortfolioOptions extends Omit<BacktestRequest, 'includeIndicators'> {
  /** Capital share per symbol, in the order of the series; >= 0, summing to 1 within 1e-6. Default equal. */
  weights?: number[];
  /** Restore target weights at the first common bar of each UTC day / ISO week (Monday 00:00 UTC); default none. */
  rebalance?: RebalanceMode;
  /** Rebalance trades with a smaller notional (quote currency) are skipped; default 0. */
  minTrade?: number;
}

export interface SymbolResult {
  symbol: string;
  weight: number;
  /** The strategy's standalone metrics on the symbol's full series. */
  metrics: Metrics;
  /** Sharpe of the symbol's equity sampled on the common timestamps (the basis of individualAvgSharpe). */
  alignedSharpe: number;
  trades: number;
  /** The symbol's standalone equity sampled on the common timestamps (aligned with PortfolioResult.timestamps). */
  alignedEquity: Float64Array;
}

export interface PortfolioResult {
  symbols: string[];
  weights: number[];
  params: ParamValues;
  perSymbol: SymbolResult[];
  /** Pearson correlation of the symbols' bar returns on the common timestamps; symmetric, diagonal exactly 1. */
  correlation: number[][];
  /** Mean of the correlation matrix's upper triangle (0 for one symbol). */
  avgCorrelation: number;
  /** openTimes present in every series, ascending. */
  timestamps: Float64Array;
  /** Portfolio equity at each common timestamp. */
  equity: Float64Array;
  drawdown: Float64Array;
  metrics: Metrics;
  /** Mean of the symbols' aligned Sharpe ratios. */
  individualAvgSharpe: number;
  /** metrics.sharpe - individualAvgSharpe. */
  diversificationBenefit: number;
  /** Rebalance events in which at least one trade was made. */
  rebalances: number;
  /** Rebalance notional traded divided by the mean portfolio equity. */
  turnover: number;
  /** Fees and slippage paid on rebalance trades, in quote currency. */
  totalCosts: number;
}

const DAY_MS = 86_400_000;
/** 1970-01-01 was a Thursday: ISO weeks start 4 days later, on Monday 1970-01-05. */
const WEEK_OFFSET_MS = 4 * DAY_MS;

function periodOf(mode: RebalanceMode, t: number): number {
  if (mode === 'daily') return Math.floor(t / DAY_MS);
  return Math.floor((t - WEEK_OFFSET_MS) / (7 * DAY_MS));
}

/** Indices into each series of the openTimes common to all series (a k-way merge of sorted arrays). */
function commonTimestamps(series: readonly Candles[]): { times: Float64Array; index: Int32Array[] } {
  const k = series.length;
  const ptr = new Int32Array(k);
  const base = series[0]!.openTime;
  const times: number[] = [];
  const index: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < base.length; i++) {
    const t = base[i]!;
    let everywhere = true;
    for (let s = 1; s < k; s++) {
      const ot = series[s]!.openTime;
      let p = ptr[s]!;
      while (p < ot.length && ot[p]! < t) p++;
      ptr[s] = p;
      if (p >= ot.length || ot[p] !== t) {
        everywhere = false;
        break;
      }
    }
    if (!everywhere) continue;
    times.push(t);
    index[0]!.push(i);
    for (let s = 1; s < k; s++) index[s]!.push(ptr[s]!);
  }
  return { times: Float64Array.from(times), index: index.map((a) => Int32Array.from(a)) };
}

/**
 * Runs one strategy on 1 to 10 symbols and combines them into a portfolio.
 *
 * Each symbol's backtest runs on its own full series with the full initial
 * capital (its standalone metrics). The curves are then aligned on the
 * openTimes present in every series. The portfolio holds one sleeve per
 * symbol, starting at weight * initialCapital; a sleeve grows with its
 * strategy's return between common timestamps (the strategy sizes all-in, so
 * its return does not depend on the sleeve's size). With `daily`/`weekly`
 * rebalancing, at the first common timestamp of each new UTC day or ISO week
 * the sleeves are reset to their target weights: moving value into or out of
 * a sleeve that holds a position trades that notional and pays
 * (feeBps + slippageBps) on it; a sleeve in cash moves for free. A trade
 * under `minTrade` is skipped, that sleeve keeps its value, and the other
 * sleeves share the rest in proportion to their weights.
 */
export function runPortfolio(seriesBySymbol: PortfolioSeries[], options: PortfolioOptions): PortfolioResult {
  const req = resolveBacktestRequest({ ...options, includeIndicators: false });
  if (!Array.isArray(seriesBySymbol) || seriesBySymbol.length < 1 || seriesBySymbol.length > MAX_PORTFOLIO_SYMBOLS) {
    throw new EngineError(
      'INVALID_CONFIG',
      'series',
      `series must list 1 to ${MAX_PORTFOLIO_SYMBOLS} symbols; got ${Array.isArray(seriesBySymbol) ? seriesBySymbol.length : describeValue(seriesBySymbol)}`,
    );
  }
  const k = seriesBySymbol.length;
  const symbols: string[] = [];
  seriesBySymbol.forEach((s, i) => {
    if (typeof s?.symbol !== 'string' || s.symbol.length === 0) {
      throw new EngineError('INVALID_CONFIG', `series[${i}].symbol`, `series[${i}].symbol must be a non-empty string; got ${describeValue(s?.symbol)}`);
    }
    if (symbols.includes(s.symbol)) {
      throw new EngineError('INVALID_CONFIG', `series[${i}].symbol`, `series[${i}].symbol ${JSON.stringify(s.symbol)} appears twice; each symbol may be listed once`);
    }
    symbols.push(s.symbol);
    validateCandles(s.candles, `series[${i}].candles`);
    assertEnoughBars(req.strategy, req.params, s.candles.close.length, `series[${i}].candles`);
  });
  const weights = resolveWeights(options.weights, k);
  const rebalance = options.rebalance ?? 'none';
  if (!rebalanceModes.includes(rebalance)) {
    throw new EngineError('INVALID_CONFIG', 'rebalance', `rebalance must be one of ${rebalanceModes.join(', ')}; got ${describeValue(rebalance)}`);
  }
  const minTrade = options.minTrade ?? 0;
  if (typeof minTrade !== 'number' || !Number.isFinite(minTrade) || minTrade < 0) {
    throw new EngineError('INVALID_CONFIG', 'minTrade', `minTrade must be a finite notional >= 0; got ${describeValue(minTrade)}`);
  }

  const runs = seriesBySymbol.map((s) => new BacktestEvaluator(s.candles, req).run(req.strategy, req.params, 0, s.candles.close.length));
  const { times, index } = commonTimestamps(seriesBySymbol.map((s) => s.candles));
  const m = times.length;
  if (m < 2) {
    throw new EngineError('INSUFFICIENT_DATA', 'series', `the series share ${m} common openTime${m === 1 ? '' : 's'}; at least 2 are needed to align them`);
  }

  // Aligned equity and bar returns per symbol.
  const aligned = runs.map((run, s) => Float64Array.from(index[s]!, (i) => run.equity[i]!));
  const returns = aligned.map((eq) => {
    const r = new Float64Array(m - 1);
    for (let t = 1; t < m; t++) r[t - 1] = eq[t - 1]! > 0 ? eq[t]! / eq[t - 1]! - 1 : 0;
    return r;
  });
  const noTrades = new Float64Array(TS_SLOTS);
  const alignedSharpe = aligned.map((eq) => computeMetrics(eq, m, noTrades, req.periodsPerYear, eq[0]!, times[0]!, times[m - 1]!).sharpe);

  const rate = req.feeRate + req.slippageRate;
  const sleeves = weights.map((w) => w * req.initialCapital);
  const equity = new Float64Array(m);
  equity[0] = req.initialCapital;
  let traded = 0;
  let costs = 0;
  let rebalances = 0;
  let exposedBars = runs.some((run, s) => run.position[index[s]![0]!] !== 0) ? 1 : 0;
  const target = new Float64Array(k);
  const skipped = new Uint8Array(k);
  for (let t = 1; t < m; t++) {
    let v = 0;
    for (let s = 0; s < k; s++) {
      sleeves[s] = sleeves[s]! * (1 + returns[s]![t - 1]!);
      v += sleeves[s]!;
    }
    if (rebalance !== 'none' && periodOf(rebalance, times[t]!) !== periodOf(rebalance, times[t - 1]!) && v > 0) {
      const inPosition = (s: number): boolean => runs[s]!.position[index[s]![t]!] !== 0;
      skipped.fill(0);
      // Re-target until no remaining trade falls under minTrade (at most k rounds: each round skips one more sleeve or stops).
      for (let round = 0; round <= k; round++) {
        let keptValue = 0;
        let freeWeight = 0;
        for (let s = 0; s < k; s++) {
          if (skipped[s]) keptValue += sleeves[s]!;
          else freeWeight += weights[s]!;
        }
        let newSkip = false;
        for (let s = 0; s < k; s++) {
          if (skipped[s]) {
            target[s] = sleeves[s]!;
            continue;
          }
          target[s] = freeWeight > 0 ? ((v - keptValue) * weights[s]!) / freeWeight : sleeves[s]!;
          const delta = Math.abs(target[s]! - sleeves[s]!);
          if (inPosition(s) && delta > 0 && delta < minTrade) {
            skipped[s] = 1;
            newSkip = true;
          }
        }
        if (!newSkip) break;
      }
      let tradedNow = 0;
      let costNow = 0;
      for (let s = 0; s < k; s++) {
        const delta = Math.abs(target[s]! - sleeves[s]!);
        let next = target[s]!;
        if (inPosition(s) && delta > 0) {
          tradedNow += delta;
          const c = delta * rate;
          costNow += c;
          next -= c;
        }
        sleeves[s] = next;
      }
      if (tradedNow > 0) rebalances++;
      traded += tradedNow;
      costs += costNow;
      v = 0;
      for (let s = 0; s < k; s++) v += sleeves[s]!;
    }
    equity[t] = v;
    if (runs.some((run, s) => run.position[index[s]![t]!] !== 0)) exposedBars++;
  }

  // Trade statistics over all symbols, pnl scaled by weight into portfolio currency, in exit order.
  const allTrades: Trade[] = [];
  runs.forEach((run, s) => {
    for (const tr of run.trades) allTrades.push({ ...tr, qty: tr.qty * weights[s]!, fees: tr.fees * weights[s]!, pnl: tr.pnl * weights[s]! });
  });
  allTrades.sort((a, b) => a.exitTime - b.exitTime || a.entryTime - b.entryTime);
  const ts = tradeStatsFromTrades(allTrades);
  ts[TS_BARS_HELD] = exposedBars;
  const drawdown = new Float64Array(m);
  const metrics = computeMetrics(equity, m, ts, req.periodsPerYear, req.initialCapital, times[0]!, times[m - 1]!, drawdown);
  const correlation = correlationMatrix(returns);
  let meanEquity = 0;
  for (let t = 0; t < m; t++) meanEquity += equity[t]!;
  meanEquity /= m;
  const individualAvgSharpe = alignedSharpe.reduce((a, b) => a + b, 0) / k;
  return {
    symbols,
    weights,
    params: req.params,
    perSymbol: runs.map((run, s) => ({
      symbol: symbols[s]!,
      weight: weights[s]!,
      metrics: run.metrics,
      alignedSharpe: alignedSharpe[s]!,
      trades: run.trades.length,
      alignedEquity: aligned[s]!,
    })),
    correlation,
    avgCorrelation: averageOffDiagonal(correlation),
    timestamps: times,
    equity,
    drawdown,
    metrics,
    individualAvgSharpe,
    diversificationBenefit: metrics.sharpe - individualAvgSharpe,
    rebalances,
    turnover: meanEquity > 0 ? traded / meanEquity : 0,
    totalCosts: costs,
  };
}

/** Validates weights (default equal): one per symbol, finite, >= 0, summing to 1 within 1e-6. */
export function resolveWeights(weights: unknown, k: number): number[] {
  if (weights === undefined) return new Array<number>(k).fill(1 / k);
  if (!Array.isArray(weights) || weights.length !== k) {
    throw new EngineError('INVALID_CONFIG', 'weights', `weights must list one weight per symbol (${k}); got ${describeValue(weights)}`);
  }
  let sum = 0;
  weights.forEach((w, i) => {
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new EngineError('INVALID_CONFIG', `weights[${i}]`, `weights[${i}] must be a finite number >= 0; got ${describeValue(w)}`);
    }
    sum += w;
  });
  if (Math.abs(sum - 1) > WEIGHT_SUM_TOLERANCE) {
    throw new EngineError('INVALID_CONFIG', 'weights', `weights must sum to 1 within ${WEIGHT_SUM_TOLERANCE}; they sum to ${sum}`);
  }
  return [...(weights as number[])];
}
