import { EngineError, describeValue } from './errors';

/**
 * Columnar OHLCV candles, sorted by `openTime` ascending. All columns have the
 * same length. `openTime` is the candle's open time in epoch milliseconds (UTC);
 * prices are in quote currency, volume in base-asset units.
 *
 * The engine treats a Candles value as immutable once validated: indicator
 * caches keyed on it assume the columns never change.
 */
export interface Candles {
  openTime: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** One row as exchanges export it: [openTimeMs, open, high, low, close, volume]. */
export type CandleRow = readonly [number, number, number, number, number, number];

export const timeframes = ['1m', '5m', '15m', '30m', '1h', '4h', '1d'] as const;
export type Timeframe = (typeof timeframes)[number];

const minutesByTimeframe: Record<Timeframe, number> = {
  '1m': 1,
  '5m': 5,
  '15m': 15,
  '30m': 30,
  '1h': 60,
  '4h': 240,
  '1d': 1440,
};

/** Minutes in a 365-day year: crypto spot markets trade 24/7, so every minute is a trading minute. */
export const MINUTES_PER_YEAR = 525_600;
export const MS_PER_YEAR = MINUTES_PER_YEAR * 60_000;

export function isTimeframe(value: unknown): value is Timeframe {
  return typeof value === 'string' && (timeframes as readonly string[]).includes(value);
}

export function assertTimeframe(value: unknown, field = 'timeframe'): Timeframe {
  if (!isTimeframe(value)) {
    throw new EngineError(
      'INVALID_CONFIG',
      field,
      `${field} must be one of ${timeframes.join(', ')}; got ${describeValue(value)}`,
    );
  }
  return value;
}

export function timeframeMinutes(timeframe: Timeframe): number {
  return minutesByTimeframe[timeframe];
}

export function timeframeMs(timeframe: Timeframe): number {
  return minutesByTimeframe[timeframe] * 60_000;
}

/** Bars per year for a 24/7 market: 525600 / minutes per bar (1h -> 8760, 1d -> 365). */
export function periodsPerYear(timeframe: Timeframe): number {
  return MINUTES_PER_YEAR / minutesByTimeframe[timeframe];
}

const columns = ['openTime', 'open', 'high', 'low', 'close', 'volume'] as const;

/**
 * Checks every rule a candle series must satisfy and throws an
 * `INVALID_CANDLES` EngineError naming the first offending index and field:
 * Float64Array columns of equal length, at least one bar, finite values,
 * strictly increasing openTime (gaps are allowed: exchanges halt), prices > 0,
 * volume >= 0, low <= min(open, close) and high >= max(open, close).
 */
export function validateCandles(candles: Candles, field = 'candles'): void {
  if (isKnownValid(candles)) return;
  if (typeof candles !== 'object' || candles === null) {
    throw new EngineError('INVALID_CANDLES', field, `${field} must be an object of Float64Array columns; got ${describeValue(candles)}`);
  }
  for (const col of columns) {
    const arr = (candles as unknown as Record<string, unknown>)[col];
    if (!(arr instanceof Float64Array)) {
      throw new EngineError('INVALID_CANDLES', `${field}.${col}`, `${field}.${col} must be a Float64Array; got ${describeValue(arr)}`);
    }
  }
  const n = candles.openTime.length;
  if (n === 0) {
    throw new EngineError('INVALID_CANDLES', field, `${field} must contain at least one bar; got 0`);
  }
  for (const col of columns) {
    if (candles[col].length !== n) {
      throw new EngineError(
        'INVALID_CANDLES',
        `${field}.${col}`,
        `${field}.${col} has length ${candles[col].length} but ${field}.openTime has length ${n}; all columns must have equal length`,
      );
    }
  }
  const { openTime, open, high, low, close, volume } = candles;
  let prevTime = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = openTime[i]!;
    const o = open[i]!;
    const h = high[i]!;
    const l = low[i]!;
    const c = close[i]!;
    const v = volume[i]!;
    // One combined test per bar (NaN fails every comparison); the slow path names the broken rule.
    if (t > prevTime && t < Infinity && l > 0 && l <= o && l <= c && h >= o && h >= c && h < Infinity && v >= 0 && v < Infinity) {
      prevTime = t;
      continue;
    }
    reportBadBar(field, i, prevTime, t, o, h, l, c, v);
  }
  validated.set(candles, columns.map((col) => candles[col]));
}

/**
 * Series already found valid, with the column arrays they had then. Candles
 * are immutable by contract, so the same object with the same columns is not
 * scanned again (a series is typically validated when it is built and then
 * backtested many times); replacing a column makes it a different series.
 */
const validated = new WeakMap<Candles, Float64Array[]>();

function isKnownValid(candles: Candles): boolean {
  if (typeof candles !== 'object' || candles === null) return false;
  const seen = validated.get(candles);
  if (seen === undefined) return false;
  for (let k = 0; k < columns.length; k++) if (candles[columns[k]!] !== seen[k]) return false;
  return true;
}

function reportBadBar(field: string, i: number, prevTime: number, t: number, o: number, h: number, l: number, c: number, v: number): never {
  if (!Number.isFinite(t)) bad(field, i, 'openTime', t, 'must be a finite epoch-millisecond time');
  if (!(t > prevTime)) bad(field, i, 'openTime', t, `must be strictly greater than the previous bar's openTime (${prevTime})`);
  if (!(Number.isFinite(o) && o > 0)) bad(field, i, 'open', o, 'must be a finite price > 0');
  if (!(Number.isFinite(h) && h > 0)) bad(field, i, 'high', h, 'must be a finite price > 0');
  if (!(Number.isFinite(l) && l > 0)) bad(field, i, 'low', l, 'must be a finite price > 0');
  if (!(Number.isFinite(c) && c > 0)) bad(field, i, 'close', c, 'must be a finite price > 0');
  if (!(Number.isFinite(v) && v >= 0)) bad(field, i, 'volume', v, 'must be a finite volume >= 0');
  if (l > o || l > c) bad(field, i, 'low', l, `must be <= min(open, close) = ${Math.min(o, c)}`);
  bad(field, i, 'high', h, `must be >= max(open, close) = ${Math.max(o, c)}`);
}

function bad(field: string, i: number, col: string, value: number, rule: string): never {
  throw new EngineError('INVALID_CANDLES', `${field}[${i}].${col}`, `${field}[${i}].${col} ${rule}; got ${describeValue(value)}`);
}

/** Allocates an empty series of `n` bars (all zeros); callers fill it. */
export function allocateCandles(n: number): Candles {
  return {
    openTime: new Float64Array(n),
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
}

/**
 * Builds validated columnar candles from `[openTime, open, high, low, close, volume]`
 * rows (the Binance kline layout without its trailing fields).
 */
export function candlesFromRows(rows: readonly (readonly number[])[], field = 'candles'): Candles {
  if (!Array.isArray(rows)) {
    throw new EngineError('INVALID_CANDLES', field, `${field} must be an array of [openTime, open, high, low, close, volume] rows; got ${describeValue(rows)}`);
  }
  const n = rows.length;
  const c = allocateCandles(n);
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!Array.isArray(row) || row.length < 6) {
      throw new EngineError(
        'INVALID_CANDLES',
        `${field}[${i}]`,
        `${field}[${i}] must be a row [openTime, open, high, low, close, volume]; got ${describeValue(row)}`,
      );
    }
    for (let k = 0; k < 6; k++) {
      const v = row[k];
      if (typeof v !== 'number') {
        throw new EngineError('INVALID_CANDLES', `${field}[${i}].${columns[k]}`, `${field}[${i}].${columns[k]} must be a number; got ${describeValue(v)}`);
      }
    }
    c.openTime[i] = row[0]!;
    c.open[i] = row[1]!;
    c.high[i] = row[2]!;
    c.low[i] = row[3]!;
    c.close[i] = row[4]!;
    c.volume[i] = row[5]!;
  }
  validateCandles(c, field);
  return c;
}

/** A zero-copy view of bars [start, end). */
export function sliceCandles(candles: Candles, start: number, end: number): Candles {
  return {
    openTime: candles.openTime.subarray(start, end),
    open: candles.open.subarray(start, end),
    high: candles.high.subarray(start, end),
    low: candles.low.subarray(start, end),
    close: candles.close.subarray(start, end),
    volume: candles.volume.subarray(start, end),
  };
}

export function candleCount(candles: Candles): number {
  return candles.openTime.length;
}
