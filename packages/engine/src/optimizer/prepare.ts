import { validateCandles, type Candles } from '../candles';
import { EngineError, describeValue } from '../errors';
import { assertEnoughBars, mergeDirection, resolveCosts, type ResolvedCosts } from '../sim/request';
import { DEFAULT_STRATEGY, getStrategy } from '../strategies/registry';
import type { StrategyDefinition } from '../strategies/types';
import { assertObjective, type Objective } from './objective';
import { MAX_SPACE_SIZE, resolveSpace, type SearchSpace } from './space';
import type { OptimizerCommon } from './types';

export interface PreparedSearch {
  strategy: StrategyDefinition;
  costs: ResolvedCosts;
  space: SearchSpace;
  objective: Objective;
  top: number;
  /** Indices of the combinations that satisfy the strategy's constraints. */
  valid: Int32Array;
}

export const DEFAULT_TOP = 5;
const MAX_TOP = 1000;

export function positiveInt(value: unknown, field: string, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw new EngineError('INVALID_CONFIG', field, `${field} must be an integer in [1, ${max}]; got ${describeValue(value)}`);
  }
  return value;
}

/**
 * Validates everything a search needs before any backtest runs: costs,
 * strategy, search space, objective, leaderboard size, and that the candles
 * hold enough bars for the slowest combination's indicators. `bars` defaults
 * to the whole series (a walk-forward passes its in-sample window length and
 * names it in `window`).
 */
export function prepareSearch(
  candles: Candles,
  options: OptimizerCommon,
  validate = true,
  bars?: number,
  window: { field: string; subject: string } = { field: 'candles', subject: 'candles' },
): PreparedSearch {
  if (typeof options !== 'object' || options === null) {
    throw new EngineError('INVALID_CONFIG', 'options', `options must be an object; got ${describeValue(options)}`);
  }
  const costs = resolveCosts(options);
  const strategy = getStrategy(options.strategy ?? DEFAULT_STRATEGY, 'strategy');
  const objective = assertObjective(options.objective);
  const top = positiveInt(options.top, 'top', DEFAULT_TOP, MAX_TOP);
  const space = resolveSpace(strategy, options.grid, mergeDirection(options.params, options.direction), 'grid');
  if (space.size > MAX_SPACE_SIZE) {
    throw new EngineError(
      'TOO_MANY_COMBINATIONS',
      'grid',
      `grid has ${space.size} combinations (${space.values.map((v) => v.length).join(' x ')}); a search space may hold at most ${MAX_SPACE_SIZE}`,
    );
  }
  if (validate) validateCandles(candles);
  const valid = space.validIndices();
  if (valid.length === 0) {
    throw new EngineError(
      'INVALID_PARAMS',
      'grid',
      `every one of the grid's ${space.size} combinations breaks ${strategy.constraints.map((c) => c.description).join(' and ')}; no combination can be evaluated`,
    );
  }
  assertEnoughBars(strategy, space.maxParams(), bars ?? candles.close.length, window.field, window.subject);
  return { strategy, costs, space, objective, top, valid };
}
