import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { mergeCandles, windowCandles } from './merge';
import { emptyCandles, type Candles } from './types';

function series(times: number[], tag: number): Candles {
  const c = emptyCandles(times.length);
  times.forEach((t, i) => {
    c.openTime[i] = t;
    c.open[i] = tag;
    c.high[i] = tag;
    c.low[i] = tag;
    c.close[i] = tag;
    c.volume[i] = t;
  });
  return c;
}

const times = fc.uniqueArray(fc.integer({ min: 0, max: 200 }), { maxLength: 60 }).map((a) => a.sort((x, y) => x - y));

describe('candle merging', () => {
  test.prop([times, times])('is the sorted union by open time, the second series winning ties', (a, b) => {
    const merged = mergeCandles(series(a, 1), series(b, 2));
    const union = [...new Set([...a, ...b])].sort((x, y) => x - y);
    expect(Array.from(merged.openTime)).toEqual(union);
    merged.openTime.forEach((t, i) => expect(merged.close[i]).toBe(b.includes(t) ? 2 : 1));
  });

  test.prop([times, fc.integer({ min: 0, max: 200 }), fc.integer({ min: 0, max: 200 })])('windows select open times in [from, to)', (a, x, y) => {
    const [from, to] = x <= y ? [x, y] : [y, x];
    const w = windowCandles(series(a, 1), from, to);
    expect(Array.from(w.openTime)).toEqual(a.filter((t) => t >= from && t < to));
  });
});
