import type { Candles } from '../candles';
import { EngineError } from '../errors';
import { BacktestEvaluator } from '../sim/evaluator';
import type { ResolvedCosts } from '../sim/request';
import type { Metrics } from '../sim/types';
import { getStrategy } from '../strategies/registry';
import type { ParamValues } from '../strategies/types';
import { scoreOf, type Objective } from './objective';

/** A batch of backtests over one window of one series: what crosses to a worker. */
export interface EvalJob {
  strategy: string;
  params: ParamValues[];
  costs: ResolvedCosts;
  start: number;
  end: number;
  objective: Objective;
  /** When > 0, also return per-block return statistics for PBO (see writeBlockStats). */
  blocks: number;
}

export interface EvalOutcome {
  metrics: Metrics;
  score: number;
  timeMs: number;
  blockStats: Float64Array | null;
}

/**
 * Runs a batch of evaluations. The local implementation runs them in this
 * thread; the worker pool's spreads them over threads. Both return outcomes
 * in the order of `job.params`, so results never depend on scheduling.
 */
export interface BatchEvaluator {
  readonly candles: Candles;
  /** How many batches may usefully run at once. */
  readonly concurrency: number;
  evaluate(job: EvalJob, signal?: AbortSignal): Promise<EvalOutcome[]>;
}

export const defaultNow = (): number => performance.now();

/** Evaluates a job synchronously on an evaluator (used in-process and inside workers). */
export function evaluateJobSync(evaluator: BacktestEvaluator, job: EvalJob, now: () => number, from = 0, to = job.params.length): EvalOutcome[] {
  const strategy = getStrategy(job.strategy);
  evaluator.costs = job.costs;
  const out: EvalOutcome[] = [];
  for (let k = from; k < to; k++) {
    const t0 = now();
    const blockStats = job.blocks > 0 ? new Float64Array(3 * job.blocks) : null;
    const metrics = evaluator.metrics(strategy, job.params[k]!, job.start, job.end, blockStats);
    out.push({ metrics, score: scoreOf(metrics, job.objective), timeMs: now() - t0, blockStats });
  }
  return out;
}

/** Lets timers, I/O and abort handlers run between slices of synchronous work. */
export function yieldToEventLoop(): Promise<void> {
  const g = globalThis as { setImmediate?: (cb: () => void) => unknown };
  return new Promise((resolve) => {
    if (typeof g.setImmediate === 'function') g.setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

export function cancelled(what: string): EngineError {
  return new EngineError('CANCELLED', 'signal', `${what} was cancelled by the caller's AbortSignal`);
}

/** Work between yields in the in-process evaluator: long enough to amortise the yield, short enough for a responsive cancel. */
const SLICE_MS = 15;

/**
 * Evaluates in the calling thread, yielding to the event loop every ~15 ms so
 * that an AbortSignal (and progress reporting) can interrupt a long search.
 */
export function createLocalEvaluator(candles: Candles, costs: ResolvedCosts, now: () => number = defaultNow, evaluator?: BacktestEvaluator): BatchEvaluator {
  const be = evaluator ?? new BacktestEvaluator(candles, costs);
  return {
    candles,
    concurrency: 1,
    async evaluate(job, signal) {
      const out: EvalOutcome[] = [];
      let sliceStart = performance.now();
      for (let k = 0; k < job.params.length; k++) {
        if (signal?.aborted) throw cancelled('The evaluation');
        out.push(evaluateJobSync(be, job, now, k, k + 1)[0]!);
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToEventLoop();
          sliceStart = performance.now();
        }
      }
      return out;
    },
  };
}
