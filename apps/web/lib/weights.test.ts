import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { addWeight, equalWeights, normalizeWeights, removeWeight, setWeight, weightsSum } from './weights';

const weights = fc
  .array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 10 })
  .map((w) => normalizeWeights(w));

const sumsToOne = (w: number[]) => {
  expect(Math.abs(weightsSum(w) - 1)).toBeLessThan(1e-9);
  for (const v of w) {
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(1);
  }
};

describe('portfolio weights', () => {
  it('splits equally and rescales the others in proportion (hand-worked)', () => {
    expect(equalWeights(4)).toEqual([0.25, 0.25, 0.25, 0.25]);
    // 0.5 / 0.3 / 0.2, first set to 0.8: the 0.2 left is shared 3:2.
    const next = setWeight([0.5, 0.3, 0.2], 0, 0.8);
    expect(next[0]).toBe(0.8);
    expect(next[1]).toBeCloseTo(0.12, 12);
    expect(next[2]).toBeCloseTo(0.08, 12);
    expect(setWeight([1, 0, 0], 0, 0.4)).toEqual([0.4, 0.3, 0.3]);
    expect(setWeight([1], 0, 0.3)).toEqual([1]);
  });

  test.prop([weights, fc.nat(), fc.double({ min: -1, max: 2, noNaN: true })])('setting one weight keeps the sum at 1 and the others in proportion', (w, i, value) => {
    const index = i % w.length;
    const next = setWeight(w, index, value);
    sumsToOne(next);
    if (w.length > 1) expect(next[index]).toBe(Math.min(1, Math.max(0, value)));
    const others = w.map((v, k) => [v, next[k]!] as const).filter((_, k) => k !== index);
    const [a, b] = others;
    if (a && b && a[0] > 1e-6 && b[0] > 1e-6 && next[index]! < 1 - 1e-6) expect(a[1] / b[1]).toBeCloseTo(a[0] / b[0], 6);
  });

  test.prop([weights])('adding a symbol gives it 1/(n+1) and keeps the sum at 1', (w) => {
    const next = addWeight(w);
    expect(next).toHaveLength(w.length + 1);
    expect(next[w.length]).toBeCloseTo(1 / (w.length + 1), 12);
    sumsToOne(next);
  });

  test.prop([weights.filter((w) => w.length > 1), fc.nat()])('removing a symbol scales the rest back up to 1', (w, i) => {
    const next = removeWeight(w, i % w.length);
    expect(next).toHaveLength(w.length - 1);
    sumsToOne(next);
  });

  it('turns all-zero or invalid weights into equal ones', () => {
    expect(normalizeWeights([0, 0])).toEqual([0.5, 0.5]);
    expect(normalizeWeights([Number.NaN, -1, 2])).toEqual([0, 0, 1]);
  });
});
