// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { estimateEtaMs, progressState, progressText } from './progress';

describe('progressState', () => {
  it('computes the fraction done', () => {
    expect(progressState(120, 500)).toEqual({ evaluated: 120, total: 500, fraction: 0.24 });
    expect(progressState(0, 0).fraction).toBeNull();
  });

  it('names the field and the rule for impossible counts', () => {
    expect(() => progressState(510, 500)).toThrow('evaluated: (510) must not exceed total (500)');
    expect(() => progressState(-1, 500)).toThrow('evaluated: must be a whole number ≥ 0; got -1');
    expect(() => progressState(1, 2.5)).toThrow('total: must be a whole number ≥ 0 (0 while unknown); got 2.5');
  });
});

describe('estimateEtaMs', () => {
  it('extrapolates the average pace', () => {
    // 100 of 500 in 20 s → 0.2 s each → 400 left → 80 s.
    expect(estimateEtaMs(100, 500, 20_000)).toBeCloseTo(80_000, 6);
    expect(estimateEtaMs(500, 500, 20_000)).toBe(0);
  });

  it('gives no estimate before the first result or without a total', () => {
    expect(estimateEtaMs(0, 500, 1000)).toBeNull();
    expect(estimateEtaMs(10, 0, 1000)).toBeNull();
  });
});

describe('progressText', () => {
  it('reads evaluated of total, percent and time left', () => {
    expect(progressText(progressState(120, 500), 80_000)).toBe('120 of 500 evaluated (24%), about 1 min 20 s left');
    expect(progressText(progressState(500, 500), 1000)).toBe('500 of 500 evaluated (100%)');
    expect(progressText(progressState(7, 0), null)).toBe('7 evaluated, total not known yet');
    expect(progressText(progressState(2, 3), null, 'folds done')).toBe('2 of 3 folds done (66%)');
  });
});
