export interface Moments {
  n: number;
  mean: number;
  /** Sample standard deviation (divisor n - 1). */
  stdev: number;
  /** Population skewness m3 / m2^1.5 (0 for a symmetric sample). */
  skew: number;
  /** Population kurtosis m4 / m2^2, not excess: 3 for a normal sample. */
  kurtosis: number;
}

/**
 * Mean, sample stdev and the population skewness and (non-excess) kurtosis
 * used by the Probabilistic Sharpe Ratio (Bailey & López de Prado 2012).
 * A constant sample has skew 0 and kurtosis 3 by convention (the normal values,
 * which make the PSR's variance term neutral).
 */
export function moments(x: ArrayLike<number>): Moments {
  const n = x.length;
  if (n === 0) return { n: 0, mean: 0, stdev: 0, skew: 0, kurtosis: 3 };
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i]!;
  const mean = s / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i]! - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  const stdev = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
  m2 /= n;
  m3 /= n;
  m4 /= n;
  if (!(m2 > 0)) return { n, mean, stdev, skew: 0, kurtosis: 3 };
  return { n, mean, stdev, skew: m3 / Math.pow(m2, 1.5), kurtosis: m4 / (m2 * m2) };
}

/**
 * Percentile by linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of numpy and R): position (n - 1) * q in the sorted sample.
 */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const w = pos - lo;
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * w;
}
