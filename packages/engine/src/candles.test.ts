import { describe, expect, it } from 'vitest';
import { candlesFromRows, periodsPerYear, sliceCandles, timeframeMs, timeframes, validateCandles, type CandleRow } from './candles';
import { EngineError } from './errors';

const rows: CandleRow[] = [
  [0, 10, 11, 9, 10.5, 5],
  [60_000, 10.5, 12, 10, 11, 0],
  // A gap (a missing minute) is allowed: exchanges halt.
  [180_000, 11, 11.5, 10.8, 11.2, 3],
];

function errorOf(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('expected an EngineError');
}

describe('candlesFromRows', () => {
  it('builds columnar Float64Arrays from [openTime, o, h, l, c, v] rows', () => {
    const c = candlesFromRows(rows);
    expect(c.openTime).toBeInstanceOf(Float64Array);
    expect(Array.from(c.close)).toEqual([10.5, 11, 11.2]);
    expect(Array.from(c.volume)).toEqual([5, 0, 3]);
  });

  it('names the row and column of a non-numeric value', () => {
    const e = errorOf(() => candlesFromRows([[0, 1, 1, 1, 1, 1], [1, 1, 1, 1, '2' as unknown as number, 1]]));
    expect(e.code).toBe('INVALID_CANDLES');
    expect(e.field).toBe('candles[1].close');
    expect(e.message).toContain('must be a number; got "2"');
  });

  it('rejects a short row', () => {
    expect(errorOf(() => candlesFromRows([[0, 1, 1, 1]])).field).toBe('candles[0]');
  });
});

describe('validateCandles', () => {
  const cases: [string, (r: number[][]) => void, string, RegExp][] = [
    ['a non-increasing openTime', (r) => (r[2]![0] = 60_000), 'candles[2].openTime', /strictly greater than the previous bar's openTime \(60000\); got 60000/],
    ['a zero price', (r) => (r[1]![1] = 0), 'candles[1].open', /finite price > 0; got 0/],
    ['a NaN high', (r) => (r[0]![2] = NaN), 'candles[0].high', /finite price > 0; got NaN/],
    ['an infinite close', (r) => (r[2]![4] = Infinity), 'candles[2].close', /finite price > 0; got Infinity/],
    ['a negative volume', (r) => (r[1]![5] = -1), 'candles[1].volume', /finite volume >= 0; got -1/],
    ['a low above the open', (r) => (r[2]![3] = 11.1), 'candles[2].low', /<= min\(open, close\) = 11; got 11.1/],
    ['a high below the close', (r) => (r[0]![2] = 10.4), 'candles[0].high', />= max\(open, close\) = 10.5; got 10.4/],
  ];
  it.each(cases)('names the first offending bar for %s', (_, mutate, field, message) => {
    const r = rows.map((x) => [...x]);
    mutate(r);
    const e = errorOf(() => candlesFromRows(r));
    expect(e.code).toBe('INVALID_CANDLES');
    expect(e.field).toBe(field);
    expect(e.message).toMatch(message);
  });

  it('reports only the first bad index when several bars are bad', () => {
    const r = rows.map((x) => [...x]);
    r[1]![5] = -1;
    r[2]![5] = -2;
    expect(errorOf(() => candlesFromRows(r)).field).toBe('candles[1].volume');
  });

  it('rejects columns of different lengths, non-Float64Array columns and an empty series', () => {
    const c = candlesFromRows(rows);
    expect(errorOf(() => validateCandles({ ...c, volume: new Float64Array(2) })).message).toMatch(/candles.volume has length 2 but candles.openTime has length 3/);
    expect(errorOf(() => validateCandles({ ...c, close: [1, 2, 3] as unknown as Float64Array })).field).toBe('candles.close');
    expect(errorOf(() => candlesFromRows([])).message).toMatch(/at least one bar/);
  });

  it('checks a series again when one of its columns is replaced, even after it was found valid', () => {
    const c = candlesFromRows(rows);
    expect(() => validateCandles(c)).not.toThrow();
    const high = c.high.slice();
    high[1] = 1;
    expect(errorOf(() => validateCandles({ ...c, high })).field).toBe('candles[1].high');
  });

  it('accepts zero-volume halt bars with O=H=L=C', () => {
    expect(() => candlesFromRows([[0, 5, 5, 5, 5, 0]])).not.toThrow();
  });
});

describe('timeframes', () => {
  it('lists the supported bar lengths', () => {
    expect(timeframes).toEqual(['1m', '5m', '15m', '30m', '1h', '4h', '1d']);
  });

  it('gives periods per year as 525600 / minutes per bar for a 24/7 market', () => {
    expect(periodsPerYear('1m')).toBe(525_600);
    expect(periodsPerYear('5m')).toBe(105_120);
    expect(periodsPerYear('15m')).toBe(35_040);
    expect(periodsPerYear('30m')).toBe(17_520);
    expect(periodsPerYear('1h')).toBe(8_760);
    expect(periodsPerYear('4h')).toBe(2_190);
    expect(periodsPerYear('1d')).toBe(365);
    expect(timeframeMs('4h')).toBe(14_400_000);
  });
});

describe('sliceCandles', () => {
  it('returns zero-copy views of a bar range', () => {
    const c = candlesFromRows(rows);
    const s = sliceCandles(c, 1, 3);
    expect(Array.from(s.openTime)).toEqual([60_000, 180_000]);
    expect(s.close.buffer).toBe(c.close.buffer);
  });
});
