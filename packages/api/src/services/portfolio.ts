/** Portfolio orchestration: load every symbol's series, run the engine's portfolio, map the result. */
import { candlesFromRows, runPortfolio, type PortfolioSeries } from '@spark/engine';
import type { ApiDeps } from '../context';
import { toApiError } from '../errors';
import type { DataReport } from '../schemas/common';
import type { PortfolioInput, PortfolioResult } from '../schemas/portfolio';
import { loadSeries } from './market-data';
import { engineRequest, toPoints } from './result-mapping';


/** Loads each symbol's candles concurrently; an error names the symbol's position (`symbols[2]`). */
export async function loadPortfolioSeries(deps: ApiDeps, input: PortfolioInput, signal?: AbortSignal): Promise<{ series: PortfolioSeries[]; reports: DataReport[] }> {
  if (input.series) {
    const series = input.series.map((s, i) => ({ symbol: s.symbol, candles: candlesFromRows(s.candles, `series[${i}].candles`) }));
    const reports = series.map((s) => ({
      source: 'inline',
      exchange: 'inline',
      symbol: s.symbol,
      timeframe: input.timeframe,
      cachedBars: 0,
      fetchedBars: 0,
      bars: s.candles.close.length,
      gaps: [],
      demo: false,
    }));
    return { series, reports };
  }
  const loads = await Promise.all(
    input.symbols!.map((symbol, i) =>
      loadSeries({ exchange: input.exchange, symbol, timeframe: input.timeframe, start: input.start!, end: input.end!, useCache: input.useCache }, deps.marketData, deps.metrics, signal).catch(
        (error: unknown) => {
          throw toApiError(error, { fieldPrefix: `symbols[${i}]` });
        },
      ),
    ),
  );
  return { series: loads.map((l, i) => ({ symbol: input.symbols![i]!, candles: l.candles })), reports: loads.map((l) => l.report) };
}

/** A symbol's aligned standalone equity, rescaled to start at the initial capital for side-by-side charts. */
function rescaled(timestamps: Float64Array, aligned: Float64Array, initialCapital: number): [number, number][] {
  const base = aligned[0]!;
  const out = new Array<[number, number]>(aligned.length);
  for (let i = 0; i < aligned.length; i++) out[i] = [timestamps[i]!, base > 0 ? (aligned[i]! / base) * initialCapital : 0];
  return out;
}

function aggregateReport(reports: DataReport[], bars: number, symbols: string[]): PortfolioResult['data'] {
  const sources = [...new Set(reports.map((r) => r.source))];
  return {
    source: sources.length === 1 ? sources[0]! : 'mixed',
    exchange: [...new Set(reports.map((r) => r.exchange))].join(','),
    symbol: symbols.join(','),
    timeframe: reports[0]?.timeframe ?? '',
    cachedBars: reports.reduce((a, r) => a + r.cachedBars, 0),
    fetchedBars: reports.reduce((a, r) => a + r.fetchedBars, 0),
    bars,
    gaps: [],
    demo: reports.some((r) => r.demo),
    perSymbol: reports,
  };
}

export async function portfolioCandles(deps: ApiDeps, input: PortfolioInput, signal?: AbortSignal): Promise<PortfolioResult> {
  const started = performance.now();
  const { series, reports } = await loadPortfolioSeries(deps, input, signal);
  const base = engineRequest(input);
  const result = runPortfolio(series, { ...base, ...(input.weights ? { weights: input.weights } : {}), rebalance: input.rebalance, minTrade: input.minTrade });
  deps.metrics.portfolioRuns.inc({ rebalance: input.rebalance });
  deps.metrics.portfolioLatency.observe({ symbols_count: String(series.length) }, performance.now() - started);
  deps.metrics.portfolioDiversification.set(result.diversificationBenefit);
  return {
    strategy: input.strategy.name,
    symbols: result.symbols,
    weights: result.weights,
    params: result.params,
    rebalance: input.rebalance,
    perSymbol: result.perSymbol.map(({ alignedEquity, ...p }) => ({ ...p, equity: rescaled(result.timestamps, alignedEquity, input.initialCapital) })),
    correlation: { symbols: result.symbols, matrix: result.correlation },
    avgCorrelation: result.avgCorrelation,
    equity: toPoints(result.timestamps, result.equity),
    drawdown: toPoints(result.timestamps, result.drawdown),
    metrics: result.metrics,
    individualAvgSharpe: result.individualAvgSharpe,
    diversificationBenefit: result.diversificationBenefit,
    rebalances: result.rebalances,
    turnover: result.turnover,
    totalCosts: result.totalCosts,
    data: aggregateReport(reports, result.timestamps.length, result.symbols),
  };
}
