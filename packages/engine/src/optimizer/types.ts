import type { Metrics } from '../sim/types';
import type { BacktestRequest } from '../sim/request';
import type { ParamValues } from '../strategies/types';
import type { Objective } from './objective';
import type { SearchSpaceInput } from './space';

/** One evaluation, as the trial log keeps it. */
export interface TrialLog {
  /** Evaluation order (grid: enumeration order of the valid combinations). */
  index: number;
  /** Walk-forward fold the trial belongs to, when run inside a walk-forward. */
  fold?: number;
  params: ParamValues;
  metrics: Metrics;
  score: number;
  /** Wall time of the evaluation in milliseconds (a measurement; everything else in a result is deterministic). */
  timeMs: number;
}

export interface LeaderboardEntry {
  rank: number;
  params: ParamValues;
  metrics: Metrics;
  score: number;
  /** TrialLog.index of the entry. */
  trial: number;
}

export type OptimizerMethod = 'grid' | 'tpe' | 'genetic';

export interface OptimizerResult {
  method: OptimizerMethod;
  objective: Objective;
  /** Valid combinations in the search space (those that satisfy the strategy's constraints). */
  combinations: number;
  /** Combinations skipped because they break a constraint (e.g. emaFast >= emaSlow). */
  skippedInvalid: number;
  /** Backtests actually run. */
  evaluated: number;
  best: { params: ParamValues; metrics: Metrics; score: number };
  /** Best `top` trials by score, ties broken by trial index. */
  leaderboard: LeaderboardEntry[];
  trials: TrialLog[];
}

export interface OptimizerProgress {
  done: number;
  total: number;
  /** Best score so far; null before the first evaluation. */
  bestScore: number | null;
}

/** Fields every optimizer accepts besides its own. */
export interface OptimizerCommon extends Omit<BacktestRequest, 'includeIndicators'> {
  /** Values to try per parameter; the others keep `params` or their defaults. */
  grid: SearchSpaceInput;
  /** Metric to maximise; default sharpe. */
  objective?: Objective;
  /** Leaderboard length; default 5. */
  top?: number;
  onProgress?: (progress: OptimizerProgress) => void;
  signal?: AbortSignal;
  /** Clock for trial timings; default performance.now. Inject a constant for byte-identical results. */
  now?: () => number;
}

export interface GridSearchOptions extends OptimizerCommon {
  /** More valid combinations than this is rejected before any work; default 500 (OPTIMIZER_MAX_COMBINATIONS). */
  maxCombinations?: number;
}

export interface TpeSearchOptions extends OptimizerCommon {
  /** Evaluations to spend. */
  budget: number;
  /** Seed of every random choice; default 1. */
  seed?: number;
  /** Random evaluations before the density model is used; default min(10, budget). */
  startupTrials?: number;
  /** Candidates drawn from the good-density per step; default 24 (Optuna's n_ei_candidates). */
  candidates?: number;
}

export interface GeneticSearchOptions extends OptimizerCommon {
  budget: number;
  seed?: number;
  /** Individuals per generation; default clamp(round(1.5 * sqrt(budget)), 6, 40). */
  population?: number;
  /** Per-gene mutation probability; default 1 / number of searched parameters. */
  mutationRate?: number;
  /** Share of children made by a one-gene step from the best individual (memetic local search); default 0.7. */
  localSearchRate?: number;
}
