import { checkPeriod, checkSameLength } from './validate';

export function smaLookback(period: number): number {
  return period - 1;
}

/**
 * Simple moving average over the last `period` values (inclusive of i),
 * kept as a running sum: sma[i] = sum(src[i-period+1..i]) / period.
 * Indices < period - 1 are NaN.
 */
export function smaInto(out: Float64Array, src: Float64Array, period: number): Float64Array {
  checkPeriod(period, 'period');
  const n = src.length;
  checkSameLength(out, 'sma', n);
  const seedAt = period - 1;
  const warm = seedAt < n ? seedAt : n;
  for (let i = 0; i < warm; i++) out[i] = NaN;
  if (seedAt >= n) return out;
  let sum = 0;
  for (let i = 0; i < period; i++) sum += src[i]!;
  out[seedAt] = sum / period;
  for (let i = period; i < n; i++) {
    sum += src[i]! - src[i - period]!;
    out[i] = sum / period;
  }
  return out;
}
