import { describe, expect, it } from 'vitest';
import { estimateBars } from './bars';

describe('estimateBars', () => {
  it('counts the bars opening in the range (hand-worked)', () => {
    // 2024 is a leap year: Jan 31 + Feb 29 days = 60 days.
    expect(estimateBars('1h', '2024-01-01', '2024-03-01')).toBe(1_440);
    expect(estimateBars('1m', '2024-01-01', '2024-02-05')).toBe(50_400);
    expect(estimateBars('1d', '2023-01-01', '2024-01-01')).toBe(365);
    expect(estimateBars('1m', '2023-01-01', '2023-12-15')).toBe(501_120);
  });

  it('says nothing while the inputs are incomplete or reversed', () => {
    expect(estimateBars('2h', '2024-01-01', '2024-03-01')).toBeNull();
    expect(estimateBars('1h', '2024-01-0', '2024-03-01')).toBeNull();
    expect(estimateBars('1h', '2024-03-01', '2024-01-01')).toBeNull();
  });
});
