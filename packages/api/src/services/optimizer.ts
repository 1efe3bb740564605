/**
 * Optimizer orchestration shared by `backtest.optimize`, `runs.start` and the
 * multi-fold walk-forward: the before-any-work combination check, and the
 * engine call (on the warm worker pool when the server has one).
 */
import {
  geneticSearch,
  getStrategy,
  gridSearch,
  resolveSpace,
  tpeSearch,
  type Candles,
  type OptimizerResult,
} from '@spark/engine';
import type { ApiDeps } from '../context';
import { ApiError } from '../errors';
import { combinationClass } from '../metrics/registry';
import type { OptimizeInput } from '../schemas/optimize';
import type { Progress } from './implementations/types';

/** Default evaluation budget of TPE and genetic search: a tenth of the space, at least 20, at most 200. */
export function defaultBudget(combinations: number): number {
  return Math.max(20, Math.min(200, Math.ceil(combinations / 10)));
}

/**
 * Counts the valid combinations of a grid without loading any data, and
 * rejects a grid search past the limit before any work is done.
 */
export function precheckOptimize(input: Pick<OptimizeInput, 'grid' | 'strategy' | 'method' | 'budget' | 'direction'>, maxCombinations: number): { combinations: number; skippedInvalid: number } {
  const strategy = getStrategy(input.strategy.name, 'strategy.name');
  const fixed = { ...input.strategy.params, ...(input.direction ? { direction: input.direction } : {}) };
  const space = resolveSpace(strategy, input.grid, fixed, 'grid');
  const combinations = space.validIndices().length;
  const skippedInvalid = space.size - combinations;
  if (combinations === 0) {
    throw new ApiError('BAD_REQUEST', 'INVALID_PARAMS', `grid has no valid combination: all ${space.size} break a rule of ${strategy.name} (${strategy.constraints.map((c) => c.description).join('; ')})`, { field: 'grid' });
  }
  if (input.method === 'grid' && combinations > maxCombinations) {
    throw new ApiError(
      'BAD_REQUEST',
      'TOO_MANY_COMBINATIONS',
      `grid has ${combinations} valid combinations (${skippedInvalid} invalid skipped); the limit is ${maxCombinations} (OPTIMIZER_MAX_COMBINATIONS): narrow the value lists or use method "tpe" or "genetic" with a budget`,
      { field: 'grid' },
    );
  }
  if (input.method !== 'grid' && input.budget !== undefined && input.budget > maxCombinations) {
    throw new ApiError('BAD_REQUEST', 'TOO_MANY_COMBINATIONS', `budget ${input.budget} is above the limit of ${maxCombinations} evaluations (OPTIMIZER_MAX_COMBINATIONS)`, { field: 'budget' });
  }
  return { combinations, skippedInvalid };
}

export interface OptimizeRun {
  result: OptimizerResult;
  elapsedMs: number;
}

/** Runs the chosen optimizer on candles already loaded. */
export async function optimizeCandles(
  deps: ApiDeps,
  candles: Candles,
  input: OptimizeInput,
  options: { signal?: AbortSignal; onProgress?: (p: Progress) => void },
): Promise<OptimizeRun> {
  const { combinations } = precheckOptimize(input, deps.config.optimizerMaxCombinations);
  const started = performance.now();
  const common = {
    strategy: input.strategy.name,
    params: input.strategy.params,
    ...(input.direction ? { direction: input.direction } : {}),
    initialCapital: input.initialCapital,
    feeBps: input.feeBps,
    slippageBps: input.slippageBps,
    timeframe: input.timeframe,
    grid: input.grid,
    objective: input.objective,
    top: input.top,
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (p: { done: number; total: number; bestScore: number | null }) =>
      options.onProgress?.({ done: p.done, total: p.total, stage: `${input.method} search`, partial: { bestScore: p.bestScore } }),
  };
  const budget = Math.min(input.budget ?? defaultBudget(combinations), combinations);
  let result: OptimizerResult;
  if (input.method === 'grid') {
    result = deps.optimizerPool
      ? await deps.optimizerPool.gridSearch(candles, { ...common, maxCombinations: deps.config.optimizerMaxCombinations })
      : await gridSearch(candles, { ...common, maxCombinations: deps.config.optimizerMaxCombinations });
  } else if (input.method === 'tpe') {
    const options = { ...common, budget, seed: input.seed };
    result = deps.optimizerPool ? await deps.optimizerPool.tpeSearch(candles, options) : await tpeSearch(candles, options);
  } else {
    const options = { ...common, budget, seed: input.seed };
    result = deps.optimizerPool ? await deps.optimizerPool.geneticSearch(candles, options) : await geneticSearch(candles, options);
  }
  const elapsedMs = performance.now() - started;
  deps.metrics.optRuns.inc({ method: input.method });
  deps.metrics.optEvaluations.inc({ method: input.method }, result.evaluated);
  deps.metrics.optLatency.observe({ combinations: combinationClass(result.combinations) }, elapsedMs);
  return { result, elapsedMs };
}
