'use client';
import { Card, CandlestickChart, EquityChart, MetricCards, TradesTable, type IndicatorOverlay } from '@spark/ui';
import { useMemo } from 'react';
import type { RunResultData } from '@/lib/api-types';
import { nullableToFloat, pointsToColumns } from '@/lib/series';
import { ResultMeta } from '../Notices';

/** RSI is an index from 0 to 100; ATR and the other oscillators here are in price units. */
function unitOf(name: string): string {
  return name === 'rsi' ? 'RSI points (0–100)' : 'USDT';
}

/**
 * One backtest: candles with the strategy's indicators and trade markers,
 * equity with drawdown underneath, metric cards and the trades table. Large
 * arrays are converted once per result; the charts get them in one setData.
 */
export function BacktestResults({ result, mock, runId, chartNote, hideTrades = false }: { result: RunResultData; mock: boolean; runId?: string; chartNote?: string; hideTrades?: boolean }) {
  const overlays = useMemo<IndicatorOverlay[]>(
    () => (result.indicators ?? []).filter((i) => i.pane === 'price').map((i) => ({ name: i.label, values: nullableToFloat(i.values) })),
    [result.indicators],
  );
  const oscillators = useMemo(
    () =>
      result.candles
        ? (result.indicators ?? [])
            .filter((i) => i.pane === 'oscillator')
            .map((i) => ({ key: i.name, label: i.label, unit: unitOf(i.name), curve: { name: i.label, time: result.candles!.openTime, values: nullableToFloat(i.values) } }))
        : [],
    [result.indicators, result.candles],
  );
  const equity = useMemo(() => pointsToColumns(result.equity), [result.equity]);
  const drawdown = useMemo(() => pointsToColumns(result.drawdown), [result.drawdown]);
  const curves = useMemo(() => [{ name: 'Equity', time: equity.time, values: equity.values }], [equity]);
  const title = `${result.data.symbol} · ${result.timeframe} · ${result.strategy}`;

  return (
    <div className="sw-results" data-testid="backtest-results">
      <ResultMeta mock={mock} data={result.data} runId={runId} />
      <MetricCards metrics={result.metrics} label="Backtest metrics" />
      {result.candles ? (
        <Card title="Price, indicators and trades" description={chartNote ?? 'Drag to pan, scroll to zoom; focus the chart for keyboard control.'}>
          <CandlestickChart title={title} candles={result.candles} overlays={overlays} trades={result.trades} height={440} />
        </Card>
      ) : (
        <Card title="Price">
          <p className="sw-note">{chartNote ?? 'Candles are not stored with a run; open it in the Backtest page to draw the price chart.'}</p>
        </Card>
      )}
      <Card title="Equity and drawdown">
        <EquityChart curves={curves} drawdown={drawdown} height={300} />
      </Card>
      {oscillators.length > 0 && (
        <details className="sw-details">
          <summary>Indicator panes ({oscillators.map((o) => o.label).join(', ')})</summary>
          <div className="sw-grid-2">
            {oscillators.map((o) => (
              <EquityChart key={o.key} title={o.label} curves={[o.curve]} drawdown={false} height={180} currency={o.unit} />
            ))}
          </div>
        </details>
      )}
      {!hideTrades && <TradesCard trades={result.trades} />}
    </div>
  );
}

/** Every trade of a run, sortable and paginated; wide, so pages with a side form put it under the form. */
export function TradesCard({ trades, title = 'Trades' }: { trades: RunResultData['trades']; title?: string }) {
  return (
    <Card title={`${title} (${trades.length})`} flush data-testid="trades-card">
      <TradesTable trades={trades} caption={title} />
    </Card>
  );
}
