import { MS_PER_YEAR } from '../candles';
import {
  TS_BARS_HELD,
  TS_COUNT,
  TS_DOWN_R2,
  TS_GROSS_LOSS,
  TS_GROSS_PROFIT,
  TS_LOSSES,
  TS_LOSS_STREAK,
  TS_MAX_DD,
  TS_MAX_LOSS_STREAK,
  TS_SLOTS,
  TS_SUM_R,
  TS_SUM_R2,
  TS_SUM_RETURN,
  TS_WINS,
  type Metrics,
  type Trade,
} from './types';

/**
 * Metrics from the accumulator the simulator filled (trade statistics and
 * bar-return sums) plus the curve's length and final equity.
 * `firstTimeMs`/`lastTimeMs` are the openTimes of the first and last bar (for
 * CAGR's calendar span).
 *
 * Bar returns are r[t] = E[t] / E[t-1] - 1 for t >= 1; after a ruinous short
 * (E[t-1] <= 0) a return is undefined and counted as 0.
 * Sharpe = mean(r) / stdev(r, n-1) * sqrt(periodsPerYear) (Sharpe 1994), 0 when
 * the stdev is 0; the variance is taken from the sums in one pass, which loses
 * nothing meaningful for bar returns (|mean| << stdev).
 * Sortino = mean(r) / DD * sqrt(periodsPerYear) with downside deviation
 * DD = sqrt(sum(min(r, 0)^2) / n) (Sortino & Price 1994, target 0; the divisor
 * n as in empyrical), 0 when DD is 0.
 */
export function metricsFromStats(
  stats: Float64Array,
  length: number,
  finalEquity: number,
  periodsPerYear: number,
  initialCapital: number,
  firstTimeMs: number,
  lastTimeMs: number,
): Metrics {
  const n = length - 1;
  const sum = stats[TS_SUM_R]!;
  const mean = n > 0 ? sum / n : 0;
  const variance = n > 1 ? Math.max(0, (stats[TS_SUM_R2]! - sum * mean) / (n - 1)) : 0;
  const annual = Math.sqrt(periodsPerYear);
  const sd = Math.sqrt(variance);
  const dd = n > 0 ? Math.sqrt(stats[TS_DOWN_R2]! / n) : 0;
  const maxDd = stats[TS_MAX_DD]!;
  const sharpe = sd > 0 ? (mean / sd) * annual : 0;
  const sortino = dd > 0 ? (mean / dd) * annual : 0;
  const totalReturn = finalEquity / initialCapital - 1;
  const years = (lastTimeMs - firstTimeMs) / MS_PER_YEAR;
  const cagr = years > 0 ? (finalEquity > 0 ? Math.pow(finalEquity / initialCapital, 1 / years) - 1 : -1) : 0;
  const calmar = maxDd < 0 ? cagr / -maxDd : 0;
  const trades = stats[TS_COUNT]!;
  return {
    sharpe,
    sortino,
    maxDrawdown: maxDd,
    calmar,
    totalReturn,
    cagr,
    pnl: finalEquity - initialCapital,
    trades,
    winRate: trades > 0 ? stats[TS_WINS]! / trades : 0,
    profitFactor: stats[TS_LOSSES]! > 0 ? stats[TS_GROSS_PROFIT]! / stats[TS_GROSS_LOSS]! : null,
    avgTradeReturn: trades > 0 ? stats[TS_SUM_RETURN]! / trades : 0,
    exposure: length > 0 ? stats[TS_BARS_HELD]! / length : 0,
    maxConsecutiveLosses: stats[TS_MAX_LOSS_STREAK]!,
    finalEquity,
  };
}

/**
 * Metrics of any equity curve equity[0..length) with the given trade
 * statistics (its return slots are recomputed here from the curve). Gives the
 * same numbers, to the bit, as the simulator's fused accumulation.
 */
export function computeMetrics(
  equity: Float64Array,
  length: number,
  tradeStats: Float64Array,
  periodsPerYear: number,
  initialCapital: number,
  firstTimeMs: number,
  lastTimeMs: number,
  drawdownOut: Float64Array | null = null,
): Metrics {
  const stats = tradeStats.slice();
  scanEquity(equity, length, stats);
  if (drawdownOut !== null) drawdownInto(drawdownOut, equity, length);
  return metricsFromStats(stats, length, equity[length - 1]!, periodsPerYear, initialCapital, firstTimeMs, lastTimeMs);
}

/**
 * Writes the bar-return sums and max drawdown of equity[0..length) into the
 * TS_SUM_R.. slots of `stats`, accumulating exactly as the simulator does.
 */
export function scanEquity(equity: Float64Array, length: number, stats: Float64Array): void {
  let sum = 0;
  let sumSq = 0;
  let down = 0;
  let peak = equity[0]!;
  // Drawdown as e * (1 / peak): the reciprocal changes only at a new high, which keeps the
  // per-bar cost to one division (for the return) instead of two.
  let invPeak = 1 / peak;
  let maxDd = 0;
  let prev = peak;
  for (let t = 1; t < length; t++) {
    const e = equity[t]!;
    const r = prev > 0 ? e / prev - 1 : 0;
    sum += r;
    sumSq += r * r;
    const neg = Math.min(r, 0);
    down += neg * neg;
    if (e > peak) {
      peak = e;
      invPeak = 1 / e;
    }
    maxDd = Math.min(maxDd, e * invPeak - 1);
    prev = e;
  }
  stats[TS_SUM_R] = sum;
  stats[TS_SUM_R2] = sumSq;
  stats[TS_DOWN_R2] = down;
  stats[TS_MAX_DD] = maxDd;
}

/** Drawdown at each bar: E[t] / max(E[0..t]) - 1 (0 at new highs, negative below them). */
export function drawdownInto(out: Float64Array, equity: Float64Array, length: number): Float64Array {
  let peak = equity[0]!;
  let invPeak = 1 / peak;
  for (let t = 0; t < length; t++) {
    const e = equity[t]!;
    if (e > peak) {
      peak = e;
      invPeak = 1 / e;
    }
    out[t] = e * invPeak - 1;
  }
  return out;
}

/** Bar returns r[t] = E[t]/E[t-1] - 1 (t >= 1) of an equity curve, as the metrics define them. */
export function barReturns(equity: Float64Array, length = equity.length): Float64Array {
  const r = new Float64Array(Math.max(0, length - 1));
  for (let t = 1; t < length; t++) {
    const prev = equity[t - 1]!;
    r[t - 1] = prev > 0 ? equity[t]! / prev - 1 : 0;
  }
  return r;
}

/** The simulator's trade accumulator rebuilt from a list of trades (in exit order), e.g. for stitched walk-forward results. */
export function tradeStatsFromTrades(trades: readonly Trade[]): Float64Array {
  const ts = new Float64Array(TS_SLOTS);
  for (const t of trades) {
    ts[TS_COUNT]! += 1;
    ts[TS_SUM_RETURN]! += t.return;
    ts[TS_BARS_HELD]! += t.barsHeld;
    if (t.pnl > 0) {
      ts[TS_WINS]! += 1;
      ts[TS_GROSS_PROFIT]! += t.pnl;
      ts[TS_LOSS_STREAK] = 0;
    } else if (t.pnl < 0) {
      ts[TS_LOSSES]! += 1;
      ts[TS_GROSS_LOSS]! -= t.pnl;
      const streak = ts[TS_LOSS_STREAK]! + 1;
      ts[TS_LOSS_STREAK] = streak;
      if (streak > ts[TS_MAX_LOSS_STREAK]!) ts[TS_MAX_LOSS_STREAK] = streak;
    } else {
      ts[TS_LOSS_STREAK] = 0;
    }
  }
  return ts;
}

// V8 compiles a long-running loop on the stack (OSR) and reuses that code on every later call.
// If the code after the loop has never run when that happens, each call bails out right after
// the loop. Running the loops once on a tiny curve at load gives the post-loop code its feedback.
scanEquity(new Float64Array([1, 1]), 2, new Float64Array(TS_SLOTS));
drawdownInto(new Float64Array(2), new Float64Array([1, 1]), 2);
