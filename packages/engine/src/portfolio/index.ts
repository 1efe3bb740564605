export {
  runPortfolio,
  resolveWeights,
  MAX_PORTFOLIO_SYMBOLS,
  WEIGHT_SUM_TOLERANCE,
  rebalanceModes,
  type RebalanceMode,
  type PortfolioSeries,
  type PortfolioOptions,
  type PortfolioResult,
  type SymbolResult,
} from './portfolio';
