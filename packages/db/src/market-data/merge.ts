/** Columnar merges used when fetched bars meet cached ones. */
import { CANDLE_COLUMNS, emptyCandles, type Candles } from './types';

/**
 * Sorted union of two ascending series by openTime; on equal openTime the row
 * from `b` wins. Either input may be empty.
 */
export function mergeCandles(a: Candles, b: Candles): Candles {
  const na = a.openTime.length;
  const nb = b.openTime.length;
  if (nb === 0) return a;
  if (na === 0) return b;
  const out = emptyCandles(na + nb);
  let i = 0;
  let j = 0;
  let k = 0;
  const take = (src: Candles, index: number) => {
    for (const key of CANDLE_COLUMNS) out[key][k] = src[key][index]!;
    k++;
  };
  while (i < na || j < nb) {
    if (j >= nb) take(a, i++);
    else if (i >= na) take(b, j++);
    else {
      const ta = a.openTime[i]!;
      const tb = b.openTime[j]!;
      if (ta < tb) take(a, i++);
      else if (tb < ta) take(b, j++);
      else {
        take(b, j++);
        i++;
      }
    }
  }
  if (k === out.openTime.length) return out;
  const trimmed = emptyCandles(k);
  for (const key of CANDLE_COLUMNS) trimmed[key].set(out[key].subarray(0, k));
  return trimmed;
}

/** Rows with openTime in [from, to), as views. `c` must be ascending. */
export function windowCandles(c: Candles, from: number, to: number): Candles {
  const t = c.openTime;
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < from) lo = mid + 1;
    else hi = mid;
  }
  const start = lo;
  hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < to) lo = mid + 1;
    else hi = mid;
  }
  const out = {} as Candles;
  for (const key of CANDLE_COLUMNS) out[key] = c[key].subarray(start, lo);
  return out;
}
