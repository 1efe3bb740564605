import { act, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MouseEventParams, Time } from 'lightweight-charts';
import { CandlestickChart } from './CandlestickChart';
import { fake, FakeResizeObserver } from '../test-support/fake-chart';
import { hasSharedData, missingDataMessage, readCandleCsvIfPresent } from '../test-support/real-candles';
import { themeTokens } from '../lib/theme';
import type { CandleColumns, TradeMarkerInput } from '../types';

vi.mock('lightweight-charts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('lightweight-charts')>();
  const { fakeChartModule } = await import('../test-support/fake-chart');
  return { ...actual, ...fakeChartModule };
});

const FILE = 'BTCUSDT-1h.csv';

function ema(close: ArrayLike<number>, n: number): Float64Array {
  // EMA seeded with the SMA of the first n closes (the engine's definition); only used to feed the overlay here.
  const out = new Float64Array(close.length).fill(NaN);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += close[i]!;
  out[n - 1] = sum / n;
  const a = 2 / (n + 1);
  for (let i = n; i < close.length; i++) out[i] = a * close[i]! + (1 - a) * out[i - 1]!;
  return out;
}

beforeEach(() => {
  fake.reset();
  FakeResizeObserver.instances = [];
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe.skipIf(!hasSharedData(FILE))(`CandlestickChart with real BTCUSDT 1h candles (${missingDataMessage(FILE)})`, () => {
  const candles: CandleColumns = readCandleCsvIfPresent(FILE, 800);
  const fast = ema(candles.close, 20);
  const slow = ema(candles.close, 50);
  const overlays = [
    { name: 'EMA 20', values: fast },
    { name: 'EMA 50', values: slow },
  ];
  const t = (i: number) => candles.openTime[i]!;
  const trades: TradeMarkerInput[] = [
    { entryTime: t(100), exitTime: t(140), side: 'long', entryPrice: candles.open[100]!, exitPrice: candles.open[140]!, reason: 'signal', pnl: 120 },
    { entryTime: t(300), exitTime: t(310), side: 'short', entryPrice: candles.open[300]!, exitPrice: candles.high[310]!, reason: 'stop', pnl: -80 },
  ];

  it('creates one chart and hands each series its data in a single setData', () => {
    render(<CandlestickChart title="BTCUSDT · 1h" candles={candles} overlays={overlays} trades={trades} />);
    expect(fake.charts).toHaveLength(1);
    const chart = fake.last();
    const [candle] = chart.seriesOfType('Candlestick');
    expect(candle?.setData).toHaveBeenCalledTimes(1);
    expect(candle?.data).toHaveLength(800);
    expect(candle?.data?.[0]).toEqual({ time: t(0) / 1000, open: candles.open[0], high: candles.high[0], low: candles.low[0], close: candles.close[0] });
    const lines = chart.seriesOfType('Line');
    expect(lines.map((l) => l.options.title)).toEqual(['EMA 20', 'EMA 50']);
    // Warm-up NaNs are left out: EMA 50 starts at bar 49.
    expect(lines[1]?.data).toHaveLength(800 - 49);
    expect(fake.markers[0]?.markers).toHaveLength(4);
    expect(chart.ts.fitContent).toHaveBeenCalled();
  });

  it('withdraws trade markers while they would smear together, and brings them back on zoom', () => {
    const many: TradeMarkerInput[] = Array.from({ length: 200 }, (_, k) => ({
      entryTime: t(k * 4),
      exitTime: t(k * 4 + 2),
      side: 'long',
      entryPrice: candles.open[k * 4]!,
      exitPrice: candles.open[k * 4 + 2]!,
      reason: 'signal',
    }));
    render(<CandlestickChart candles={candles} trades={many} />);
    const chart = fake.last();
    const markers = fake.markers[0]!;
    chart.ts.widthPx = 1000;
    // Whole series in view: 400 markers in 1000 px is one per 2.5 px.
    act(() => chart.ts.zoomTo({ from: 0, to: 799 }));
    expect(markers.markers).toEqual([]);
    expect(screen.getByText(/trade markers hidden at this zoom/)).toBeTruthy();
    act(() => chart.ts.zoomTo({ from: 0, to: 99 }));
    expect(markers.markers).toHaveLength(400);
    expect(screen.queryByText(/trade markers hidden/)).toBeNull();
    const calls = markers.setMarkers.mock.calls.length;
    act(() => chart.ts.zoomTo({ from: 10, to: 109 }));
    expect(markers.setMarkers.mock.calls.length).toBe(calls);
  });

  it('does not touch the canvas again when re-rendered with the same data', () => {
    const { rerender } = render(<CandlestickChart candles={candles} overlays={overlays} trades={trades} />);
    const chart = fake.last();
    const [candle] = chart.seriesOfType('Candlestick');
    const [line] = chart.seriesOfType('Line');
    rerender(<CandlestickChart candles={candles} overlays={overlays} trades={trades} />);
    rerender(<CandlestickChart candles={candles} overlays={overlays} trades={trades} />);
    expect(fake.charts).toHaveLength(1);
    expect(candle?.setData).toHaveBeenCalledTimes(1);
    expect(line?.setData).toHaveBeenCalledTimes(1);
    expect(fake.markers[0]?.setMarkers).toHaveBeenCalledTimes(1);
  });

  it('replaces only what changed: a removed overlay goes, the candles stay', () => {
    const { rerender } = render(<CandlestickChart candles={candles} overlays={overlays} />);
    const chart = fake.last();
    const [candle] = chart.seriesOfType('Candlestick');
    const [ema20] = chart.seriesOfType('Line');
    rerender(<CandlestickChart candles={candles} overlays={[overlays[0]!]} />);
    expect(chart.removed.map((s) => s.options.title)).toEqual(['EMA 50']);
    expect(candle?.setData).toHaveBeenCalledTimes(1);
    // The kept overlay's values are the same array, but the overlays list was new: it is re-mapped and set once more.
    expect(ema20?.setData).toHaveBeenCalledTimes(2);
  });

  it('repaints in the light theme without resetting data', () => {
    const { rerender } = render(<CandlestickChart candles={candles} overlays={overlays} theme="dark" />);
    const chart = fake.last();
    const [candle] = chart.seriesOfType('Candlestick');
    const [ema20] = chart.seriesOfType('Line');
    expect(ema20?.options.color).toBe(themeTokens.dark.series[0]);
    rerender(<CandlestickChart candles={candles} overlays={overlays} theme="light" />);
    const lastOptions = chart.applyOptions.mock.calls.at(-1)?.[0] as { layout: { background: { color: string } } };
    expect(lastOptions.layout.background.color).toBe(themeTokens.light.surface);
    expect(candle?.options.upColor).toBe(themeTokens.light.up);
    expect(ema20?.options.color).toBe(themeTokens.light.series[0]);
    expect(candle?.setData).toHaveBeenCalledTimes(1);
    expect(ema20?.setData).toHaveBeenCalledTimes(1);
  });

  it('follows its container size and cleans up on unmount', () => {
    const { unmount } = render(<CandlestickChart candles={candles} height={400} />);
    const chart = fake.last();
    const observer = FakeResizeObserver.instances[0]!;
    act(() => observer.fire(1280, 400));
    expect(chart.resize).toHaveBeenLastCalledWith(1280, 400);
    act(() => observer.fire(375, 300));
    expect(chart.resize).toHaveBeenLastCalledWith(375, 300);
    unmount();
    expect(chart.remove).toHaveBeenCalledTimes(1);
    expect(observer.disconnected).toBe(true);
    expect(chart.crosshairHandlers.size).toBe(0);
    expect(chart.ts.rangeHandlers.size).toBe(0);
  });

  it('survives StrictMode double mounting with exactly one live chart', () => {
    render(
      <StrictMode>
        <CandlestickChart candles={candles} />
      </StrictMode>,
    );
    const live = fake.charts.filter((c) => c.remove.mock.calls.length === 0);
    expect(live).toHaveLength(1);
    expect(live[0]?.seriesOfType('Candlestick')[0]?.data).toHaveLength(800);
  });

  it('takes the engine’s indicator series as they are, oscillators in their own pane', () => {
    const rsi = new Float64Array(800).fill(NaN).map((_, i) => (i < 14 ? NaN : 30 + (i % 40)));
    render(
      <CandlestickChart
        candles={candles}
        overlays={[
          { name: 'emaFast', label: 'EMA 20', pane: 'price', values: fast },
          { name: 'rsi', label: 'RSI 14', pane: 'oscillator', values: rsi },
        ]}
      />,
    );
    const chart = fake.last();
    expect(chart.seriesOfType('Line').map((l) => [l.options.title, l.paneIndex])).toEqual([
      ['EMA 20', 0],
      ['RSI 14', 1],
    ]);
    expect(chart.paneList[0]!.stretch).toBeGreaterThan(chart.paneList[1]!.stretch);
    expect(screen.getByRole('list', { name: 'Legend' }).textContent).toContain('RSI 14 (lower pane)');
  });

  it('pans and zooms from the keyboard', () => {
    render(<CandlestickChart title="BTC" candles={candles} />);
    const chart = fake.last();
    chart.ts.range = { from: 100, to: 200 };
    const canvas = screen.getByRole('group', { name: /^BTC: 800 candles/ });
    fireEvent.keyDown(canvas, { key: 'ArrowRight' });
    expect(chart.ts.setVisibleLogicalRange).toHaveBeenLastCalledWith({ from: 110, to: 210 });
    fireEvent.keyDown(canvas, { key: '+' });
    expect(chart.ts.setVisibleLogicalRange).toHaveBeenLastCalledWith({ from: 120, to: 200 });
    fireEvent.keyDown(canvas, { key: '0' });
    expect(chart.ts.fitContent).toHaveBeenCalledTimes(2);
  });

  it('shows the bar under the crosshair in the readout, and the last bar otherwise', () => {
    const { container } = render(<CandlestickChart candles={candles} overlays={overlays} />);
    const chart = fake.last();
    const readout = container.querySelector('.sp-chart-readout')!;
    expect(readout.textContent).toContain(`C\u00a0${candles.close[799]!.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`);
    const [candle] = chart.seriesOfType('Candlestick');
    const [ema20] = chart.seriesOfType('Line');
    const bar = candle!.data![10];
    const param = {
      time: t(10) / 1000,
      seriesData: new Map<unknown, unknown>([[candle, bar]]),
    } as unknown as MouseEventParams<Time>;
    act(() => chart.crosshairHandlers.forEach((h) => h(param)));
    expect(readout.textContent).toContain('2022-01-01 10:00');
    expect(readout.textContent).not.toContain('EMA 20');
    const later = { time: t(30) / 1000, seriesData: new Map<unknown, unknown>([[candle, candle!.data![30]], [ema20, { time: t(30) / 1000, value: fast[30] }]]) };
    act(() => chart.crosshairHandlers.forEach((h) => h(later as unknown as MouseEventParams<Time>)));
    expect(readout.textContent).toMatch(/EMA 20\u00a0\d/);
  });

  it('shades walk-forward windows and lists them for screen readers', () => {
    const segments = [
      { start: t(0), end: t(479), kind: 'train' as const, label: 'Fold 1 · train' },
      { start: t(480), end: t(799), kind: 'test' as const, label: 'Fold 1 · test' },
    ];
    render(<CandlestickChart candles={candles} segments={segments} />);
    const chart = fake.last();
    const [candle] = chart.seriesOfType('Candlestick');
    expect(candle?.attachPrimitive).toHaveBeenCalledTimes(1);
    expect(chart.requestUpdate).toHaveBeenCalled();
    expect(screen.getByRole('list', { name: 'Shaded windows' }).textContent).toContain('Fold 1 · test: test, 2022-01-21 00:00 to 2022-02-03 07:00 UTC');
  });
});

describe('CandlestickChart with bad input', () => {
  it('names the field instead of drawing a broken chart', () => {
    const candles = [
      { time: 2000, open: 1, high: 2, low: 0.5, close: 1.5 },
      { time: 1000, open: 1, high: 2, low: 0.5, close: 1.5 },
    ];
    render(<CandlestickChart candles={candles} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Cannot draw the price chart');
    expect(alert.textContent).toContain('candles[1].time');
    expect(fake.charts).toHaveLength(0);
  });

  it('keeps the candles when only an overlay is wrong, and says which', () => {
    const candles = [
      { time: 0, open: 1, high: 2, low: 0.5, close: 1.5 },
      { time: 60_000, open: 1, high: 2, low: 0.5, close: 1.5 },
    ];
    render(<CandlestickChart candles={candles} overlays={[{ name: 'EMA 20', values: [1] }]} />);
    expect(screen.getByRole('alert').textContent).toContain('overlays[0].values');
    expect(fake.last().seriesOfType('Candlestick')[0]?.data).toHaveLength(2);
    expect(fake.last().seriesOfType('Line')).toHaveLength(0);
  });
});
