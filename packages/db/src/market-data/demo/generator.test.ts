import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { SHARED_DATA_DIR, hasSharedData } from '../testing/helpers';
import { TIMEFRAMES, TIMEFRAME_MS, type Candles, type Timeframe } from '../types';
import { DEMO_END, generateDemoCandles } from './generator';
import { DEMO_SYMBOL_NAMES, findDemoSymbol } from './symbols';

const DAY = 86_400_000;
const t = (iso: string) => Date.parse(iso);

function logReturns(c: Candles): Float64Array {
  const r = new Float64Array(c.close.length - 1);
  for (let i = 1; i < c.close.length; i++) r[i - 1] = Math.log(c.close[i]! / c.close[i - 1]!);
  return r;
}

function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) {
    ma += a[i]!;
    mb += b[i]!;
  }
  ma /= n;
  mb /= n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]! - ma;
    const y = b[i]! - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return sab / Math.sqrt(saa * sbb);
}

function autocorrelation(x: Float64Array, lag: number): number {
  return correlation(x.subarray(lag), x.subarray(0, x.length - lag));
}

/** Deterministic Fisher-Yates shuffle (a fixed LCG), to destroy time structure for a baseline. */
function shuffled(x: Float64Array): Float64Array {
  const out = Float64Array.from(x);
  let s = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const symbolArb = fc.constantFrom(...DEMO_SYMBOL_NAMES);
const timeframeArb = fc.constantFrom<Timeframe>(...TIMEFRAMES);
/** A window of up to 600 bars starting somewhere in 2020-2026. */
const windowArb = (tf: Timeframe) =>
  fc.tuple(fc.integer({ min: 0, max: Math.floor((t('2026-06-01T00:00:00Z') - t('2020-01-01T00:00:00Z')) / TIMEFRAME_MS[tf]) }), fc.integer({ min: 1, max: 600 }));

describe('demo feed reproducibility', () => {
  test.prop(
    [symbolArb, timeframeArb.chain((tf) => fc.tuple(fc.constant(tf), windowArb(tf), fc.integer({ min: -300, max: 300 }), fc.integer({ min: 1, max: 600 })))],
    { numRuns: 40 },
  )('a bar is identical whatever window asks for it', (symbol, [tf, [startBar, length], shift, length2]) => {
    const step = TIMEFRAME_MS[tf];
    const base = t('2020-01-01T00:00:00Z');
    const a = generateDemoCandles(symbol, tf, base + startBar * step, base + (startBar + length) * step);
    const b = generateDemoCandles(symbol, tf, base + (startBar + shift) * step, base + (startBar + shift + length2) * step);
    const index = new Map<number, number>();
    b.openTime.forEach((time, i) => index.set(time, i));
    let shared = 0;
    a.openTime.forEach((time, i) => {
      const j = index.get(time);
      if (j === undefined) return;
      shared++;
      expect([b.open[j], b.high[j], b.low[j], b.close[j], b.volume[j]]).toEqual([a.open[i], a.high[i], a.low[i], a.close[i], a.volume[i]]);
    });
    const overlap = Math.max(0, Math.min(length, shift + length2) - Math.max(0, shift));
    const listed = findDemoSymbol(symbol)!.listedAt;
    if (base + (startBar + Math.max(0, shift)) * step >= listed) expect(shared).toBe(overlap);
  });

  test('pins the generator: these bars are what presets and shared links were made with', () => {
    const c = generateDemoCandles('BTCUSDT', '1h', t('2024-01-01T00:00:00Z'), t('2024-01-01T03:00:00Z'));
    const fingerprint = Array.from({ length: 3 }, (_, i) => [c.open[i], c.high[i], c.low[i], c.close[i], c.volume[i]]);
    expect(fingerprint).toMatchInlineSnapshot(`
      [
        [
          42283.58,
          42502.45,
          42100.23,
          42302.31,
          393.62049,
        ],
        [
          42302.31,
          42385.35,
          41181.47,
          42197.29,
          403.63616,
        ],
        [
          42197.29,
          42397.53,
          42149.59,
          42285.21,
          397.33087,
        ],
      ]
    `);
  });
});

describe('demo candles are valid market data', () => {
  test.prop([symbolArb, timeframeArb.chain((tf) => fc.tuple(fc.constant(tf), windowArb(tf)))], { numRuns: 40 })(
    'every bar is aligned, continuous and has low <= open, close <= high with positive prices',
    (symbol, [tf, [startBar, length]]) => {
      const step = TIMEFRAME_MS[tf];
      const from = t('2020-01-01T00:00:00Z') + startBar * step;
      const c = generateDemoCandles(symbol, tf, from, from + length * step);
      for (let i = 0; i < c.openTime.length; i++) {
        expect(c.openTime[i]! % step).toBe(0);
        if (i > 0) {
          expect(c.openTime[i]! - c.openTime[i - 1]!).toBe(step);
          expect(c.open[i]).toBe(c.close[i - 1]);
        }
        expect(c.low[i]).toBeGreaterThan(0);
        expect(c.low[i]).toBeLessThanOrEqual(Math.min(c.open[i]!, c.close[i]!));
        expect(c.high[i]).toBeGreaterThanOrEqual(Math.max(c.open[i]!, c.close[i]!));
        expect(c.volume[i]).toBeGreaterThanOrEqual(0);
      }
    },
  );

  test.each([
    ['1m', '5m'],
    ['5m', '15m'],
    ['15m', '30m'],
    ['30m', '1h'],
    ['1h', '4h'],
    ['4h', '1d'],
    ['1h', '1d'],
  ] as const)('%s bars aggregate exactly to the %s bars (open, high, low, close; volume to rounding)', (fine, coarse) => {
    const from = t('2023-11-06T00:00:00Z');
    const to = from + (fine === '1m' ? 2 : 20) * DAY;
    const f = generateDemoCandles('ETHUSDT', fine, from, to);
    const c = generateDemoCandles('ETHUSDT', coarse, from, to);
    const k = TIMEFRAME_MS[coarse] / TIMEFRAME_MS[fine];
    expect(f.openTime.length).toBe(c.openTime.length * k);
    for (let j = 0; j < c.openTime.length; j++) {
      let high = -Infinity;
      let low = Infinity;
      let volume = 0;
      for (let i = j * k; i < (j + 1) * k; i++) {
        high = Math.max(high, f.high[i]!);
        low = Math.min(low, f.low[i]!);
        volume += f.volume[i]!;
      }
      expect([f.open[j * k], high, low, f.close[(j + 1) * k - 1]]).toEqual([c.open[j], c.high[j], c.low[j], c.close[j]]);
      expect(Math.abs(volume - c.volume[j]!)).toBeLessThanOrEqual(k * 1e-4 + 1e-9 * c.volume[j]!);
    }
  });

  test('serves nothing before 2020 or a listing, nor after the feed ends', () => {
    expect(generateDemoCandles('BTCUSDT', '1d', t('2019-01-01T00:00:00Z'), t('2020-01-03T00:00:00Z')).openTime[0]).toBe(t('2020-01-01T00:00:00Z'));
    expect(generateDemoCandles('SOLUSDT', '1d', t('2020-01-01T00:00:00Z'), t('2020-08-12T00:00:00Z')).openTime.length).toBe(1);
    expect(generateDemoCandles('BTCUSDT', '1d', DEMO_END - DAY, DEMO_END + 10 * DAY).openTime.length).toBe(1);
  });
});

describe('demo feed realism', () => {
  const from = t('2022-01-01T00:00:00Z');
  const to = t('2026-01-01T00:00:00Z');

  test.each(['1h', '1d'] as const)('%s returns are correlated across assets through the market factor (about 0.6 to 0.8)', (tf) => {
    const returns = DEMO_SYMBOL_NAMES.map((s) => logReturns(generateDemoCandles(s, tf, from, to)));
    const pairs: number[] = [];
    for (let i = 0; i < returns.length; i++) for (let j = i + 1; j < returns.length; j++) pairs.push(correlation(returns[i]!, returns[j]!));
    const mean = pairs.reduce((a, b) => a + b, 0) / pairs.length;
    expect(mean).toBeGreaterThan(0.6);
    expect(mean).toBeLessThan(0.8);
    for (const r of pairs) {
      expect(r).toBeGreaterThan(0.5);
      expect(r).toBeLessThan(0.9);
    }
  });

  test.each(['1h', '1d'] as const)('%s volatility clusters: |returns| are autocorrelated while returns are not', (tf) => {
    const r = logReturns(generateDemoCandles('BTCUSDT', tf, t('2020-01-01T00:00:00Z'), to));
    const abs = r.map(Math.abs);
    const clustered = [1, 2, 3, 4, 5].map((lag) => autocorrelation(abs, lag));
    const baseline = [1, 2, 3, 4, 5].map((lag) => autocorrelation(shuffled(abs), lag));
    // Three standard errors of a sample autocorrelation of white noise: 3 / sqrt(n).
    const noise = 3 / Math.sqrt(r.length);
    for (const a of clustered) expect(a).toBeGreaterThan(0.1);
    for (const b of baseline) expect(Math.abs(b)).toBeLessThan(noise);
    expect(Math.abs(autocorrelation(r, 1))).toBeLessThan(noise);
  });

  test('has calm and turbulent regimes, and bull and bear runs', () => {
    const c = generateDemoCandles('BTCUSDT', '1d', t('2020-01-01T00:00:00Z'), to);
    const r = logReturns(c);
    const vol30: number[] = [];
    for (let i = 30; i <= r.length; i++) {
      let s = 0;
      for (let k = i - 30; k < i; k++) s += r[k]! * r[k]!;
      vol30.push(Math.sqrt(s / 30));
    }
    vol30.sort((a, b) => a - b);
    expect(vol30[Math.floor(vol30.length * 0.9)]! / vol30[Math.floor(vol30.length * 0.1)]!).toBeGreaterThan(2);
    let best = -Infinity;
    let worst = Infinity;
    for (let i = 90; i < c.close.length; i++) {
      const change = c.close[i]! / c.close[i - 90]! - 1;
      best = Math.max(best, change);
      worst = Math.min(worst, change);
    }
    expect(best).toBeGreaterThan(0.5);
    expect(worst).toBeLessThan(-0.35);
  });

  test('daily volatility is in the range of the real 2022-2025 market (BTC 2.7 %, ETH 3.7 %, BNB 3.0 % per day)', () => {
    const expectedVol: Record<string, number> = { BTCUSDT: 0.027, ETHUSDT: 0.037, BNBUSDT: 0.030 };
    for (const [symbol, real] of Object.entries(expectedVol)) {
      const r = logReturns(generateDemoCandles(symbol, '1d', from, to));
      const mean = r.reduce((a, b) => a + b, 0) / r.length;
      const sd = Math.sqrt(r.reduce((a, b) => a + (b - mean) ** 2, 0) / (r.length - 1));
      expect(sd / real).toBeGreaterThan(0.7);
      expect(sd / real).toBeLessThan(1.4);
    }
  });

  test('closes on the anchor dates exactly at the pinned quarter-end levels', () => {
    for (const symbol of DEMO_SYMBOL_NAMES) {
      const anchors = findDemoSymbol(symbol)!.anchors.filter(([date]) => t(date) >= t('2020-01-01'));
      const c = generateDemoCandles(symbol, '1d', t('2020-01-01T00:00:00Z'), t('2026-01-01T00:00:00Z'));
      for (const [date, price] of anchors) {
        const i = Array.from(c.openTime).indexOf(t(`${date}T00:00:00Z`));
        expect(c.close[i]).toBe(price);
      }
    }
  });

  test.skipIf(!hasSharedData)('mid-month prices stay within a factor of 1.6 of the real Binance prices (2022-2025)', () => {
    for (const symbol of ['BTCUSDT', 'ETHUSDT', 'BNBUSDT']) {
      const real = new Map<number, number>();
      for (const line of readFileSync(join(SHARED_DATA_DIR, `${symbol}-1h.csv`), 'utf8').trim().split('\n').slice(1)) {
        const [time, , , , close] = line.split(',');
        real.set(Number(time), Number(close));
      }
      const demo = generateDemoCandles(symbol, '1h', from, to);
      let checked = 0;
      for (let i = 0; i < demo.openTime.length; i++) {
        const time = demo.openTime[i]!;
        const at = new Date(time);
        // Halfway between the month-end anchors, where a synthetic path is freest.
        if (at.getUTCDate() !== 15 || at.getUTCHours() !== 12) continue;
        const actual = real.get(time);
        if (actual === undefined) continue;
        const ratio = demo.close[i]! / actual;
        expect(ratio, `${symbol} ${at.toISOString()}`).toBeGreaterThan(1 / 1.6);
        expect(ratio, `${symbol} ${at.toISOString()}`).toBeLessThan(1.6);
        checked++;
      }
      expect(checked).toBe(48);
    }
  });
});
