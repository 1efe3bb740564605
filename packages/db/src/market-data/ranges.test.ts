import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { alignDown, alignUp, countBars, findGaps, mergeSpans, missingBarCount, subtractSpans, type Span } from './ranges';

const HOUR = 3_600_000;

/** Spans on a coarse grid so overlaps and touches actually happen. */
const spanArb = fc
  .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 }))
  .map(([a, len]): Span => ({ from: a * HOUR, to: (a + len) * HOUR }));

function contains(spans: Span[], t: number): boolean {
  return spans.some((s) => s.from <= t && t < s.to);
}

describe('span arithmetic', () => {
  test('aligns to the grid in both directions', () => {
    expect(alignUp(HOUR + 1, HOUR)).toBe(2 * HOUR);
    expect(alignUp(2 * HOUR, HOUR)).toBe(2 * HOUR);
    expect(alignDown(2 * HOUR - 1, HOUR)).toBe(HOUR);
  });

  test('subtracting cached spans leaves exactly the holes (hand-worked)', () => {
    const target = { from: 0, to: 10 * HOUR };
    const covered = [
      { from: 2 * HOUR, to: 4 * HOUR },
      { from: 3 * HOUR, to: 5 * HOUR },
      { from: 7 * HOUR, to: 12 * HOUR },
    ];
    expect(subtractSpans(target, covered)).toEqual([
      { from: 0, to: 2 * HOUR },
      { from: 5 * HOUR, to: 7 * HOUR },
    ]);
    expect(subtractSpans(target, [{ from: 0, to: 10 * HOUR }])).toEqual([]);
    expect(subtractSpans(target, [])).toEqual([target]);
  });

  test.prop([spanArb, fc.array(spanArb, { maxLength: 6 })])(
    'missing spans are disjoint from coverage and together with it cover the target exactly',
    (target, covered) => {
      const missing = subtractSpans(target, covered);
      for (let i = 1; i < missing.length; i++) expect(missing[i]!.from).toBeGreaterThan(missing[i - 1]!.to - 1);
      for (let t = target.from; t < target.to; t += HOUR / 2) {
        const inMissing = contains(missing, t);
        expect(inMissing).toBe(!contains(covered, t));
      }
      for (const m of missing) {
        expect(m.from).toBeGreaterThanOrEqual(target.from);
        expect(m.to).toBeLessThanOrEqual(target.to);
        expect(m.to).toBeGreaterThan(m.from);
      }
    },
  );

  test.prop([fc.array(spanArb, { maxLength: 8 })])('merging keeps the same points and leaves no overlap or touch', (spans) => {
    const merged = mergeSpans(spans);
    for (let i = 1; i < merged.length; i++) expect(merged[i]!.from).toBeGreaterThan(merged[i - 1]!.to);
    for (let t = 0; t < 80 * HOUR; t += HOUR / 2) expect(contains(merged, t)).toBe(contains(spans, t));
  });
});

describe('gap finding', () => {
  test('reports the 2023-03-24 13:00 halt as one missing bar', () => {
    const t0 = Date.parse('2023-03-24T10:00:00Z');
    const openTime = [t0, t0 + HOUR, t0 + 2 * HOUR, t0 + 4 * HOUR, t0 + 5 * HOUR];
    expect(findGaps(openTime, t0, t0 + 6 * HOUR, HOUR)).toEqual([
      { from: Date.parse('2023-03-24T13:00:00Z'), to: Date.parse('2023-03-24T14:00:00Z'), missingBars: 1 },
    ]);
  });

  test('reports missing bars at both ends of the window', () => {
    expect(findGaps([3 * HOUR], 0, 6 * HOUR, HOUR)).toEqual([
      { from: 0, to: 3 * HOUR, missingBars: 3 },
      { from: 4 * HOUR, to: 6 * HOUR, missingBars: 2 },
    ]);
    expect(findGaps([], HOUR + 5, 3 * HOUR + 1, HOUR)).toEqual([{ from: 2 * HOUR, to: 4 * HOUR, missingBars: 2 }]);
  });

  test.prop([fc.uniqueArray(fc.integer({ min: 0, max: 99 }), { maxLength: 100 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 60 })])(
    'present bars plus missing bars equal the expected bar count',
    (indices, startBar, lengthBars) => {
      const from = startBar * HOUR;
      const to = (startBar + lengthBars) * HOUR;
      const openTime = [...indices].sort((a, b) => a - b).map((i) => i * HOUR);
      const present = openTime.filter((t) => t >= from && t < to).length;
      const gaps = findGaps(openTime, from, to, HOUR);
      expect(present + missingBarCount(gaps)).toBe(countBars(from, to, HOUR));
      for (const g of gaps) {
        expect(g.to - g.from).toBe(g.missingBars * HOUR);
        for (let t = g.from; t < g.to; t += HOUR) expect(openTime.includes(t)).toBe(false);
      }
    },
  );
});
