import { assertTimeframe, periodsPerYear, type Timeframe } from '../candles';
import { EngineError, describeValue } from '../errors';
import { validateStrategyParams } from '../strategies/params';
import { DEFAULT_STRATEGY, getStrategy } from '../strategies/registry';
import { directions, type Direction, type ParamValue, type ParamValues, type StrategyDefinition } from '../strategies/types';
import type { SimConfig } from './simulate';

export const DEFAULT_INITIAL_CAPITAL = 100_000;
export const DEFAULT_FEE_BPS = 10;
export const DEFAULT_SLIPPAGE_BPS = 0;
/** 1000 bps = 10% per side: far beyond any exchange's taker fee, so larger values are typos. */
export const MAX_COST_BPS = 1000;
export const MAX_INITIAL_CAPITAL = 1e15;

/** The costs and account every backtest shares, independent of the strategy's parameters. */
export interface CostRequest {
  /** Starting account equity in quote currency; default 100000. */
  initialCapital?: number;
  /** Fee per side in basis points of traded notional; default 10 (0.1%). */
  feeBps?: number;
  /** Slippage per fill in basis points of price, always adverse; default 0. */
  slippageBps?: number;
  /** Bar length; sets periods per year for annualisation. */
  timeframe: Timeframe;
}

export interface BacktestRequest extends CostRequest {
  /** Strategy name from the registry; default `emaCross`. */
  strategy?: string;
  /** Strategy parameters; missing ones take their defaults. */
  params?: Record<string, ParamValue>;
  /** Shorthand for params.direction; giving both with different values is an error. */
  direction?: Direction;
  /** Return the strategy's indicator series for charts. */
  includeIndicators?: boolean;
}

export interface ResolvedCosts {
  initialCapital: number;
  feeBps: number;
  slippageBps: number;
  feeRate: number;
  slippageRate: number;
  timeframe: Timeframe;
  periodsPerYear: number;
}

export interface ResolvedBacktest extends ResolvedCosts {
  strategy: StrategyDefinition;
  params: ParamValues;
  includeIndicators: boolean;
}

function numberIn(value: unknown, field: string, fallback: number, min: number, max: number, minExclusive: boolean): number {
  if (value === undefined) return fallback;
  const lowOk = typeof value === 'number' && (minExclusive ? value > min : value >= min);
  if (typeof value !== 'number' || !Number.isFinite(value) || !lowOk || value > max) {
    throw new EngineError(
      'INVALID_CONFIG',
      field,
      `${field} must be a finite number in ${minExclusive ? '(' : '['}${min}, ${max}]; got ${describeValue(value)}`,
    );
  }
  return value;
}

export function resolveCosts(req: CostRequest, prefix = ''): ResolvedCosts {
  if (typeof req !== 'object' || req === null) {
    throw new EngineError('INVALID_CONFIG', prefix || 'request', `${prefix || 'request'} must be an object; got ${describeValue(req)}`);
  }
  const initialCapital = numberIn(req.initialCapital, `${prefix}initialCapital`, DEFAULT_INITIAL_CAPITAL, 0, MAX_INITIAL_CAPITAL, true);
  const feeBps = numberIn(req.feeBps, `${prefix}feeBps`, DEFAULT_FEE_BPS, 0, MAX_COST_BPS, false);
  const slippageBps = numberIn(req.slippageBps, `${prefix}slippageBps`, DEFAULT_SLIPPAGE_BPS, 0, MAX_COST_BPS, false);
  const timeframe = assertTimeframe(req.timeframe, `${prefix}timeframe`);
  return {
    initialCapital,
    feeBps,
    slippageBps,
    feeRate: feeBps / 10_000,
    slippageRate: slippageBps / 10_000,
    timeframe,
    periodsPerYear: periodsPerYear(timeframe),
  };
}

/**
 * Merges the request-level `direction` shorthand into the params; a
 * disagreement between the two is an INVALID_CONFIG error rather than a
 * silent choice.
 */
export function mergeDirection(params: Record<string, unknown> | undefined, direction: unknown, prefix = ''): Record<string, unknown> | undefined {
  if (direction === undefined) return params;
  if (typeof direction !== 'string' || !(directions as readonly string[]).includes(direction)) {
    throw new EngineError('INVALID_CONFIG', `${prefix}direction`, `${prefix}direction must be one of ${directions.join(', ')}; got ${describeValue(direction)}`);
  }
  const fromParams = params?.direction;
  if (fromParams !== undefined && fromParams !== direction) {
    throw new EngineError(
      'INVALID_CONFIG',
      `${prefix}direction`,
      `${prefix}direction (${JSON.stringify(direction)}) contradicts strategy.params.direction (${describeValue(fromParams)}); give one of them`,
    );
  }
  return { ...(params ?? {}), direction };
}

export function resolveBacktestRequest(req: BacktestRequest): ResolvedBacktest {
  const costs = resolveCosts(req);
  const strategy = getStrategy(req.strategy ?? DEFAULT_STRATEGY, 'strategy');
  const params = validateStrategyParams(strategy, mergeDirection(req.params, req.direction), 'strategy.params');
  if (req.includeIndicators !== undefined && typeof req.includeIndicators !== 'boolean') {
    throw new EngineError('INVALID_CONFIG', 'includeIndicators', `includeIndicators must be a boolean; got ${describeValue(req.includeIndicators)}`);
  }
  return { ...costs, strategy, params, includeIndicators: req.includeIndicators ?? false };
}

export function simConfig(costs: ResolvedCosts, params: ParamValues): SimConfig {
  const direction = (params.direction ?? 'long') as Direction;
  return {
    initialCapital: costs.initialCapital,
    feeRate: costs.feeRate,
    slippageRate: costs.slippageRate,
    allowLong: direction !== 'short',
    allowShort: direction !== 'long',
  };
}

/**
 * A backtest needs the first signal bar plus one bar to execute on. Fewer bars
 * is an INSUFFICIENT_DATA error saying how many the parameters need.
 */
export function minimumBars(strategy: StrategyDefinition, params: ParamValues): number {
  return strategy.firstSignalBar(params) + 2;
}

export function assertEnoughBars(strategy: StrategyDefinition, params: ParamValues, bars: number, field = 'candles', subject = field): void {
  const need = minimumBars(strategy, params);
  if (bars < need) {
    throw new EngineError(
      'INSUFFICIENT_DATA',
      field,
      `${subject} has ${bars} bars but ${strategy.name} with ${describeParams(params)} needs at least ${need} (indicator warm-up plus one bar to trade on)`,
    );
  }
}

export function describeParams(params: ParamValues): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${v}`)
    .join(', ');
}
