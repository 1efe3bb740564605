// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { compareValues, paginate, sortedIndices } from './table';

describe('compareValues', () => {
  it('orders numbers numerically, strings by code point, and blanks as equal', () => {
    expect(compareValues(2, 10)).toBeLessThan(0);
    expect(compareValues(-Infinity, -1e308)).toBeLessThan(0);
    expect(compareValues('B', 'a')).toBeLessThan(0);
    expect(compareValues(false, true)).toBeLessThan(0);
    expect(compareValues(null, NaN)).toBe(0);
    expect(compareValues(1, null)).toBeLessThan(0);
  });
});

const valueArb = fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constant(null), fc.constant(NaN), fc.double({ noNaN: true }));

describe('sortedIndices', () => {
  test.prop([fc.array(valueArb, { maxLength: 200 }), fc.constantFrom('asc' as const, 'desc' as const)])(
    'returns a permutation in order, blanks last, ties in input order',
    (values, dir) => {
      const idx = sortedIndices(values, (v) => v, dir);
      expect([...idx].sort((a, b) => a - b)).toEqual(values.map((_, i) => i));
      const blank = (v: number | null) => v === null || Number.isNaN(v);
      for (let k = 1; k < idx.length; k++) {
        const a = values[idx[k - 1]!]!;
        const b = values[idx[k]!]!;
        if (blank(a)) {
          expect(blank(b)).toBe(true);
          expect(idx[k - 1]!).toBeLessThan(idx[k]!);
          continue;
        }
        if (blank(b)) continue;
        const c = compareValues(a, b) * (dir === 'asc' ? 1 : -1);
        expect(c).toBeLessThanOrEqual(0);
        if (c === 0) expect(idx[k - 1]!).toBeLessThan(idx[k]!);
      }
    },
  );

  it('sorts rows by an accessor without touching the rows', () => {
    const rows = [{ pnl: 5 }, { pnl: -3 }, { pnl: 12 }, { pnl: -3 }];
    expect(sortedIndices(rows, (r) => r.pnl, 'asc')).toEqual([1, 3, 0, 2]);
    expect(sortedIndices(rows, (r) => r.pnl, 'desc')).toEqual([2, 0, 1, 3]);
  });
});

describe('paginate', () => {
  test.prop([fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 1, max: 300 })])('pages cover every row exactly once', (total, size) => {
    const first = paginate(total, 0, size);
    const seen: number[] = [];
    for (let p = 0; p < first.pageCount; p++) {
      const w = paginate(total, p, size);
      expect(w.page).toBe(p);
      for (let i = w.start; i < w.end; i++) seen.push(i);
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));
  });

  it('clamps the page and keeps one page for an empty table', () => {
    expect(paginate(0, 3, 25)).toEqual({ page: 0, pageCount: 1, start: 0, end: 0 });
    expect(paginate(101, 99, 25)).toEqual({ page: 4, pageCount: 5, start: 100, end: 101 });
    expect(paginate(101, -2, 25).page).toBe(0);
  });

  it('rejects a page size that is not a positive integer', () => {
    expect(() => paginate(10, 0, 0)).toThrow(/pageSize must be a positive integer; got 0/);
    expect(() => paginate(10, 0, 2.5)).toThrow(/got 2.5/);
  });
});
