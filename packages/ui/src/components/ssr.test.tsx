// @vitest-environment node
/**
 * Next.js renders client components on the server first. Every component
 * must render to HTML without a DOM (no window, document or canvas during
 * render), and the markup must carry the accessible structure before
 * hydration. Runs in the node environment on purpose.
 */
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  AppShell,
  CandlestickChart,
  CorrelationHeatmap,
  EquityChart,
  Leaderboard,
  MetricCards,
  MockBadge,
  ParamForm,
  ParamHeatmap,
  ProgressBar,
  Tabs,
  TradesTable,
} from '../index';

const T0 = Date.UTC(2024, 0, 1);
const candles = [
  { time: T0, open: 100, high: 102, low: 99, close: 101 },
  { time: T0 + 60_000, open: 101, high: 103, low: 100, close: 102 },
];

describe('server rendering', () => {
  it('renders every component to HTML without a DOM', () => {
    expect(typeof document).toBe('undefined');
    const html = renderToString(
      <AppShell links={[{ href: '/', label: 'Home' }]} currentPath="/" actions={<MockBadge />}>
        <CandlestickChart title="BTCUSDT" candles={candles} overlays={[{ name: 'EMA 2', values: [NaN, 101.5] }]} />
        <EquityChart curves={[{ name: 'Equity', time: [T0, T0 + 60_000], values: [100, 101] }]} />
        <MetricCards metrics={{ sharpe: 1.2, profitFactor: null, trades: 3 }} />
        <TradesTable trades={[]} />
        <CorrelationHeatmap labels={['A', 'B']} matrix={[[1, 0.5], [0.5, 1]]} />
        <ParamHeatmap trials={[{ params: { a: 1, b: 2 }, score: 1 }]} xParam="a" yParam="b" />
        <Leaderboard rows={[{ id: 'x', rank: 1, params: { a: 1 }, score: 1 }]} objective="sharpe" />
        <ProgressBar evaluated={1} total={4} />
        <ParamForm specs={[{ name: 'emaFast', type: 'int', min: 2, max: 10 }]} values={{ emaFast: 3 }} onChange={() => {}} />
        <Tabs label="Mode" tabs={[{ id: 'a', label: 'A', content: 'first' }]} />
      </AppShell>,
    );
    expect(html).toContain('MOCK — not real results');
    expect(html).toContain('aria-roledescription="chart"');
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="1"');
    expect(html).toContain('for="param-emaFast"');
    expect(html).toContain('No trades');
  });
});
