import type { Candles } from '../candles';
import { atrInto } from '../kernels/atr';
import { donchianInto } from '../kernels/donchian';
import { emaInto } from '../kernels/ema';
import { rsiInto } from '../kernels/rsi';
import { smaInto } from '../kernels/sma';
import { stdevInto } from '../kernels/stdev';

/**
 * Indicator series of one candle series, each computed once per kernel and
 * period and then shared by every parameter combination that asks for it. A
 * 500-combination grid over emaFast x emaSlow x atr x atrMult computes one EMA
 * per distinct period, not one per combination.
 *
 * The cached arrays are shared: callers must not write into them. The cache
 * holds the candles by reference and assumes they never change.
 */
export class IndicatorCache {
  readonly candles: Candles;
  private readonly series = new Map<string, Float64Array>();
  private computed = 0;
  private readonly allocate: (length: number) => Float64Array;

  /** `allocate` supplies the memory for each series (default: a new Float64Array); it must return zeroed or fully overwritten space of the given length. */
  constructor(candles: Candles, allocate?: (length: number) => Float64Array) {
    this.candles = candles;
    this.allocate = allocate ?? ((length) => new Float64Array(length));
  }

  /** How many series have been computed (not served from the cache) so far. */
  get computeCount(): number {
    return this.computed;
  }

  get size(): number {
    return this.series.size;
  }

  /** EMA of closes, seeded with the SMA (see emaInto). */
  ema(period: number): Float64Array {
    const key = `ema:${period}`;
    const hit = this.series.get(key);
    if (hit !== undefined) return hit;
    return this.store(key, emaInto(this.alloc(), this.candles.close, period));
  }

  /** Wilder ATR (see atrInto). */
  atr(period: number): Float64Array {
    const key = `atr:${period}`;
    const hit = this.series.get(key);
    if (hit !== undefined) return hit;
    const c = this.candles;
    return this.store(key, atrInto(this.alloc(), c.high, c.low, c.close, period));
  }

  /** Wilder RSI of closes (see rsiInto). */
  rsi(period: number): Float64Array {
    const key = `rsi:${period}`;
    const hit = this.series.get(key);
    if (hit !== undefined) return hit;
    return this.store(key, rsiInto(this.alloc(), this.candles.close, period));
  }

  /** SMA of closes. */
  sma(period: number): Float64Array {
    const key = `sma:${period}`;
    const hit = this.series.get(key);
    if (hit !== undefined) return hit;
    return this.store(key, smaInto(this.alloc(), this.candles.close, period));
  }

  /** Rolling population standard deviation of closes. */
  stdev(period: number): Float64Array {
    const key = `stdev:${period}`;
    const hit = this.series.get(key);
    if (hit !== undefined) return hit;
    return this.store(key, stdevInto(this.alloc(), this.candles.close, period));
  }

  /** Highest high over the last `period` bars including the current one. */
  donchianUpper(period: number): Float64Array {
    const key = `donchianUpper:${period}`;
    const hit = this.series.get(key);
    if (hit !== undefined) return hit;
    this.donchian(period);
    return this.series.get(key)!;
  }

  /** Lowest low over the last `period` bars including the current one. */
  donchianLower(period: number): Float64Array {
    const key = `donchianLower:${period}`;
    const hit = this.series.get(key);
    if (hit !== undefined) return hit;
    this.donchian(period);
    return this.series.get(key)!;
  }

  private donchian(period: number): void {
    const upper = this.alloc();
    const lower = this.alloc();
    donchianInto(upper, lower, this.candles.high, this.candles.low, period);
    this.store(`donchianUpper:${period}`, upper);
    this.store(`donchianLower:${period}`, lower);
  }

  private alloc(): Float64Array {
    return this.allocate(this.candles.close.length);
  }

  private store(key: string, values: Float64Array): Float64Array {
    this.series.set(key, values);
    this.computed++;
    return values;
  }
}
