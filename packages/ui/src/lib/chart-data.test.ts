// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  barIndexAtOrBefore,
  describeCandleSeries,
  describeEquityCurves,
  dominantStepMs,
  drawdownFromEquity,
  drawdownSeries,
  firstIndexAtOrAfter,
  markersTooDense,
  panLogicalRange,
  segmentIndexRange,
  toCandlestickData,
  toEquityLines,
  toLineData,
  toTradeMarkers,
  toValueLineData,
  validateSegments,
  zoomLogicalRange,
} from './chart-data';
import { UiDataError } from './errors';
import { themeTokens } from './theme';
import type { CandleRow, TradeMarkerInput } from '../types';
import { hasSharedData, missingDataMessage, readCandleCsvIfPresent } from '../test-support/real-candles';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

function rows(n: number): CandleRow[] {
  return Array.from({ length: n }, (_, i) => ({ time: T0 + i * HOUR, open: 100 + i, high: 102 + i, low: 99 + i, close: 101 + i }));
}

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof UiDataError) return `${e.field} | ${e.detail}`;
    throw e;
  }
  throw new Error('expected a UiDataError');
}

const FILE = 'BTCUSDT-1m.csv';

describe.skipIf(!hasSharedData(FILE))(`toCandlestickData on real BTCUSDT 1m candles (${missingDataMessage(FILE)})`, () => {
  const cols = readCandleCsvIfPresent(FILE, 5000);

  it('converts epoch ms to chart seconds and keeps the exchange prices', () => {
    const { data, timesMs } = toCandlestickData(cols);
    expect(data).toHaveLength(5000);
    // First row of the file: 1707706800000,48151.1,48156,48128,48155.99
    expect(data[0]).toEqual({ time: 1707706800, open: 48151.1, high: 48156, low: 48128, close: 48155.99 });
    expect(timesMs[4999]).toBe(1707706800000 + 4999 * 60_000);
    expect(dominantStepMs(timesMs)).toBe(60_000);
  });

  it('gives the same series from rows as from columns', () => {
    const asRows: CandleRow[] = Array.from(cols.openTime, (t, i) => ({
      time: t,
      open: cols.open[i]!,
      high: cols.high[i]!,
      low: cols.low[i]!,
      close: cols.close[i]!,
    }));
    expect(toCandlestickData(asRows)).toEqual(toCandlestickData(cols));
  });
});

describe('toCandlestickData validation', () => {
  it('names the first candle whose time does not increase', () => {
    const r = rows(5);
    r[3] = { ...r[3]!, time: r[2]!.time };
    expect(fieldOf(() => toCandlestickData(r))).toMatch(/^candles\[3\]\.time \| .*must be later than the previous candle \(2024-01-01 02:00:00 UTC\); got 2024-01-01 02:00:00 UTC/);
  });

  it('names the column and index for columnar input', () => {
    const cols = { openTime: [T0, T0 + HOUR], open: [1, 2], high: [1, 2], low: [1, NaN], close: [1, 2] };
    expect(fieldOf(() => toCandlestickData(cols))).toMatch(/^candles\.low\[1\] \| .*must be a finite positive price; got NaN/);
    const short = { openTime: [T0, T0 + HOUR], open: [1], high: [1, 2], low: [1, 2], close: [1, 2] };
    expect(fieldOf(() => toCandlestickData(short))).toMatch(/^candles\.open \| .*has 1 values but candles\.openTime has 2/);
  });

  it('rejects a high below the close', () => {
    const r = rows(3);
    r[1] = { ...r[1]!, high: r[1]!.close - 1 };
    expect(fieldOf(() => toCandlestickData(r))).toMatch(/^candles\[1\]\.high \| .*must enclose open/);
  });

  it('accepts gaps in time (exchange halts)', () => {
    const r = rows(4);
    r[3] = { ...r[3]!, time: r[3]!.time + 5 * HOUR };
    expect(toCandlestickData(r).data).toHaveLength(4);
  });
});

describe('toLineData', () => {
  it('leaves out warm-up NaNs and keeps bar alignment', () => {
    const times = new Float64Array([T0, T0 + HOUR, T0 + 2 * HOUR]);
    expect(toLineData(times, [NaN, 5, 6], 'overlays[0].values')).toEqual([
      { time: (T0 + HOUR) / 1000, value: 5 },
      { time: (T0 + 2 * HOUR) / 1000, value: 6 },
    ]);
  });

  it('requires one value per candle and rejects infinities', () => {
    const times = new Float64Array([T0, T0 + HOUR]);
    expect(fieldOf(() => toLineData(times, [1], 'overlays[0].values'))).toMatch(/^overlays\[0\]\.values \| .*has 1 values but there are 2 candles/);
    expect(fieldOf(() => toLineData(times, [1, Infinity], 'overlays[1].values'))).toMatch(/^overlays\[1\]\.values\[1\] \|/);
  });
});

const sortedTimes = fc
  .array(fc.integer({ min: 1, max: 1000 }), { minLength: 0, maxLength: 60 })
  .map((steps) => {
    let t = 0;
    return Float64Array.from(steps, (s) => (t += s));
  });

describe('bar search', () => {
  test.prop([sortedTimes, fc.integer({ min: -10, max: 70_000 })])('finds the same bars as a linear scan', (times, t) => {
    let atOrBefore = -1;
    for (let i = 0; i < times.length; i++) if (times[i]! <= t) atOrBefore = i;
    let atOrAfter = times.length;
    for (let i = times.length - 1; i >= 0; i--) if (times[i]! >= t) atOrAfter = i;
    expect(barIndexAtOrBefore(times, t)).toBe(atOrBefore);
    expect(firstIndexAtOrAfter(times, t)).toBe(atOrAfter);
  });

  test.prop([sortedTimes, fc.integer({ min: -10, max: 70_000 }), fc.integer({ min: 0, max: 30_000 })])(
    'maps a segment to exactly the bars inside [start, end]',
    (times, start, len) => {
      const inside = Array.from(times.keys()).filter((i) => times[i]! >= start && times[i]! <= start + len);
      const range = segmentIndexRange(times, { start, end: start + len });
      if (inside.length === 0) expect(range).toBeNull();
      else expect(range).toEqual({ from: inside[0], to: inside[inside.length - 1] });
    },
  );

  it('uses the most common spacing as the timeframe, through a gap', () => {
    expect(dominantStepMs([0, 60, 120, 600, 660, 720])).toBe(60);
    expect(dominantStepMs([5])).toBe(0);
  });
});

describe('validateSegments', () => {
  it('names a window that ends before it starts and an unknown kind', () => {
    expect(fieldOf(() => validateSegments([{ start: T0 + HOUR, end: T0, kind: 'train', label: 'Fold 1' }]))).toMatch(
      /^segments\[0\]\.end \| \(2024-01-01 00:00 UTC\) must not be before start \(2024-01-01 01:00 UTC\)/,
    );
    expect(fieldOf(() => validateSegments([{ start: T0, end: T0, kind: 'oos' as 'test', label: 'x' }]))).toMatch(/^segments\[0\]\.kind \|/);
  });
});

describe('toTradeMarkers', () => {
  const times = Float64Array.from({ length: 10 }, (_, i) => T0 + i * HOUR);
  const dark = themeTokens.dark;

  it('places a long entry and a stop exit at the fill prices, coloured by outcome', () => {
    const trade: TradeMarkerInput = {
      entryTime: T0 + 2 * HOUR,
      exitTime: T0 + 5 * HOUR + 17 * 60_000,
      side: 'long',
      entryPrice: 101.5,
      exitPrice: 99.25,
      reason: 'stop',
      pnl: -225,
    };
    const { markers, outside, barIndices } = toTradeMarkers([trade], times, { theme: 'dark', labels: true });
    expect(outside).toBe(0);
    expect(Array.from(barIndices)).toEqual([2, 5]);
    expect(markers).toEqual([
      { time: (T0 + 2 * HOUR) / 1000, shape: 'arrowUp', position: 'atPriceBottom', price: 101.5, color: dark.up, id: '0-entry' },
      // The stop filled inside bar 5: the marker sits on that bar, at the fill price.
      { time: (T0 + 5 * HOUR) / 1000, shape: 'square', position: 'atPriceMiddle', price: 99.25, color: dark.down, id: '0-exit', size: 0.8, text: 'SL' },
    ]);
  });

  it('marks shorts with a down arrow and end-of-data exits in the muted colour, sorted by time', () => {
    const trades: TradeMarkerInput[] = [
      { entryTime: T0 + 6 * HOUR, exitTime: T0 + 9 * HOUR, side: 'short', entryPrice: 107, exitPrice: 105, reason: 'end', pnl: 200 },
      { entryTime: T0 + HOUR, exitTime: T0 + 3 * HOUR, side: 'long', entryPrice: 101, exitPrice: 104, reason: 'signal' },
    ];
    const { markers } = toTradeMarkers(trades, times, { theme: 'light' });
    expect(markers.map((m) => [m.id, m.shape, m.time])).toEqual([
      ['1-entry', 'arrowUp', (T0 + HOUR) / 1000],
      ['1-exit', 'circle', (T0 + 3 * HOUR) / 1000],
      ['0-entry', 'arrowDown', (T0 + 6 * HOUR) / 1000],
      ['0-exit', 'circle', (T0 + 9 * HOUR) / 1000],
    ]);
    expect(markers[2]?.position).toBe('atPriceTop');
    expect(markers[3]?.color).toBe(themeTokens.light.muted);
    expect(markers[1]?.color).toBe(themeTokens.light.text);
    expect(markers.every((m) => m.text === undefined)).toBe(true);
    const labelled = toTradeMarkers(trades, times, { theme: 'light', labels: true }).markers;
    // Only exits that need explaining get text: signal exits and entries speak through their shape.
    expect(labelled.map((m) => m.text)).toEqual([undefined, undefined, undefined, 'END']);
  });

  it('hides markers only when they would be closer than a few pixels', () => {
    const bars = Int32Array.from({ length: 100 }, (_, i) => i * 10);
    // 100 markers over bars 0..990 in 600 px: one per 6 px, not denser.
    expect(markersTooDense(bars, { from: 0, to: 999 }, 600)).toBe(false);
    expect(markersTooDense(bars, { from: 0, to: 999 }, 599)).toBe(true);
    // Zoomed in to bars 100..199: 10 markers.
    expect(markersTooDense(bars, { from: 100, to: 199.4 }, 59)).toBe(true);
    expect(markersTooDense(bars, { from: 100, to: 199.4 }, 60)).toBe(false);
    expect(markersTooDense(bars, null, 600)).toBe(false);
  });

  it('counts trades outside the chart instead of drawing them on the wrong bar', () => {
    const trades: TradeMarkerInput[] = [
      { entryTime: T0 - 5 * HOUR, exitTime: T0 - HOUR, side: 'long', entryPrice: 1, exitPrice: 1, reason: 'signal' },
      { entryTime: T0 + 8 * HOUR, exitTime: T0 + 30 * HOUR, side: 'long', entryPrice: 1, exitPrice: 1, reason: 'signal' },
      { entryTime: T0 + 8 * HOUR, exitTime: T0 + 10 * HOUR, side: 'long', entryPrice: 1, exitPrice: 1, reason: 'end' },
    ];
    const { markers, outside } = toTradeMarkers(trades, times, { theme: 'dark' });
    expect(outside).toBe(2);
    expect(markers).toHaveLength(2);
  });

  it('names the trade and field that is wrong', () => {
    const bad = { entryTime: T0, exitTime: T0 - 1, side: 'long', entryPrice: 1, exitPrice: 1, reason: 'signal' } as const;
    expect(fieldOf(() => toTradeMarkers([bad], times, { theme: 'dark' }))).toMatch(/^trades\[0\]\.exitTime \|/);
    expect(fieldOf(() => toTradeMarkers([{ ...bad, exitTime: T0, side: 'flat' as 'long' }], times, { theme: 'dark' }))).toMatch(
      /^trades\[0\]\.side \| must be "long" or "short"; got "flat"/,
    );
  });
});

describe('drawdownFromEquity', () => {
  it('matches a hand-worked curve', () => {
    // Peaks 100 → 120 → 130; 90 is 25 % below 120, 65 is 50 % below 130.
    expect(Array.from(drawdownFromEquity([100, 120, 90, 130, 65]))).toEqual([0, 0, -0.25, 0, -0.5]);
  });

  test.prop([fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 80 })])(
    'is ≤ 0, zero at new highs, and its minimum is the brute-force max drawdown',
    (equity) => {
      const dd = drawdownFromEquity(equity);
      let brute = 0;
      for (let t = 0; t < equity.length; t++) {
        const peak = Math.max(...equity.slice(0, t + 1));
        brute = Math.min(brute, equity[t]! / peak - 1);
        expect(dd[t]!).toBeLessThanOrEqual(0);
        if (equity[t] === peak) expect(dd[t]).toBe(0);
      }
      expect(Math.min(...dd)).toBeCloseTo(brute, 12);
    },
  );

  it('keeps NaN gaps without moving the peak', () => {
    expect(Array.from(drawdownFromEquity([100, NaN, 50]))).toEqual([0, NaN, -0.5]);
  });

  it('derives the drawdown pane from the first curve unless one is given', () => {
    const curve = { name: 'Combined', time: [1, 2], values: [100, 80] };
    expect(Array.from(drawdownSeries([curve])!.values)).toEqual([0, -0.19999999999999996]);
    const explicit = { time: [1], values: [-0.1] };
    expect(drawdownSeries([curve], explicit)).toBe(explicit);
    expect(drawdownSeries([])).toBeNull();
  });
});

describe('equity lines', () => {
  it('pairs times and values, skipping NaN gaps', () => {
    expect(toValueLineData({ time: [T0, T0 + HOUR, T0 + 2 * HOUR], values: [1, NaN, 3] }, 'curves[0]')).toEqual([
      { time: T0 / 1000, value: 1 },
      { time: (T0 + 2 * HOUR) / 1000, value: 3 },
    ]);
  });

  it('names mismatched lengths, unsorted times and duplicate curve names', () => {
    expect(fieldOf(() => toValueLineData({ time: [1, 2], values: [1] }, 'curves[0]'))).toMatch(/^curves\[0\]\.values \| has 1 values but curves\[0\]\.time has 2/);
    expect(fieldOf(() => toValueLineData({ time: [T0, T0], values: [1, 1] }, 'curves[2]'))).toMatch(/^curves\[2\]\.time\[1\] \| must be later/);
    const c = { name: 'A', time: [1], values: [1] };
    expect(fieldOf(() => toEquityLines([c, c]))).toMatch(/^curves\[1\]\.name \| "A" is used twice/);
    expect(fieldOf(() => toEquityLines([{ ...c, name: ' ' }]))).toMatch(/^curves\[0\]\.name \|/);
  });
});

describe('keyboard pan and zoom', () => {
  test.prop([fc.double({ min: -50, max: 1000, noNaN: true }), fc.double({ min: 5, max: 500, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true })])(
    'panning keeps the width and some data in view',
    (from, width, fraction) => {
      const next = panLogicalRange({ from, to: from + width }, fraction, 1000);
      expect(next.to - next.from).toBeCloseTo(width, 9);
      expect(next.from).toBeGreaterThanOrEqual(-width / 2 - 1e-9);
      expect(next.from).toBeLessThanOrEqual(Math.max(-width / 2, 999 - width / 2) + 1e-9);
    },
  );

  test.prop([fc.double({ min: 0, max: 1000, noNaN: true }), fc.double({ min: 1, max: 2000, noNaN: true }), fc.double({ min: 0.1, max: 10, noNaN: true })])(
    'zooming keeps the centre and bounds the width',
    (from, width, factor) => {
      const next = zoomLogicalRange({ from, to: from + width }, factor, 1000, 10);
      expect((next.from + next.to) / 2).toBeCloseTo(from + width / 2, 6);
      expect(next.to - next.from).toBeGreaterThanOrEqual(10 - 1e-9);
      expect(next.to - next.from).toBeLessThanOrEqual(1100 + 1e-9);
    },
  );
});

describe('describeCandleSeries', () => {
  it('summarises the series for screen readers', () => {
    const mapped = toCandlestickData(rows(3));
    expect(describeCandleSeries('BTCUSDT 1h', mapped, { overlays: ['EMA 20', 'EMA 50'], trades: 2, segments: 0 })).toBe(
      'BTCUSDT 1h: 3 candles from 2024-01-01 00:00 to 2024-01-01 02:00 UTC, last close 103.00; lines: EMA 20, EMA 50; 2 trades marked.',
    );
    expect(describeCandleSeries('X', toCandlestickData([]), { overlays: [], trades: 0, segments: 0 })).toBe('X: no candles.');
  });
});

describe('describeEquityCurves', () => {
  it('reads each curve from first to last value and the deepest drawdown', () => {
    const lines = toEquityLines([
      { name: 'Combined', time: [T0, T0 + HOUR, T0 + 2 * HOUR], values: [100_000, 90_000, 134_500] },
      { name: 'Empty', time: [], values: [] },
    ]);
    const dd = toValueLineData({ time: [T0, T0 + HOUR, T0 + 2 * HOUR], values: Array.from(drawdownFromEquity([100_000, 90_000, 134_500])) }, 'dd');
    expect(
      describeEquityCurves(
        'Equity',
        lines.map((data, i) => ({ name: ['Combined', 'Empty'][i]!, data })),
        dd,
        'USDT',
      ),
    ).toBe(
      'Equity: Combined from 100,000.00 to 134,500.00 USDT (+34.50%) between 2024-01-01 00:00 and 2024-01-01 02:00 UTC; Empty: no points; deepest drawdown -10.00%.',
    );
  });
});
