import { EngineError, describeValue } from '../errors';
import { checkPeriod, checkSameLength } from './validate';

export function bollingerLookback(period: number): number {
  return period - 1;
}

/**
 * Bollinger bands (Bollinger 2001): middle = SMA(period), upper/lower =
 * middle +/- k * population standard deviation over the same window (divisor
 * `period`, as in Bollinger's definition, TA-Lib BBANDS and
 * `technicalindicators` BollingerBands). The mean and the sum of squared
 * deviations slide with the replace-one-observation update (as in stdevInto).
 * Indices < period - 1 are NaN.
 */
export function bollingerInto(
  middle: Float64Array,
  upper: Float64Array,
  lower: Float64Array,
  close: Float64Array,
  period: number,
  k: number,
): void {
  checkPeriod(period, 'period');
  if (!Number.isFinite(k) || k <= 0) {
    throw new EngineError('INVALID_PARAMS', 'k', `k (band width in standard deviations) must be a finite number > 0; got ${describeValue(k)}`);
  }
  const n = close.length;
  checkSameLength(middle, 'bollingerMiddle', n, 'middle');
  checkSameLength(upper, 'bollingerUpper', n, 'upper');
  checkSameLength(lower, 'bollingerLower', n, 'lower');
  const seedAt = period - 1;
  const warm = seedAt < n ? seedAt : n;
  for (let i = 0; i < warm; i++) {
    middle[i] = NaN;
    upper[i] = NaN;
    lower[i] = NaN;
  }
  if (seedAt >= n) return;
  let mean = 0;
  for (let i = 0; i < period; i++) mean += close[i]!;
  mean /= period;
  let m2 = 0;
  for (let i = 0; i < period; i++) {
    const d = close[i]! - mean;
    m2 += d * d;
  }
  let w = k * Math.sqrt(m2 / period);
  middle[seedAt] = mean;
  upper[seedAt] = mean + w;
  lower[seedAt] = mean - w;
  for (let i = period; i < n; i++) {
    const xNew = close[i]!;
    const xOld = close[i - period]!;
    const newMean = mean + (xNew - xOld) / period;
    m2 += (xNew - xOld) * (xNew - newMean + xOld - mean);
    mean = newMean;
    if (m2 < 0) m2 = 0;
    w = k * Math.sqrt(m2 / period);
    middle[i] = mean;
    upper[i] = mean + w;
    lower[i] = mean - w;
  }
}
