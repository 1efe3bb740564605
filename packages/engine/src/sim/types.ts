/** Why a trade was closed. */
export type ExitReason = 'stop' | 'signal' | 'end';
export type Side = 'long' | 'short';

/**
 * One round trip. Prices are fills after slippage; `fees` is entry plus exit
 * fee in quote currency; `pnl` is after fees; `return` is pnl divided by the
 * account equity committed at entry (the engine sizes all-in, so equity after
 * the trade is equity before it times 1 + return).
 */
export interface Trade {
  /** openTime (epoch ms) of the bar whose open filled the entry. */
  entryTime: number;
  /** openTime (epoch ms) of the bar on which the exit filled (at its open for signals, intrabar for stops, at its close for `end`). */
  exitTime: number;
  side: Side;
  entryPrice: number;
  exitPrice: number;
  qty: number;
  fees: number;
  pnl: number;
  return: number;
  /** Bars the position was exposed to: from the entry bar through the stop bar, or up to but excluding the bar whose open filled a signal exit. */
  barsHeld: number;
  reason: ExitReason;
}

/**
 * Performance metrics of one equity curve and its trades. Ratios are
 * annualised with the timeframe's periods per year (525600 / minutes per bar).
 */
export interface Metrics {
  /** mean(r) / stdev(r, n-1) * sqrt(periodsPerYear) over bar returns r; 0 when stdev is 0. */
  sharpe: number;
  /** mean(r) / sqrt(sum(min(r,0)^2) / n) * sqrt(periodsPerYear); 0 when there is no negative bar return. */
  sortino: number;
  /** min over t of E[t] / max(E[0..t]) - 1: a negative fraction (-0.21 is a 21% drawdown), 0 when equity never fell. */
  maxDrawdown: number;
  /** cagr / |maxDrawdown|; 0 when maxDrawdown is 0. */
  calmar: number;
  /** final / initial equity - 1. */
  totalReturn: number;
  /** (final / initial)^(1 / years) - 1, years from the first to the last bar's openTime; 0 for a single bar. */
  cagr: number;
  /** final - initial equity, in quote currency. */
  pnl: number;
  trades: number;
  /** Fraction of trades with pnl > 0; 0 without trades. */
  winRate: number;
  /** Gross profit / gross loss of trades; null when no trade lost money. */
  profitFactor: number | null;
  /** Mean of the trades' fractional returns; 0 without trades. */
  avgTradeReturn: number;
  /** Fraction of bars with an open position (sum of barsHeld / bars). */
  exposure: number;
  /** Longest run of consecutive trades with pnl < 0. */
  maxConsecutiveLosses: number;
  /** Equity after the last bar (open positions closed at the last close). */
  finalEquity: number;
}

export const metricNames = [
  'sharpe',
  'sortino',
  'maxDrawdown',
  'calmar',
  'totalReturn',
  'cagr',
  'pnl',
  'trades',
  'winRate',
  'profitFactor',
  'avgTradeReturn',
  'exposure',
  'maxConsecutiveLosses',
  'finalEquity',
] as const satisfies readonly (keyof Metrics)[];

/**
 * Slots of the accumulator the simulator fills (a Float64Array so that the hot
 * loop never allocates): trade statistics, then the bar-return sums the
 * risk metrics need, gathered while the equity is marked.
 */
export const TS_COUNT = 0;
export const TS_WINS = 1;
export const TS_LOSSES = 2;
export const TS_GROSS_PROFIT = 3;
export const TS_GROSS_LOSS = 4;
export const TS_SUM_RETURN = 5;
export const TS_LOSS_STREAK = 6;
export const TS_MAX_LOSS_STREAK = 7;
export const TS_BARS_HELD = 8;
/** Sum of bar returns r[t] = E[t]/E[t-1] - 1. */
export const TS_SUM_R = 9;
/** Sum of r[t]^2. */
export const TS_SUM_R2 = 10;
/** Sum of min(r[t], 0)^2. */
export const TS_DOWN_R2 = 11;
/** min over t of E[t] / max(E[0..t]) - 1. */
export const TS_MAX_DD = 12;
export const TS_SLOTS = 13;
