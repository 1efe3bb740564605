export * from './types';
export { simulate, createTradeStats, type SimConfig, type SimOutputs } from './simulate';
export { computeMetrics, metricsFromStats, scanEquity, drawdownInto, barReturns, tradeStatsFromTrades } from './metrics';
export {
  resolveBacktestRequest,
  resolveCosts,
  simConfig,
  minimumBars,
  assertEnoughBars,
  DEFAULT_INITIAL_CAPITAL,
  DEFAULT_FEE_BPS,
  DEFAULT_SLIPPAGE_BPS,
  MAX_COST_BPS,
  type BacktestRequest,
  type CostRequest,
  type ResolvedCosts,
  type ResolvedBacktest,
} from './request';
export { runBacktest, type BacktestResult } from './backtest';
export { BacktestEvaluator, writeBlockStats, type WindowRun } from './evaluator';
