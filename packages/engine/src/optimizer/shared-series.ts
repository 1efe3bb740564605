import type { Candles } from '../candles';

/**
 * A candle series in one SharedArrayBuffer: the six columns laid end to end
 * (openTime, open, high, low, close, volume), each `length` float64s. Posting
 * it to a worker shares the memory instead of copying it, so every thread
 * reads the same bytes.
 */
export interface SharedSeries {
  id: number;
  buffer: SharedArrayBuffer;
  length: number;
}

const COLUMNS = 6;

export function candlesFromShared(s: SharedSeries): Candles {
  const n = s.length;
  const col = (k: number): Float64Array => new Float64Array(s.buffer, k * n * 8, n);
  return { openTime: col(0), open: col(1), high: col(2), low: col(3), close: col(4), volume: col(5) };
}

let nextId = 1;
const shared = new WeakMap<Candles, SharedSeries>();

/** The shared copy of a series, made once per Candles object and reused by every later request on it. */
export function shareCandles(candles: Candles): SharedSeries {
  const hit = shared.get(candles);
  if (hit !== undefined) return hit;
  const n = candles.close.length;
  const buffer = new SharedArrayBuffer(COLUMNS * n * 8);
  const s: SharedSeries = { id: nextId++, buffer, length: n };
  const view = candlesFromShared(s);
  view.openTime.set(candles.openTime);
  view.open.set(candles.open);
  view.high.set(candles.high);
  view.low.set(candles.low);
  view.close.set(candles.close);
  view.volume.set(candles.volume);
  shared.set(candles, s);
  return s;
}
