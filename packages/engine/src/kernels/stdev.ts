import { checkPeriod, checkSameLength } from './validate';

export function stdevLookback(period: number): number {
  return period - 1;
}

/**
 * Rolling population standard deviation over the last `period` values
 * (divisor `period`, as Bollinger (2001) defines the bands and as TA-Lib's
 * STDDEV and `technicalindicators` SD compute it). The window's mean and sum
 * of squared deviations slide with the update for replacing one observation
 * (Welford 1962 generalised to a fixed window), which avoids the cancellation
 * of the sum-of-squares formula at crypto price levels.
 * Indices < period - 1 are NaN.
 */
export function stdevInto(out: Float64Array, src: Float64Array, period: number): Float64Array {
  checkPeriod(period, 'period');
  const n = src.length;
  checkSameLength(out, 'stdev', n);
  const seedAt = period - 1;
  const warm = seedAt < n ? seedAt : n;
  for (let i = 0; i < warm; i++) out[i] = NaN;
  if (seedAt >= n) return out;
  let mean = 0;
  for (let i = 0; i < period; i++) mean += src[i]!;
  mean /= period;
  let m2 = 0;
  for (let i = 0; i < period; i++) {
    const d = src[i]! - mean;
    m2 += d * d;
  }
  out[seedAt] = Math.sqrt(m2 / period);
  for (let i = period; i < n; i++) {
    const xNew = src[i]!;
    const xOld = src[i - period]!;
    const newMean = mean + (xNew - xOld) / period;
    m2 += (xNew - xOld) * (xNew - newMean + xOld - mean);
    mean = newMean;
    if (m2 < 0) m2 = 0;
    out[i] = Math.sqrt(m2 / period);
  }
  return out;
}
