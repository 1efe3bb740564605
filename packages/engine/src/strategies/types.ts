import type { IndicatorCache } from './indicator-cache';

export type ParamValue = number | string;
export type ParamValues = Record<string, ParamValue>;

export type Direction = 'long' | 'short' | 'both';
export const directions: readonly Direction[] = ['long', 'short', 'both'];

interface ParamSpecBase {
  /** Key in the params object. */
  name: string;
  /** Short human label for forms. */
  label: string;
  /** One sentence on what the parameter does, shown as form help. */
  description: string;
}

/** An integer parameter with inclusive bounds. */
export interface IntParamSpec extends ParamSpecBase {
  type: 'int';
  min: number;
  max: number;
  default: number;
}

/** A real parameter; `exclusiveMin` means the value must be strictly greater than `min`. */
export interface RealParamSpec extends ParamSpecBase {
  type: 'real';
  min: number;
  max: number;
  exclusiveMin?: boolean;
  default: number;
}

export interface EnumParamSpec extends ParamSpecBase {
  type: 'enum';
  options: readonly string[];
  default: string;
}

export type ParamSpec = IntParamSpec | RealParamSpec | EnumParamSpec;

/** A rule that ties several parameters together, e.g. `emaSlow > emaFast`. */
export interface ParamConstraint {
  /** The parameter blamed when the rule fails. */
  field: string;
  /** The rule in words, for forms and documentation. */
  description: string;
  /** Returns null when the rule holds, or a message naming the values and the rule. */
  check(params: ParamValues): string | null;
}

/**
 * Per-bar signal flags a strategy writes, decided at the bar's close. The
 * simulator turns them into orders at the next bar's open according to the
 * position and the allowed direction.
 */
export const LONG_ENTRY = 1;
export const LONG_EXIT = 2;
export const SHORT_ENTRY = 4;
export const SHORT_EXIT = 8;

/** What the simulator needs besides the flags: the ATR series and multiple that place the protective stop. */
export interface StopSpec {
  /** ATR at each bar; the stop distance for a signal at bar i is `stopMult * stopAtr[i]`. */
  stopAtr: Float64Array;
  stopMult: number;
}

export interface IndicatorSeries {
  /** Stable key, e.g. `emaFast`. */
  name: string;
  /** Label for charts, e.g. `EMA 20`. */
  label: string;
  /** `price` overlays the candles; `oscillator` needs its own pane. */
  pane: 'price' | 'oscillator';
  /** One value per bar, aligned with candles.openTime; NaN during warm-up. */
  values: Float64Array;
}

/**
 * One trading strategy. Adding a strategy is one file exporting one of these
 * and one line in the registry.
 */
export interface StrategyDefinition {
  name: string;
  label: string;
  description: string;
  params: readonly ParamSpec[];
  constraints: readonly ParamConstraint[];
  /**
   * First bar index at which a signal can be set: all indicators the rules
   * read are defined at that bar and the one before. A backtest needs at
   * least `firstSignalBar + 2` bars for any order to be executed.
   */
  firstSignalBar(params: ParamValues): number;
  /**
   * Writes flags (LONG_ENTRY | LONG_EXIT | SHORT_ENTRY | SHORT_EXIT) for bars
   * [from, to) into `flags` (0 where no rule fires or indicators are not yet
   * defined), and returns the ATR stop specification. Must only read
   * candles and indicators at or before each bar (no look-ahead).
   */
  signals(cache: IndicatorCache, params: ParamValues, flags: Uint8Array, from: number, to: number): StopSpec;
  /** The indicator series the rules use, for charts. */
  indicators(cache: IndicatorCache, params: ParamValues): IndicatorSeries[];
}
