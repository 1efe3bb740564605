import { describe, expect, it } from 'vitest';
import { drawdownOf, nullableToFloat, pointsToColumns } from './series';

describe('series columns', () => {
  it('splits [time, value] pairs into columns', () => {
    const c = pointsToColumns([
      [1000, 5],
      [2000, 6],
    ]);
    expect(Array.from(c.time)).toEqual([1000, 2000]);
    expect(Array.from(c.values)).toEqual([5, 6]);
  });

  it('turns warm-up nulls into NaN', () => {
    expect(Array.from(nullableToFloat([null, null, 3.5]))).toEqual([Number.NaN, Number.NaN, 3.5]);
  });

  it('measures drawdown from the running peak (hand-worked: 100, 120, 90, 130, 117)', () => {
    const dd = drawdownOf(pointsToColumns([[1, 100], [2, 120], [3, 90], [4, 130], [5, 117]]));
    const expected = [0, 0, -0.25, 0, -0.1];
    Array.from(dd.values).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 12));
  });
});
