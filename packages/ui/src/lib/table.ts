/** Sorting and paging for tables, done on row indices so thousands of rows never get copied. */

export type SortDirection = 'asc' | 'desc';
export type SortValue = number | string | boolean | null | undefined;

function isBlank(v: SortValue): boolean {
  return v === null || v === undefined || (typeof v === 'number' && Number.isNaN(v));
}

/**
 * Ascending comparison: numbers numerically (−∞ < … < +∞), strings by code
 * point (deterministic across locales), false < true. Mixed types order as
 * boolean < number < string. Blanks (null, undefined, NaN) compare equal to
 * each other; sortedIndices keeps them last in both directions.
 */
export function compareValues(a: SortValue, b: SortValue): number {
  const ba = isBlank(a);
  const bb = isBlank(b);
  if (ba || bb) return ba === bb ? 0 : ba ? 1 : -1;
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== tb) {
    const order = { boolean: 0, number: 1, string: 2 } as Record<string, number>;
    return (order[ta] ?? 3) - (order[tb] ?? 3);
  }
  if (ta === 'number') return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
  if (ta === 'boolean') return a === b ? 0 : a ? 1 : -1;
  return (a as string) < (b as string) ? -1 : (a as string) > (b as string) ? 1 : 0;
}

/**
 * Row indices in sorted order. Stable: rows with equal keys keep their input
 * order in both directions, so re-sorting never shuffles ties. Blank values
 * go last whichever the direction.
 */
export function sortedIndices<T>(rows: readonly T[], key: (row: T) => SortValue, direction: SortDirection): number[] {
  const keys = rows.map(key);
  const indices = rows.map((_, i) => i);
  const sign = direction === 'asc' ? 1 : -1;
  indices.sort((i, j) => {
    const a = keys[i];
    const b = keys[j];
    const blankA = isBlank(a);
    const blankB = isBlank(b);
    if (blankA !== blankB) return blankA ? 1 : -1;
    const c = blankA ? 0 : compareValues(a, b) * sign;
    return c !== 0 ? c : i - j;
  });
  return indices;
}

export interface PageWindow {
  /** Zero-based page, clamped into [0, pageCount - 1]. */
  page: number;
  /** At least 1, so an empty table still has a page to show. */
  pageCount: number;
  /** First row index on the page (inclusive). */
  start: number;
  /** Row index after the last on the page (exclusive). */
  end: number;
}

/** The rows of `page` for `total` rows at `pageSize` per page. Throws on a non-positive page size. */
export function paginate(total: number, page: number, pageSize: number): PageWindow {
  if (!Number.isInteger(pageSize) || pageSize < 1) {
    throw new RangeError(`pageSize must be a positive integer; got ${pageSize}`);
  }
  const rows = Math.max(0, Math.floor(total));
  const pageCount = Math.max(1, Math.ceil(rows / pageSize));
  const p = Number.isFinite(page) ? Math.min(pageCount - 1, Math.max(0, Math.floor(page))) : 0;
  const start = p * pageSize;
  return { page: p, pageCount, start, end: Math.min(rows, start + pageSize) };
}
