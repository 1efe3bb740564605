export * from './types';
export { strategyRegistry, listStrategies, getStrategy, describeStrategy, DEFAULT_STRATEGY, type StrategyInfo } from './registry';
export { validateStrategyParams, checkParamValue, checkConstraints, defaultParams } from './params';
export { IndicatorCache } from './indicator-cache';
export { emaCross } from './ema-cross';
export { rsiReversion } from './rsi-reversion';
export { donchianBreakout } from './donchian-breakout';
export { bollingerReversion } from './bollinger-reversion';
