/**
 * Prop shapes shared by the components. They are plain, JSON-friendly
 * structures (or typed arrays where 50k-bar series make it matter), defined
 * here so that @spark/ui never imports server packages. Field names follow
 * the engine's result contract (trades, metrics) so results pass straight
 * through.
 */

/** Milliseconds since the Unix epoch, UTC. */
export type EpochMs = number;

/** Read-only indexable numbers: `number[]`, `Float64Array`, JSON arrays. */
export type NumericArray = ArrayLike<number>;

/** One candle as a row. `time` is the candle's open time in epoch ms (UTC). */
export interface CandleRow {
  time: EpochMs;
  open: number;
  high: number;
  low: number;
  close: number;
}

/**
 * Candles as columns, the engine's `Candles` layout (`openTime` in epoch ms).
 * Preferred for long series: no per-bar objects on the way in.
 */
export interface CandleColumns {
  openTime: NumericArray;
  open: NumericArray;
  high: NumericArray;
  low: NumericArray;
  close: NumericArray;
}

export type CandleInput = readonly CandleRow[] | CandleColumns;

/**
 * A named indicator line, one value per candle (aligned with the candles'
 * open times). `NaN` marks the warm-up bars where the indicator is not
 * defined yet; they are left blank. The engine's indicator series
 * (`{ name, label, pane, values }`) fit as they are.
 */
export interface IndicatorOverlay {
  /** Stable key (e.g. "emaFast"); must be unique within a chart. */
  name: string;
  /** Legend text (e.g. "EMA 20"); the name is shown when omitted. */
  label?: string;
  /** "price" (default) draws over the candles; "oscillator" (e.g. RSI) gets its own pane below. */
  pane?: 'price' | 'oscillator';
  values: NumericArray;
  /** CSS colour; a theme palette colour is used when omitted. */
  color?: string;
}

export type TradeSide = 'long' | 'short';
export type ExitReason = 'stop' | 'signal' | 'end';

/** A closed trade, as the engine reports it. Times in epoch ms, UTC. */
export interface TradeRecord {
  entryTime: EpochMs;
  exitTime: EpochMs;
  side: TradeSide;
  entryPrice: number;
  exitPrice: number;
  qty: number;
  fees: number;
  /** Profit after fees, in the quote currency. */
  pnl: number;
  /** Fractional return of the trade, e.g. 0.034 for +3.4 %. */
  return: number;
  barsHeld: number;
  reason: ExitReason;
}

/** The subset of a trade the price chart needs to place markers. */
export type TradeMarkerInput = Pick<TradeRecord, 'entryTime' | 'exitTime' | 'side' | 'entryPrice' | 'exitPrice' | 'reason'> &
  Partial<Pick<TradeRecord, 'pnl'>>;

export type SegmentKind = 'train' | 'test' | 'highlight';

/**
 * A shaded time window on the price chart, e.g. a walk-forward fold's
 * in-sample (train) or out-of-sample (test) window. `start` and `end` are the
 * open times of the first and the last bar inside the window (both included).
 */
export interface TimeSegment {
  start: EpochMs;
  end: EpochMs;
  kind: SegmentKind;
  label: string;
}

/** One equity curve as columns, e.g. "Combined" or "BTCUSDT". */
export interface EquityCurveInput {
  name: string;
  time: NumericArray;
  values: NumericArray;
  color?: string;
}

/** A series of fractions over time, e.g. drawdown (0 at a peak, -0.2 = 20 % below it). */
export interface FractionSeriesInput {
  time: NumericArray;
  values: NumericArray;
}

export type RunStatus = 'queued' | 'running' | 'done' | 'failed' | 'cancelled';
export type Verdict = 'overfit' | 'robust' | 'inconclusive';

/** Strategy parameter specification, as the engine's registry declares it. */
export interface ParamSpec {
  name: string;
  /** Form label; derived from the name when omitted. */
  label?: string;
  type: 'int' | 'real' | 'enum';
  min?: number;
  max?: number;
  /** The value must be strictly greater than `min` (e.g. a multiplier above 0). */
  exclusiveMin?: boolean;
  default?: number | string;
  step?: number;
  description?: string;
  options?: readonly (string | { value: string; label?: string })[];
}

export type ParamValue = number | string;
export type ParamValues = Readonly<Record<string, ParamValue | undefined>>;

/** One evaluated parameter set of an optimizer run. */
export interface TrialInput {
  params: Readonly<Record<string, ParamValue>>;
  /** Objective value; `null` or `NaN` when the trial produced none. */
  score: number | null;
}

/**
 * Metric values keyed by name: any object whose metric fields are numbers or
 * null, including interfaces such as the engine's `Metrics` (which a
 * `Record<string, …>` type would reject for lacking an index signature).
 * `null` has a metric-specific meaning (see MetricCards).
 */
export type MetricValues = object;
