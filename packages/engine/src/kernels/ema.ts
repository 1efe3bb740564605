import { checkPeriod, checkSameLength } from './validate';

/** Index of the first defined EMA value: the seed is the mean of the first `period` inputs. */
export function emaLookback(period: number): number {
  return period - 1;
}

/**
 * Exponential moving average with alpha = 2 / (period + 1), seeded with the
 * simple mean of the first `period` values (the definition in Appel's and
 * TA-Lib's EMA, and in `technicalindicators`):
 *   ema[period-1] = mean(src[0..period-1])
 *   ema[i] = alpha * src[i] + (1 - alpha) * ema[i-1]
 * Indices before the seed are NaN. Writes into `out` (same length as `src`).
 */
export function emaInto(out: Float64Array, src: Float64Array, period: number): Float64Array {
  checkPeriod(period, 'period');
  const n = src.length;
  checkSameLength(out, 'ema', n);
  const seedAt = period - 1;
  const warm = seedAt < n ? seedAt : n;
  for (let i = 0; i < warm; i++) out[i] = NaN;
  if (seedAt >= n) return out;
  let sum = 0;
  for (let i = 0; i < period; i++) sum += src[i]!;
  let prev = sum / period;
  out[seedAt] = prev;
  const alpha = 2 / (period + 1);
  const beta = 1 - alpha;
  for (let i = period; i < n; i++) {
    prev = alpha * src[i]! + beta * prev;
    out[i] = prev;
  }
  return out;
}
