'use client';
import { Card, CorrelationHeatmap, EquityChart, MetricCards, formatInteger, formatNumber, formatPercent, signTone } from '@spark/ui';
import { useMemo } from 'react';
import type { PortfolioResultData } from '@/lib/api-types';
import { pointsToColumns } from '@/lib/series';
import { ResultMeta } from '../Notices';

const DIVERSIFICATION_KEYS = ['diversificationBenefit', 'individualAvgSharpe', 'avgCorrelation', 'rebalances', 'turnover', 'totalCosts'] as const;

/**
 * A portfolio run: the combined book against each symbol traded alone, how
 * correlated the symbols were, and what diversification bought.
 */
export function PortfolioResults({ result, mock, runId }: { result: PortfolioResultData; mock: boolean; runId?: string }) {
  const curves = useMemo(() => {
    const combined = pointsToColumns(result.equity);
    return [
      { name: 'Portfolio', time: combined.time, values: combined.values },
      ...result.perSymbol.map((s) => {
        const c = pointsToColumns(s.equity);
        return { name: `${s.symbol} alone`, time: c.time, values: c.values };
      }),
    ];
  }, [result.equity, result.perSymbol]);
  const drawdown = useMemo(() => pointsToColumns(result.drawdown), [result.drawdown]);
  const diversification = {
    diversificationBenefit: result.diversificationBenefit,
    individualAvgSharpe: result.individualAvgSharpe,
    avgCorrelation: result.avgCorrelation,
    rebalances: result.rebalances,
    turnover: result.turnover,
    totalCosts: result.totalCosts,
  };

  return (
    <div className="sw-results" data-testid="portfolio-results">
      <ResultMeta mock={mock} data={result.data} runId={runId} extra={<span className="sw-meta-text">rebalance {result.rebalance}</span>} />
      <MetricCards metrics={result.metrics} label="Portfolio metrics" />
      <Card title="Diversification" description={`Portfolio Sharpe ${formatNumber(result.metrics.sharpe, { digits: 2 })} against ${formatNumber(result.individualAvgSharpe, { digits: 2 })} for the average symbol alone: a benefit of ${formatNumber(result.diversificationBenefit, { digits: 2, signed: true })}.`}>
        <MetricCards metrics={diversification} keys={DIVERSIFICATION_KEYS} definitions={{ rebalances: { label: 'Rebalances', format: 'integer', tone: 'none', hint: 'Times the weights were restored.' } }} label="Diversification" compact />
      </Card>
      <div className="sw-chart-side">
        <Card title="Combined vs individual equity">
          <EquityChart curves={curves} drawdown={drawdown} height={320} />
        </Card>
        <Card title="Correlation" description={`Average pairwise ${formatNumber(result.avgCorrelation, { digits: 2 })}`}>
          <CorrelationHeatmap labels={result.correlation.symbols} matrix={result.correlation.matrix} />
        </Card>
      </div>
      <Card title="Per symbol" flush>
        <div className="sp-table-wrap">
          <table className="sp-table" data-testid="per-symbol-table">
            <caption className="sp-visually-hidden">Each symbol traded alone</caption>
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col" className="sp-num">
                  Weight
                </th>
                <th scope="col" className="sp-num">
                  Sharpe
                </th>
                <th scope="col" className="sp-num" title="Sharpe on the timestamps all symbols share">
                  Aligned Sharpe
                </th>
                <th scope="col" className="sp-num">
                  Return
                </th>
                <th scope="col" className="sp-num">
                  Max drawdown
                </th>
                <th scope="col" className="sp-num">
                  Trades
                </th>
              </tr>
            </thead>
            <tbody>
              {result.perSymbol.map((s) => (
                <tr key={s.symbol}>
                  <th scope="row" className="sp-mono">
                    {s.symbol}
                  </th>
                  <td className="sp-num">{formatPercent(s.weight, { digits: 1 })}</td>
                  <td className={`sp-num sp-tone-${signTone(s.metrics.sharpe)}`}>{formatNumber(s.metrics.sharpe, { digits: 2 })}</td>
                  <td className={`sp-num sp-tone-${signTone(s.alignedSharpe)}`}>{formatNumber(s.alignedSharpe, { digits: 2 })}</td>
                  <td className={`sp-num sp-tone-${signTone(s.metrics.totalReturn)}`}>{formatPercent(s.metrics.totalReturn, { digits: 2, signed: true })}</td>
                  <td className="sp-num sp-tone-down">{formatPercent(s.metrics.maxDrawdown, { digits: 2 })}</td>
                  <td className="sp-num">{formatInteger(s.trades)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
    </div>
  );
}
