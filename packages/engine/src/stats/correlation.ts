/**
 * Pearson correlation of two equally long series; 0 when either is constant
 * (the coefficient is undefined and no linear co-movement can be shown).
 */
export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  if (n < 2) return 0;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = a[i]! - ma;
    const db = b[i]! - mb;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (!(saa > 0) || !(sbb > 0)) return 0;
  const r = sab / Math.sqrt(saa * sbb);
  return r > 1 ? 1 : r < -1 ? -1 : r;
}

/**
 * N x N Pearson correlation matrix: symmetric by construction (each pair is
 * computed once and mirrored), diagonal exactly 1, entries clamped to [-1, 1].
 */
export function correlationMatrix(series: readonly ArrayLike<number>[]): number[][] {
  const n = series.length;
  const m: number[][] = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    m[i]![i] = 1;
    for (let j = i + 1; j < n; j++) {
      const r = pearson(series[i]!, series[j]!);
      m[i]![j] = r;
      m[j]![i] = r;
    }
  }
  return m;
}

/** Mean of the upper triangle (i < j) of a correlation matrix; 0 for a single series. */
export function averageOffDiagonal(matrix: readonly (readonly number[])[]): number {
  const n = matrix.length;
  let s = 0;
  let k = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      s += matrix[i]![j]!;
      k++;
    }
  }
  return k > 0 ? s / k : 0;
}
