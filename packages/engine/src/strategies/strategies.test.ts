import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { candlesFromRows } from '../candles';
import { EngineError } from '../errors';
import { candlesArb } from '../testing/synthetic';
import { IndicatorCache } from './indicator-cache';
import { defaultParams, validateStrategyParams } from './params';
import { getStrategy, listStrategies, strategyRegistry } from './registry';
import { LONG_ENTRY, LONG_EXIT, SHORT_ENTRY, SHORT_EXIT } from './types';

describe('strategy registry', () => {
  it('offers emaCross, RSI mean reversion, Donchian breakout and Bollinger reversion', () => {
    expect(listStrategies().map((s) => s.name)).toEqual(['emaCross', 'rsiReversion', 'donchianBreakout', 'bollingerReversion']);
  });

  it('describes every parameter with a type, bounds, a default within them and a description, as plain JSON', () => {
    const list = listStrategies();
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
    for (const s of list) {
      expect(s.description.length).toBeGreaterThan(10);
      for (const p of s.params) {
        expect(p.description.length).toBeGreaterThan(10);
        if (p.type === 'enum') expect(p.options).toContain(p.default);
        else {
          expect(p.min).toBeLessThanOrEqual(p.default);
          expect(p.default).toBeLessThanOrEqual(p.max);
        }
      }
      expect(() => validateStrategyParams(s.name, {})).not.toThrow();
    }
  });

  it('uses emaCross defaults emaFast 20, emaSlow 50, atr 14, atrMult 2, direction long', () => {
    expect(defaultParams('emaCross')).toEqual({ emaFast: 20, emaSlow: 50, atr: 14, atrMult: 2, direction: 'long' });
    expect(getStrategy('emaCross').constraints.map((c) => c.description)).toEqual(['emaSlow > emaFast']);
  });

  it('fills defaults and keeps declaration order', () => {
    expect(Object.keys(validateStrategyParams('rsiReversion', { atr: 20, rsi: 7 }))).toEqual(['rsi', 'oversold', 'overbought', 'atr', 'atrMult', 'direction']);
  });

  it('rejects an unknown strategy name with the list of known ones', () => {
    expect(() => getStrategy('nope')).toThrow(EngineError);
    expect(() => getStrategy('toString')).toThrow(/strategy must be one of/);
  });

  it('rejects non-numeric values and enum values outside the options', () => {
    expect(() => validateStrategyParams('emaCross', { emaFast: '20' })).toThrow(/strategy.params.emaFast must be an integer in \[2, 1000\]; got "20"/);
    expect(() => validateStrategyParams('emaCross', { direction: 'up' })).toThrow(/strategy.params.direction must be one of long, short, both; got "up"/);
    expect(() => validateStrategyParams('emaCross', [] as unknown as Record<string, unknown>)).toThrow(/must be an object/);
  });
});

const HOUR = 3_600_000;
const fromCloses = (closes: number[]) => candlesFromRows(closes.map((c, i) => [i * HOUR, c, c + 0.5, c - 0.5, c, 1]));

describe('strategy rules', () => {
  test.prop([candlesArb(80, 200), fc.integer({ min: 2, max: 10 }), fc.integer({ min: 1, max: 20 })])(
    'emaCross flags a cross up where fast > slow after fast <= slow, a cross down mirror, nothing else and nothing before the first ready bar',
    (candles, fast, gap) => {
      const p = validateStrategyParams('emaCross', { emaFast: fast, emaSlow: fast + gap, atr: 5 });
      const cache = new IndicatorCache(candles);
      const n = candles.close.length;
      const flags = new Uint8Array(n);
      emaCrossFlags(cache, p, flags);
      const f = cache.ema(fast);
      const s = cache.ema(fast + gap);
      const ready = strategyRegistry.emaCross!.firstSignalBar(p);
      for (let i = 0; i < n; i++) {
        let want = 0;
        if (i >= ready) {
          if (f[i]! > s[i]! && f[i - 1]! <= s[i - 1]!) want = LONG_ENTRY | SHORT_EXIT;
          else if (f[i]! < s[i]! && f[i - 1]! >= s[i - 1]!) want = LONG_EXIT | SHORT_ENTRY;
        }
        expect(flags[i]).toBe(want);
      }
    },
  );

  it('Donchian breakout enters on a close above the previous N-bar high and exits on a close below the previous M-bar low', () => {
    // entry 3, exit 2, atr 2: ready from bar max(3, 2, 3) = 3.
    const c = fromCloses([10, 11, 10, 13, 12, 9, 8]);
    const p = validateStrategyParams('donchianBreakout', { entry: 3, exit: 2, atr: 2 });
    const flags = new Uint8Array(7);
    strategyRegistry.donchianBreakout!.signals(new IndicatorCache(c), p, flags, 0, 7);
    // Bar 3: close 13 > max(high[0..2]) = 11.5 -> long entry; also > max(high[1..2]) -> short exit.
    expect(flags[3]).toBe(LONG_ENTRY | SHORT_EXIT);
    // Bar 5: close 9 < min(low[3..4]) = 11.5 -> long exit, and < min(low[2..4]) = 9.5 -> short entry.
    expect(flags[5]).toBe(LONG_EXIT | SHORT_ENTRY);
    expect(flags[4]).toBe(0);
    expect(Array.from(flags.subarray(0, 3))).toEqual([0, 0, 0]);
  });

  it('RSI reversion buys when the RSI climbs back above oversold and sells at overbought', () => {
    // RSI(2) dips below 30 on the falls and recovers on the rise.
    const c = fromCloses([100, 101, 102, 99, 96, 94, 97, 100, 104, 108, 109, 105, 101]);
    const p = validateStrategyParams('rsiReversion', { rsi: 2, atr: 2 });
    const cache = new IndicatorCache(c);
    const flags = new Uint8Array(13);
    strategyRegistry.rsiReversion!.signals(cache, p, flags, 0, 13);
    const rsi = cache.rsi(2);
    for (let i = 3; i < 13; i++) {
      const entry = rsi[i - 1]! < 30 && rsi[i]! >= 30 && rsi[i]! < 70;
      expect((flags[i]! & LONG_ENTRY) !== 0).toBe(entry);
      expect((flags[i]! & LONG_EXIT) !== 0).toBe(rsi[i]! >= 70);
    }
    expect(flags.some((f) => (f & LONG_ENTRY) !== 0)).toBe(true);
    expect(flags.some((f) => (f & LONG_EXIT) !== 0)).toBe(true);
  });

  it('Bollinger reversion buys when the close re-enters the lower band and takes profit at the middle', () => {
    const c = fromCloses([100, 100.5, 99.5, 100, 100.2, 99.8, 95, 98, 100.5, 101, 106, 103]);
    const p = validateStrategyParams('bollingerReversion', { period: 5, stdDev: 1.5, atr: 2 });
    const cache = new IndicatorCache(c);
    const flags = new Uint8Array(12);
    strategyRegistry.bollingerReversion!.signals(cache, p, flags, 0, 12);
    const mid = cache.sma(5);
    const sd = cache.stdev(5);
    const close = c.close;
    for (let i = 5; i < 12; i++) {
      const lower = (k: number) => mid[k]! - 1.5 * sd[k]!;
      const upper = (k: number) => mid[k]! + 1.5 * sd[k]!;
      expect((flags[i]! & LONG_ENTRY) !== 0).toBe(close[i - 1]! < lower(i - 1) && close[i]! >= lower(i) && close[i]! < mid[i]!);
      expect((flags[i]! & LONG_EXIT) !== 0).toBe(close[i]! >= mid[i]!);
      expect((flags[i]! & SHORT_ENTRY) !== 0).toBe(close[i - 1]! > upper(i - 1) && close[i]! <= upper(i) && close[i]! > mid[i]!);
      expect((flags[i]! & SHORT_EXIT) !== 0).toBe(close[i]! <= mid[i]!);
    }
    // Bar 6 closes at 95, below the lower band; bar 7 closes back inside it, under the middle.
    expect(flags[7]! & LONG_ENTRY).toBe(LONG_ENTRY);
  });

  it('writes flags only inside the requested range', () => {
    const c = fromCloses(Array.from({ length: 60 }, (_, i) => 100 + 10 * Math.sin(i / 4)));
    const p = validateStrategyParams('emaCross', { emaFast: 3, emaSlow: 8, atr: 3 });
    const flags = new Uint8Array(60).fill(255);
    strategyRegistry.emaCross!.signals(new IndicatorCache(c), p, flags, 20, 40);
    expect(flags.subarray(0, 20).every((f) => f === 255)).toBe(true);
    expect(flags.subarray(40).every((f) => f === 255)).toBe(true);
    expect(flags.subarray(20, 40).every((f) => f !== 255)).toBe(true);
  });
});

describe('IndicatorCache', () => {
  it('computes each kernel and period once and serves repeats from the cache', () => {
    const c = fromCloses(Array.from({ length: 50 }, (_, i) => 100 + i));
    const cache = new IndicatorCache(c);
    const a = cache.ema(10);
    expect(cache.ema(10)).toBe(a);
    cache.ema(20);
    cache.atr(14);
    cache.atr(14);
    cache.donchianUpper(5);
    cache.donchianLower(5);
    // ema 10, ema 20, atr 14, and one Donchian pass storing both bands.
    expect(cache.computeCount).toBe(5);
  });
});

function emaCrossFlags(cache: IndicatorCache, p: Record<string, number | string>, flags: Uint8Array): void {
  strategyRegistry.emaCross!.signals(cache, p, flags, 0, flags.length);
}
