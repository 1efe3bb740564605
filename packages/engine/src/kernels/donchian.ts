import { checkPeriod, checkSameLength } from './validate';

export function donchianLookback(period: number): number {
  return period - 1;
}

/**
 * Donchian channel (Donchian 1960s; the Turtle rules' breakout levels):
 *   upper[i] = max(high[i-period+1..i]), lower[i] = min(low[i-period+1..i]).
 * The window includes bar i; a breakout rule compares close[i] with the
 * channel of the previous bar (upper[i-1]). The extreme is rescanned only when
 * it leaves the window, so the cost is amortised O(n) without a deque buffer.
 * Indices < period - 1 are NaN.
 */
export function donchianInto(
  upper: Float64Array,
  lower: Float64Array,
  high: Float64Array,
  low: Float64Array,
  period: number,
): void {
  checkPeriod(period, 'period');
  const n = high.length;
  checkSameLength(upper, 'donchianUpper', n, 'upper');
  checkSameLength(lower, 'donchianLower', n, 'lower');
  checkSameLength(low, 'low', n, 'low');
  const seedAt = period - 1;
  const warm = seedAt < n ? seedAt : n;
  for (let i = 0; i < warm; i++) {
    upper[i] = NaN;
    lower[i] = NaN;
  }
  if (seedAt >= n) return;
  let hiIdx = 0;
  let loIdx = 0;
  for (let i = 1; i < period; i++) {
    if (high[i]! >= high[hiIdx]!) hiIdx = i;
    if (low[i]! <= low[loIdx]!) loIdx = i;
  }
  upper[seedAt] = high[hiIdx]!;
  lower[seedAt] = low[loIdx]!;
  for (let i = period; i < n; i++) {
    const from = i - period + 1;
    if (hiIdx < from) {
      hiIdx = from;
      for (let k = from + 1; k <= i; k++) if (high[k]! >= high[hiIdx]!) hiIdx = k;
    } else if (high[i]! >= high[hiIdx]!) {
      hiIdx = i;
    }
    if (loIdx < from) {
      loIdx = from;
      for (let k = from + 1; k <= i; k++) if (low[k]! <= low[loIdx]!) loIdx = k;
    } else if (low[i]! <= low[loIdx]!) {
      loIdx = i;
    }
    upper[i] = high[hiIdx]!;
    lower[i] = low[loIdx]!;
  }
}
