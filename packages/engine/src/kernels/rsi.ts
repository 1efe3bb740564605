import { checkPeriod, checkSameLength } from './validate';

/** Index of the first defined RSI value: it averages the changes 1..period. */
export function rsiLookback(period: number): number {
  return period;
}

/**
 * Relative strength index with Wilder's smoothing (Wilder 1978):
 *   gain[i] = max(src[i] - src[i-1], 0), loss[i] = max(src[i-1] - src[i], 0)
 *   avgGain[period] = mean(gain[1..period]); then avgGain[i] = (avgGain[i-1]*(period-1) + gain[i]) / period
 *   (the same for losses), RSI = 100 - 100 / (1 + avgGain / avgLoss).
 * When avgLoss is 0 the RSI is 100, or 50 when avgGain is 0 too (a flat
 * window has no momentum either way). Indices < period are NaN.
 * The smoothing is evaluated as avg * ((period-1)/period) + x / period (equal
 * up to rounding) to keep divisions off the loop-carried chain.
 */
export function rsiInto(out: Float64Array, src: Float64Array, period: number): Float64Array {
  checkPeriod(period, 'period');
  const n = src.length;
  checkSameLength(out, 'rsi', n);
  const warm = period < n ? period : n;
  for (let i = 0; i < warm; i++) out[i] = NaN;
  if (period >= n) return out;
  let g = 0;
  let l = 0;
  for (let i = 1; i <= period; i++) {
    const d = src[i]! - src[i - 1]!;
    if (d > 0) g += d;
    else l -= d;
  }
  g /= period;
  l /= period;
  out[period] = rsiValue(g, l);
  const keep = (period - 1) / period;
  for (let i = period + 1; i < n; i++) {
    const d = src[i]! - src[i - 1]!;
    const gain = d > 0 ? d : 0;
    const loss = d < 0 ? -d : 0;
    g = g * keep + gain / period;
    l = l * keep + loss / period;
    out[i] = rsiValue(g, l);
  }
  return out;
}

function rsiValue(avgGain: number, avgLoss: number): number {
  if (avgLoss === 0) return avgGain === 0 ? 50 : 100;
  return 100 - 100 / (1 + avgGain / avgLoss);
}
