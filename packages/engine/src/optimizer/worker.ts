import { isEngineError } from '../errors';
import { BacktestEvaluator } from '../sim/evaluator';
import { pboCscv } from '../stats/pbo';
import { evaluateJobSync } from './evaluate';
import { candlesFromShared, type SharedSeries } from './shared-series';
import type { WorkerReply, WorkerTask } from './worker-protocol';

/**
 * Worker-thread entry of the optimizer pool (bundled to
 * dist/optimizer-worker.mjs). It keeps, per shared series, an evaluator with
 * its indicator cache, so a series' indicators are computed once per thread
 * and reused by every later chunk and request on that series.
 */
const SERIES_KEPT = 4;
const evaluators = new Map<number, BacktestEvaluator>();

function evaluatorFor(series: SharedSeries, job: WorkerTask & { kind: 'evaluate' }): BacktestEvaluator {
  const hit = evaluators.get(series.id);
  if (hit !== undefined) {
    // Re-insert to mark it most recently used.
    evaluators.delete(series.id);
    evaluators.set(series.id, hit);
    return hit;
  }
  const ev = new BacktestEvaluator(candlesFromShared(series), job.job.costs);
  evaluators.set(series.id, ev);
  if (evaluators.size > SERIES_KEPT) evaluators.delete(evaluators.keys().next().value!);
  return ev;
}

export default function run(task: WorkerTask): WorkerReply {
  try {
    if (task.kind === 'pbo') return { ok: true, kind: 'pbo', result: pboCscv(task.blockStats, task.blocks) };
    const ev = evaluatorFor(task.series, task);
    return { ok: true, kind: 'evaluate', outcomes: evaluateJobSync(ev, task.job, () => performance.now()) };
  } catch (e) {
    if (isEngineError(e)) return { ok: false, error: e.toJSON() };
    const err = e instanceof Error ? e : new Error(String(e));
    return { ok: false, error: { name: err.name, message: `${err.message}\n${err.stack ?? ''}` } };
  }
}
