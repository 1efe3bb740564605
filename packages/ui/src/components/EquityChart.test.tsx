import { act, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MouseEventParams, Time } from 'lightweight-charts';
import { EquityChart } from './EquityChart';
import { fake, FakeResizeObserver } from '../test-support/fake-chart';

vi.mock('lightweight-charts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('lightweight-charts')>();
  const { fakeChartModule } = await import('../test-support/fake-chart');
  return { ...actual, ...fakeChartModule };
});

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const time = [T0, T0 + DAY, T0 + 2 * DAY, T0 + 3 * DAY];
const combined = { name: 'Combined', time, values: [100_000, 110_000, 88_000, 121_000] };
const btc = { name: 'BTCUSDT', time, values: [100_000, 104_000, 99_000, 111_000] };

beforeEach(() => {
  fake.reset();
  FakeResizeObserver.instances = [];
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('EquityChart', () => {
  it('draws each curve and the first curve’s drawdown in a lower pane', () => {
    render(<EquityChart curves={[combined, btc]} />);
    const chart = fake.last();
    const lines = chart.seriesOfType('Line');
    expect(lines.map((l) => [l.options.title, l.paneIndex])).toEqual([
      ['Combined', 0],
      ['BTCUSDT', 0],
    ]);
    expect(lines[0]?.data).toEqual(time.map((t, i) => ({ time: t / 1000, value: combined.values[i] })));
    const [dd] = chart.seriesOfType('Baseline');
    expect(dd?.paneIndex).toBe(1);
    // Peak 110,000 then 88,000: 20 % below the peak.
    const ddValues = (dd?.data as { value: number }[]).map((p) => p.value);
    [0, 0, -0.2, 0].forEach((v, i) => expect(ddValues[i]).toBeCloseTo(v, 12));
    expect(chart.paneList[0]?.stretch).toBeGreaterThan(chart.paneList[1]!.stretch);
    expect(screen.getByRole('img', { name: /deepest drawdown -20\.00%/ })).toBeTruthy();
    expect(screen.getByText('drawdown of Combined (lower pane)')).toBeTruthy();
  });

  it('uses an explicit drawdown series, or none with drawdown={false}', () => {
    const { rerender } = render(<EquityChart curves={[combined]} drawdown={{ time, values: [0, -0.01, -0.02, 0] }} />);
    const chart = fake.last();
    expect((chart.seriesOfType('Baseline')[0]?.data as { value: number }[]).map((p) => p.value)).toEqual([0, -0.01, -0.02, 0]);
    rerender(<EquityChart curves={[combined]} drawdown={false} />);
    expect(chart.removed.map((s) => s.type)).toEqual(['Baseline']);
  });

  it('formats the drawdown axis as a percentage', () => {
    render(<EquityChart curves={[combined]} />);
    const [dd] = fake.last().seriesOfType('Baseline');
    const format = (dd?.options.priceFormat as { formatter: (p: number) => string }).formatter;
    expect(format(-0.2105)).toBe('-21.1%');
  });

  it('reads curve values and drawdown under the crosshair', () => {
    const { container } = render(<EquityChart curves={[combined, btc]} />);
    const chart = fake.last();
    const readout = container.querySelector('.sp-chart-readout')!;
    expect(readout.textContent).toBe('2024-01-04 00:00   Combined\u00a0121,000.00   BTCUSDT\u00a0111,000.00   DD\u00a00.00%');
    const [a, b] = chart.seriesOfType('Line');
    const [dd] = chart.seriesOfType('Baseline');
    const param = {
      time: (T0 + 2 * DAY) / 1000,
      seriesData: new Map<unknown, unknown>([
        [a, { value: 88_000 }],
        [b, { value: 99_000 }],
        [dd, { value: -0.2 }],
      ]),
    } as unknown as MouseEventParams<Time>;
    act(() => chart.crosshairHandlers.forEach((h) => h(param)));
    expect(readout.textContent).toBe('2024-01-03 00:00   Combined\u00a088,000.00   BTCUSDT\u00a099,000.00   DD\u00a0-20.00%');
  });

  it('removes the chart on unmount', () => {
    const { unmount } = render(<EquityChart curves={[combined]} />);
    const chart = fake.last();
    unmount();
    expect(chart.remove).toHaveBeenCalledTimes(1);
    expect(FakeResizeObserver.instances[0]?.disconnected).toBe(true);
  });

  it('names the bad field and draws nothing for mismatched input', () => {
    render(<EquityChart curves={[{ name: 'Combined', time, values: [1, 2, 3] }]} />);
    expect(screen.getByRole('alert').textContent).toContain('curves[0].values');
    expect(fake.charts).toHaveLength(0);
  });

  it('says so when there is no curve', () => {
    render(<EquityChart curves={[]} />);
    expect(screen.getByText('No equity curve')).toBeTruthy();
    expect(fake.charts).toHaveLength(0);
  });
});
