import { fc, test } from '@fast-check/vitest';
import { ATR, BollingerBands, EMA, Highest, Lowest, RSI, SD, SMA, TrueRange } from 'technicalindicators';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import { hasRealData, loadCandles, missingDataMessage } from '../testing/real-data';
import { atrInto, atrLookback } from './atr';
import { bollingerInto } from './bollinger';
import { donchianInto, donchianLookback } from './donchian';
import { emaInto, emaLookback } from './ema';
import { rsiInto, rsiLookback } from './rsi';
import { smaInto, smaLookback } from './sma';
import { stdevInto, stdevLookback } from './stdev';
import { trueRangeInto } from './true-range';

const f64 = (xs: number[]): Float64Array => Float64Array.from(xs);
const out = (n: number): Float64Array => new Float64Array(n);

/** Compares our series (NaN warm-up, then values) with an oracle that omits the warm-up. */
function expectMatchesOracle(ours: Float64Array, oracle: number[], lookback: number, relTol: number, absTol = 0): void {
  expect(ours.length - lookback).toBe(oracle.length);
  for (let i = 0; i < lookback; i++) expect(ours[i]).toBeNaN();
  let worst = 0;
  for (let k = 0; k < oracle.length; k++) {
    const a = ours[lookback + k]!;
    const b = oracle[k]!;
    const err = Math.abs(a - b) - absTol;
    const rel = err / Math.max(Math.abs(b), 1e-300);
    if (rel > worst) worst = rel;
  }
  expect(worst).toBeLessThanOrEqual(relTol);
}

describe('emaInto', () => {
  it('seeds with the mean of the first n closes and then applies alpha = 2/(n+1) (hand-worked)', () => {
    // n = 3: seed at index 2 = (1+2+3)/3 = 2; alpha = 0.5: 0.5*4 + 0.5*2 = 3, then 4, then 0.5*10 + 0.5*4 = 7.
    const r = emaInto(out(6), f64([1, 2, 3, 4, 5, 10]), 3);
    expect(Array.from(r.subarray(2))).toEqual([2, 3, 4, 7]);
    expect(r[0]).toBeNaN();
    expect(r[1]).toBeNaN();
  });

  it('is all NaN when the period exceeds the series', () => {
    expect(Array.from(emaInto(out(3), f64([1, 2, 3]), 4)).every(Number.isNaN)).toBe(true);
  });

  it('rejects a non-integer or zero period and a wrongly sized output buffer', () => {
    expect(() => emaInto(out(3), f64([1, 2, 3]), 0)).toThrow(EngineError);
    expect(() => emaInto(out(3), f64([1, 2, 3]), 2.5)).toThrow(/period must be an integer >= 1; got 2.5/);
    expect(() => emaInto(out(2), f64([1, 2, 3]), 2)).toThrow(/must have the input's length 3; got length 2/);
  });

  test.prop([fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 5, maxLength: 60 }), fc.integer({ min: 1, max: 10 })])(
    'of a constant series equals the constant after the warm-up',
    (xs, period) => {
      const v = xs[0]!;
      const r = emaInto(out(xs.length), f64(xs.map(() => v)), period);
      for (let i = emaLookback(period); i < xs.length; i++) expect(r[i]).toBeCloseTo(v, 6);
    },
  );
});

describe('atrInto and trueRangeInto', () => {
  it('computes true range and the Wilder ATR seeded with mean(TR[1..n]) (hand-worked)', () => {
    const high = f64([10, 12, 11, 15, 14]);
    const low = f64([8, 9, 9, 11, 12]);
    const close = f64([9, 11, 10, 14, 13]);
    // TR[0] = 10-8 = 2; TR[1] = max(3, |12-9|, |9-9|) = 3; TR[2] = max(2, 0, 2) = 2;
    // TR[3] = max(4, 5, 1) = 5; TR[4] = max(2, 0, 2) = 2.
    expect(Array.from(trueRangeInto(out(5), high, low, close))).toEqual([2, 3, 2, 5, 2]);
    // ATR(2): atr[2] = (3+2)/2 = 2.5; atr[3] = (2.5*1 + 5)/2 = 3.75; atr[4] = (3.75 + 2)/2 = 2.875.
    const atr = atrInto(out(5), high, low, close, 2);
    expect(atr[0]).toBeNaN();
    expect(atr[1]).toBeNaN();
    expect(Array.from(atr.subarray(2))).toEqual([2.5, 3.75, 2.875]);
    expect(atrLookback(2)).toBe(2);
  });
});

describe('rsiInto', () => {
  it('averages gains and losses with Wilder smoothing (hand-worked)', () => {
    // changes: +2, -1, +3, -2; n = 2: avgGain[2] = (2+0)/2 = 1, avgLoss[2] = (0+1)/2 = 0.5 -> RS 2 -> RSI 66.67;
    // [3]: gain (1*1+3)/2 = 2, loss (0.5+0)/2 = 0.25 -> RS 8 -> 88.89; [4]: gain 1, loss 1.125 -> RS 8/9 -> 47.06.
    const r = rsiInto(out(5), f64([10, 12, 11, 14, 12]), 2);
    expect(r[1]).toBeNaN();
    expect(r[2]).toBeCloseTo(100 - 100 / 3, 12);
    expect(r[3]).toBeCloseTo(100 - 100 / 9, 12);
    expect(r[4]).toBeCloseTo(100 - 100 / (1 + 8 / 9), 12);
  });

  it('is 100 with no losses and 50 on a flat window', () => {
    expect(rsiInto(out(4), f64([1, 2, 3, 4]), 2)[3]).toBe(100);
    expect(rsiInto(out(4), f64([5, 5, 5, 5]), 2)[3]).toBe(50);
  });
});

describe('smaInto, stdevInto, bollingerInto, donchianInto', () => {
  it('compute the rolling mean, population stdev and bands (hand-worked)', () => {
    const x = f64([2, 4, 4, 4, 5, 5, 7, 9]);
    // The classic example: mean 5, population stdev 2 over all eight values.
    expect(smaInto(out(8), x, 8)[7]).toBe(5);
    expect(stdevInto(out(8), x, 8)[7]).toBeCloseTo(2, 14);
    const s3 = smaInto(out(8), x, 3);
    expect(Array.from(s3.subarray(2))).toEqual([10 / 3, 4, 13 / 3, 14 / 3, 17 / 3, 7].map((v) => expect.closeTo(v, 12)));
    const mid = out(8);
    const up = out(8);
    const lo = out(8);
    bollingerInto(mid, up, lo, x, 8, 2);
    expect(mid[7]).toBeCloseTo(5, 14);
    expect(up[7]).toBeCloseTo(9, 13);
    expect(lo[7]).toBeCloseTo(1, 13);
  });

  it('tracks the highest high and lowest low including the current bar', () => {
    const high = f64([5, 7, 6, 4, 8, 3]);
    const low = f64([1, 2, 0, 3, 2, 1]);
    const u = out(6);
    const l = out(6);
    donchianInto(u, l, high, low, 3);
    expect(Array.from(u.subarray(2))).toEqual([7, 7, 8, 8]);
    expect(Array.from(l.subarray(2))).toEqual([0, 0, 0, 1]);
    expect(donchianLookback(3)).toBe(2);
  });

  it('rejects a non-positive band width', () => {
    expect(() => bollingerInto(out(3), out(3), out(3), f64([1, 2, 3]), 2, 0)).toThrow(/k .* must be a finite number > 0; got 0/);
  });
});

describe('kernels never look ahead', () => {
  test.prop([
    fc.array(fc.double({ min: 1, max: 1000, noNaN: true }), { minLength: 30, maxLength: 80 }),
    fc.integer({ min: 2, max: 12 }),
    fc.integer({ min: 0, max: 29 }),
    fc.double({ min: 1, max: 1000, noNaN: true }),
  ])('changing values after index i leaves every output at or before i unchanged', (xs, period, i, replacement) => {
    const a = f64(xs);
    const b = f64(xs);
    for (let k = i + 1; k < b.length; k++) b[k] = replacement + k;
    const hiA = a.map((v) => v * 1.01);
    const hiB = b.map((v) => v * 1.01);
    const loA = a.map((v) => v * 0.99);
    const loB = b.map((v) => v * 0.99);
    const n = a.length;
    const pairs: [Float64Array, Float64Array][] = [
      [emaInto(out(n), a, period), emaInto(out(n), b, period)],
      [smaInto(out(n), a, period), smaInto(out(n), b, period)],
      [stdevInto(out(n), a, period), stdevInto(out(n), b, period)],
      [rsiInto(out(n), a, period), rsiInto(out(n), b, period)],
      [atrInto(out(n), hiA, loA, a, period), atrInto(out(n), hiB, loB, b, period)],
    ];
    for (const [x, y] of pairs) expect(Array.from(x.subarray(0, i + 1))).toEqual(Array.from(y.subarray(0, i + 1)));
  });
});

describe.skipIf(!hasRealData('BTCUSDT-1h.csv'))('kernels against technicalindicators 3.1.0 on BTCUSDT 1h (first 5000 bars)', () => {
  // technicalindicators seeds EMA with the SMA and uses Wilder's ATR and RSI: the same definitions.
  const c = hasRealData('BTCUSDT-1h.csv') ? loadCandles('BTCUSDT-1h.csv', 5000) : null;
  const close = c ? Array.from(c.close) : [];
  const high = c ? Array.from(c.high) : [];
  const low = c ? Array.from(c.low) : [];
  const n = close.length;

  it.each([2, 9, 20, 50, 200])('EMA(%i) matches to 1e-9 relative', (p) => {
    expectMatchesOracle(emaInto(out(n), c!.close, p), EMA.calculate({ period: p, values: close }), emaLookback(p), 1e-9);
  });

  it.each([2, 7, 14, 50])('ATR(%i) matches to 1e-9 relative', (p) => {
    expectMatchesOracle(atrInto(out(n), c!.high, c!.low, c!.close, p), ATR.calculate({ period: p, high, low, close }), atrLookback(p), 1e-9);
  });

  it('true range from bar 1 on matches', () => {
    const ours = trueRangeInto(out(n), c!.high, c!.low, c!.close);
    const oracle = TrueRange.calculate({ high, low, close });
    expect(oracle.length).toBe(n - 1);
    for (let k = 0; k < oracle.length; k++) expect(ours[k + 1]).toBeCloseTo(oracle[k]!, 9);
  });

  it.each([2, 14, 30])('RSI(%i) matches the oracle, which rounds to 2 decimals', (p) => {
    expectMatchesOracle(rsiInto(out(n), c!.close, p), RSI.calculate({ period: p, values: close }), rsiLookback(p), 0, 0.005 + 1e-9);
  });

  it.each([5, 20, 100])('SMA(%i), population SD(%i) and Bollinger(%i, 2) match to 1e-8 relative', (p) => {
    expectMatchesOracle(smaInto(out(n), c!.close, p), SMA.calculate({ period: p, values: close }), smaLookback(p), 1e-10);
    expectMatchesOracle(stdevInto(out(n), c!.close, p), SD.calculate({ period: p, values: close }), stdevLookback(p), 1e-8);
    const mid = out(n);
    const up = out(n);
    const lo = out(n);
    bollingerInto(mid, up, lo, c!.close, p, 2);
    const bb = BollingerBands.calculate({ period: p, stdDev: 2, values: close });
    expectMatchesOracle(mid, bb.map((b) => b.middle), p - 1, 1e-10);
    expectMatchesOracle(up, bb.map((b) => b.upper), p - 1, 1e-10);
    expectMatchesOracle(lo, bb.map((b) => b.lower), p - 1, 1e-10);
  });

  it.each([3, 20, 55])('Donchian(%i) matches Highest/Lowest exactly', (p) => {
    const u = out(n);
    const l = out(n);
    donchianInto(u, l, c!.high, c!.low, p);
    expectMatchesOracle(u, Highest.calculate({ period: p, values: high }), p - 1, 0);
    expectMatchesOracle(l, Lowest.calculate({ period: p, values: low }), p - 1, 0);
  });
});

if (!hasRealData('BTCUSDT-1h.csv')) {
  describe('kernels on real data', () => {
    it.skip(missingDataMessage('BTCUSDT-1h.csv'), () => {});
  });
}
