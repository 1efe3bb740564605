/** The real implementation: candles from the market-data layer (or inline), results from the engine. */
import { runBacktest } from '@spark/engine';
import { barSizeClass } from '../../metrics/registry';
import { chartCandles, engineRequest, toRunResult } from '../result-mapping';
import type { OptimizeResult } from '../../schemas/optimize';
import { loadSeries } from '../market-data';
import { optimizeCandles } from '../optimizer';
import { portfolioCandles } from '../portfolio';
import { walkforwardCandles } from '../walkforward';
import type { BacktestImplementation } from './types';

export function createRealImplementation(): BacktestImplementation {
  return {
    kind: 'real',
    async run(input, { deps, signal }) {
      const started = performance.now();
      const { candles, report } = await loadSeries(input, deps.marketData, deps.metrics, signal);
      const result = runBacktest(candles, { ...engineRequest(input), includeIndicators: input.includeIndicators });
      deps.metrics.runJobs.inc({ exchange: report.exchange, timeframe: input.timeframe });
      deps.metrics.runBars.observe(result.bars);
      deps.metrics.runLatency.observe({ size: barSizeClass(result.bars) }, performance.now() - started);
      return toRunResult(result, candles, report, input);
    },

    async optimize(input, { deps, signal, onProgress }): Promise<OptimizeResult> {
      const { candles, report } = await loadSeries(input, deps.marketData, deps.metrics, signal);
      const { result, elapsedMs } = await optimizeCandles(deps, candles, input, { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
      return {
        strategy: input.strategy.name,
        ...result,
        space: Object.entries(input.grid).map(([name, values]) => ({ name, values: [...new Set(values)].sort((a, b) => (typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)))) })),
        elapsedMs,
        data: report,
      };
    },

    async walkforward(input, { deps, signal, onProgress }) {
      const { candles, report } = await loadSeries(input, deps.marketData, deps.metrics, signal);
      const computed = await walkforwardCandles(deps, candles, input, { ...(signal ? { signal } : {}), ...(onProgress ? { onProgress } : {}) });
      return { ...computed, ...(input.includeCandles ? { candles: chartCandles(candles) } : {}), data: report };
    },

    portfolio(input, { deps, signal }) {
      return portfolioCandles(deps, input, signal);
    },
  };
}
