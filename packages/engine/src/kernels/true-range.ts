import { checkSameLength } from './validate';

/**
 * True range (Wilder 1978, "New Concepts in Technical Trading Systems"):
 *   TR[0] = high[0] - low[0]
 *   TR[i] = max(high[i] - low[i], |high[i] - close[i-1]|, |low[i] - close[i-1]|)
 */
export function trueRangeInto(out: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array): Float64Array {
  const n = close.length;
  checkSameLength(out, 'trueRange', n);
  checkSameLength(high, 'high', n, 'high');
  checkSameLength(low, 'low', n, 'low');
  if (n === 0) return out;
  out[0] = high[0]! - low[0]!;
  for (let i = 1; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const pc = close[i - 1]!;
    out[i] = Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
  }
  return out;
}

export function trueRangeLookback(): number {
  return 0;
}
