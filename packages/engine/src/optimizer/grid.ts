import type { Candles } from '../candles';
import { EngineError } from '../errors';
import { createLocalEvaluator, defaultNow } from './evaluate';
import { positiveInt, prepareSearch } from './prepare';
import { MAX_SPACE_SIZE } from './space';
import { buildResult, evaluateAll, ProgressTracker, trialOf, windowOf, type SearchRuntime } from './run';
import type { GridSearchOptions, OptimizerResult, TrialLog } from './types';

/** OPTIMIZER_MAX_COMBINATIONS default. */
export const DEFAULT_MAX_COMBINATIONS = 500;

/**
 * Exhaustive search over the Cartesian product of the value lists.
 * Combinations that break a strategy constraint (emaFast >= emaSlow) are
 * skipped and counted; more valid combinations than `maxCombinations` is a
 * TOO_MANY_COMBINATIONS error raised before any backtest runs. Trials are
 * logged in enumeration order and the leaderboard breaks score ties by that
 * order, so the result is deterministic.
 */
export function gridSearch(candles: Candles, options: GridSearchOptions): Promise<OptimizerResult> {
  return gridSearchWith(candles, options, {});
}

/** gridSearch with a runtime: the worker pool passes its evaluator, a walk-forward its window. */
export async function gridSearchWith(candles: Candles, options: GridSearchOptions, runtime: SearchRuntime): Promise<OptimizerResult> {
  const maxCombinations = positiveInt(options.maxCombinations, 'maxCombinations', DEFAULT_MAX_COMBINATIONS, MAX_SPACE_SIZE);
  const { start, end } = windowOf(candles, runtime);
  const prep = prepareSearch(candles, options, runtime.validate ?? true, end - start);
  const { space, valid, costs, objective } = prep;
  if (valid.length > maxCombinations) {
    throw new EngineError(
      'TOO_MANY_COMBINATIONS',
      'grid',
      `grid has ${valid.length} valid combinations (${space.values.map((v) => v.length).join(' x ')} = ${space.size}, ${space.size - valid.length} invalid skipped); the limit is ${maxCombinations} (OPTIMIZER_MAX_COMBINATIONS)`,
    );
  }
  const now = options.now ?? defaultNow;
  const ev = runtime.evaluator ?? createLocalEvaluator(candles, costs, now);
  const params = Array.from(valid, (i) => space.params(i));
  const progress = new ProgressTracker(params.length, options.onProgress);
  const outcomes = await evaluateAll(
    ev,
    { strategy: prep.strategy.name, costs, start, end, objective, blocks: 0 },
    params,
    options.signal,
    (done, out) => progress.report(done, out),
  );
  const trials: TrialLog[] = outcomes.map((o, k) => trialOf(k, params[k]!, o, runtime.fold));
  return buildResult('grid', objective, valid.length, space.size - valid.length, trials, prep.top);
}
