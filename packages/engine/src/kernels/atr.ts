import { checkPeriod, checkSameLength } from './validate';

/** Index of the first defined ATR value: it averages TR[1..period], which need a previous close. */
export function atrLookback(period: number): number {
  return period;
}

/**
 * Average true range with Wilder's smoothing (Wilder 1978; also TA-Lib and
 * `technicalindicators`):
 *   atr[period] = mean(TR[1..period])
 *   atr[i] = (atr[i-1] * (period - 1) + TR[i]) / period
 * TR[0] (no previous close) is excluded from the seed. Indices < period are NaN.
 * The recursion is evaluated as atr[i-1] * ((period-1)/period) + TR[i] * (1/period),
 * algebraically the same and equal up to rounding (~1e-16 relative), which
 * keeps divisions out of the loop.
 */
export function atrInto(out: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, period: number): Float64Array {
  checkPeriod(period, 'period');
  const n = close.length;
  checkSameLength(out, 'atr', n);
  checkSameLength(high, 'high', n, 'high');
  checkSameLength(low, 'low', n, 'low');
  const warm = period < n ? period : n;
  for (let i = 0; i < warm; i++) out[i] = NaN;
  if (period >= n) return out;
  let sum = 0;
  for (let i = 1; i <= period; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const pc = close[i - 1]!;
    sum += Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc));
  }
  let prev = sum / period;
  out[period] = prev;
  const keep = (period - 1) / period;
  const inv = 1 / period;
  for (let i = period + 1; i < n; i++) {
    const h = high[i]!;
    const l = low[i]!;
    const pc = close[i - 1]!;
    // Math.max/abs compile to branch-free instructions; the largest of the three ranges is data-dependent.
    prev = prev * keep + Math.max(h - l, Math.abs(h - pc), Math.abs(l - pc)) * inv;
    out[i] = prev;
  }
  return out;
}
