import { describe, expect, it } from 'vitest';
import { EngineError } from './errors';
import { assertSeed, createRng } from './random';

describe('createRng', () => {
  it('gives the same stream for the same seed and different streams for different seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
  });

  it('draws uniforms in [0, 1) that pass a chi-square test over 10 bins', () => {
    const rng = createRng(7);
    const bins = new Array<number>(10).fill(0);
    const n = 100_000;
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      bins[Math.floor(u * 10)]!++;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    const chi2 = bins.reduce((s, o) => s + (o - n / 10) ** 2 / (n / 10), 0);
    // 99.9th percentile of chi-square with 9 degrees of freedom is 27.88.
    expect(chi2).toBeLessThan(27.88);
  });

  it('draws standard normals with mean 0 and variance 1', () => {
    const rng = createRng(11);
    const n = 100_000;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      s += z;
      s2 += z * z;
    }
    // Standard errors: mean 1/sqrt(n) = 0.0032, variance sqrt(2/n) = 0.0045; allow 5 of them.
    expect(Math.abs(s / n)).toBeLessThan(0.016);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.023);
  });

  it('draws integers in [0, n)', () => {
    const rng = createRng(3);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(7));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('rejects seeds that are not 32-bit unsigned integers', () => {
    expect(() => assertSeed(-1, 'seed')).toThrow(EngineError);
    expect(() => assertSeed(1.5, 'seed')).toThrow(/seed must be an integer in \[0, 4294967295\]; got 1.5/);
    expect(assertSeed(0, 'seed')).toBe(0);
  });
});
