import type { Candles } from '../candles';
import { EngineError } from '../errors';
import type { ParamValues } from '../strategies/types';
import { cancelled, type BatchEvaluator, type EvalJob, type EvalOutcome } from './evaluate';
import type { LeaderboardEntry, OptimizerMethod, OptimizerProgress, OptimizerResult, TrialLog } from './types';
import type { Objective } from './objective';

/**
 * Evaluates `params` in chunks with at most `evaluator.concurrency` chunks in
 * flight, reporting progress after each chunk. Outcomes come back in the
 * order of `params`, whatever order the chunks finish in.
 */
export async function evaluateAll(
  evaluator: BatchEvaluator,
  base: Omit<EvalJob, 'params'>,
  params: ParamValues[],
  signal: AbortSignal | undefined,
  onChunk?: (done: number, outcomes: EvalOutcome[], from: number) => void,
): Promise<EvalOutcome[]> {
  const n = params.length;
  const results = new Array<EvalOutcome>(n);
  const conc = Math.max(1, evaluator.concurrency);
  // Several chunks per thread balance uneven chunk costs; 32 per chunk keeps in-process progress lively.
  const size = conc > 1 ? Math.max(1, Math.ceil(n / (conc * 4))) : Math.min(32, Math.max(1, n));
  let next = 0;
  let done = 0;
  let failed = false;
  const lane = async (): Promise<void> => {
    while (next < n && !failed) {
      if (signal?.aborted) throw cancelled('The optimization');
      const from = next;
      const to = Math.min(from + size, n);
      next = to;
      let out: EvalOutcome[];
      try {
        out = await evaluator.evaluate({ ...base, params: params.slice(from, to) }, signal);
      } catch (e) {
        failed = true;
        throw e;
      }
      for (let k = 0; k < out.length; k++) results[from + k] = out[k]!;
      done += out.length;
      onChunk?.(done, out, from);
    }
  };
  await Promise.all(Array.from({ length: Math.min(conc, Math.ceil(n / size)) }, lane));
  if (signal?.aborted) throw cancelled('The optimization');
  return results;
}

/** Sorts trials by score (descending), ties by trial index, and keeps the first `top`. */
export function leaderboard(trials: readonly TrialLog[], top: number): LeaderboardEntry[] {
  const order = trials.map((_, i) => i);
  order.sort((a, b) => trials[b]!.score - trials[a]!.score || trials[a]!.index - trials[b]!.index);
  return order.slice(0, top).map((i, r) => {
    const t = trials[i]!;
    return { rank: r + 1, params: t.params, metrics: t.metrics, score: t.score, trial: t.index };
  });
}

export function buildResult(
  method: OptimizerMethod,
  objective: Objective,
  combinations: number,
  skippedInvalid: number,
  trials: TrialLog[],
  top: number,
): OptimizerResult {
  const board = leaderboard(trials, top);
  const first = board[0]!;
  return {
    method,
    objective,
    combinations,
    skippedInvalid,
    evaluated: trials.length,
    best: { params: first.params, metrics: first.metrics, score: first.score },
    leaderboard: board,
    trials,
  };
}

export class ProgressTracker {
  private best: number | null = null;
  constructor(
    private readonly total: number,
    private readonly onProgress?: (p: OptimizerProgress) => void,
  ) {}

  report(done: number, outcomes: readonly EvalOutcome[]): void {
    for (const o of outcomes) if (this.best === null || o.score > this.best) this.best = o.score;
    this.onProgress?.({ done, total: this.total, bestScore: this.best });
  }
}

/** How and where a search runs; every field is optional for a plain in-process search over the whole series. */
export interface SearchRuntime {
  /** Evaluator to use; default an in-process one. */
  evaluator?: BatchEvaluator | null;
  /** Validate the candles (skip when the caller already did). Default true. */
  validate?: boolean;
  /** Window [start, end) of the series to evaluate on; default the whole series. */
  start?: number;
  end?: number;
  /** Walk-forward fold recorded in each trial. */
  fold?: number;
}

export function windowOf(candles: Candles, runtime: SearchRuntime): { start: number; end: number } {
  const n = candles.close?.length ?? 0;
  const start = runtime.start ?? 0;
  const end = runtime.end ?? n;
  if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= n && end - start >= 2)) {
    throw new EngineError('INVALID_CONFIG', 'window', `window [${start}, ${end}) must lie inside the ${n} bars and span at least 2 bars`);
  }
  return { start, end };
}

export function trialOf(index: number, params: ParamValues, o: EvalOutcome, fold: number | undefined): TrialLog {
  const t: TrialLog = { index, params, metrics: o.metrics, score: o.score, timeMs: o.timeMs };
  if (fold !== undefined) t.fold = fold;
  return t;
}
