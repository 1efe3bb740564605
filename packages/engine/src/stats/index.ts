export { normCdf, normInv } from './normal';
export { moments, percentileSorted, type Moments } from './moments';
export {
  probabilisticSharpeRatio,
  expectedMaxSharpe,
  deflatedSharpeRatio,
  type PsrInput,
  type DsrInput,
  type DsrResult,
} from './sharpe';
export { pboCscv, blockStatsFromReturns, type PboResult } from './pbo';
export { monteCarloTrades, MAX_MONTE_CARLO_SAMPLES, type MonteCarloResult, type MonteCarloOptions, type Percentiles } from './monte-carlo';
export { pearson, correlationMatrix, averageOffDiagonal } from './correlation';
