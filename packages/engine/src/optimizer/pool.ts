import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import Tinypool from 'tinypool';
import { validateCandles, type Candles } from '../candles';
import { EngineError, engineErrorFromJSON } from '../errors';
import { resolveCosts, type CostRequest } from '../sim/request';
import type { PboResult } from '../stats/pbo';
import { walkForwardWith, type WalkForwardOptions, type WalkForwardResult } from '../walk-forward/walk-forward';
import { cancelled, type BatchEvaluator, type EvalOutcome } from './evaluate';
import { geneticSearchWith } from './genetic';
import { gridSearchWith } from './grid';
import { shareCandles } from './shared-series';
import { tpeSearchWith } from './tpe';
import type { GeneticSearchOptions, GridSearchOptions, OptimizerResult, TpeSearchOptions } from './types';
import type { WorkerReply, WorkerTask } from './worker-protocol';

/**
 * The bundled worker (`pnpm --filter @spark/engine build` writes it). Resolved
 * from this source file, which works when the package runs from source
 * (vitest, tsx). A bundler that moves this module (Next.js) must pass an
 * absolute `workerFile` instead.
 */
export const defaultWorkerFile: string = fileURLToPath(new URL('../../dist/optimizer-worker.mjs', import.meta.url));

export interface OptimizerPoolOptions {
  /** Worker threads, kept warm for the pool's life; default os.availableParallelism() (OPTIMIZER_MAX_CONCURRENCY). */
  maxThreads?: number;
  /** Absolute path (or file URL) of dist/optimizer-worker.mjs; default resolved relative to this package. */
  workerFile?: string | URL;
}

export interface OptimizerPool {
  readonly threads: number;
  readonly workerFile: string;
  /** gridSearch with the evaluations spread over the pool; same result as the in-process one except trial timings. */
  gridSearch(candles: Candles, options: GridSearchOptions): Promise<OptimizerResult>;
  /** TPE is sequential by nature: each suggestion runs in a worker, keeping the calling thread free. */
  tpeSearch(candles: Candles, options: TpeSearchOptions): Promise<OptimizerResult>;
  /** Each generation is spread over the pool. */
  geneticSearch(candles: Candles, options: GeneticSearchOptions): Promise<OptimizerResult>;
  /** walkForward with optimizer evaluations, candidate backtests and PBO on the pool. */
  walkForward(candles: Candles, options: WalkForwardOptions): Promise<WalkForwardResult>;
  /** A batch evaluator over the pool for one series (building block of the above). */
  evaluator(candles: Candles): BatchEvaluator;
  destroy(): Promise<void>;
}

/**
 * Starts a pool of optimizer worker threads that stays up (minThreads =
 * maxThreads) and is reused across requests; create it once per process and
 * `destroy()` it on shutdown. Each request's candles go to the workers once as
 * a SharedArrayBuffer (shared, not copied); each worker caches indicators per
 * series. Work is split into chunks with at most `maxThreads` in flight per
 * request; progress is reported per chunk; an AbortSignal stops dispatching
 * at once and the promise rejects with CANCELLED (chunks already running
 * finish in the background and are discarded, so the threads stay warm).
 */
export function createOptimizerPool(options: OptimizerPoolOptions = {}): OptimizerPool {
  const maxThreads = options.maxThreads ?? availableParallelism();
  if (!Number.isInteger(maxThreads) || maxThreads < 1 || maxThreads > 256) {
    throw new EngineError('INVALID_CONFIG', 'maxThreads', `maxThreads must be an integer in [1, 256]; got ${String(maxThreads)}`);
  }
  const file = options.workerFile === undefined ? defaultWorkerFile : options.workerFile instanceof URL ? fileURLToPath(options.workerFile) : options.workerFile;
  if (!existsSync(file)) {
    throw new Error(`optimizer worker bundle not found at ${file}; build it with \`pnpm --filter @spark/engine build\` or pass workerFile`);
  }
  // minThreads = maxThreads: tinypool never retires a worker below minThreads, so the threads (and their indicator caches) stay warm.
  const pool = new Tinypool({ filename: file, minThreads: maxThreads, maxThreads });
  let destroyed = false;

  const runTask = async (task: WorkerTask, signal?: AbortSignal): Promise<WorkerReply> => {
    if (destroyed) throw new Error('the optimizer pool has been destroyed');
    if (signal?.aborted) throw cancelled('The optimization');
    const work = pool.run(task) as Promise<WorkerReply>;
    const reply = signal ? await raceAbort(work, signal) : await work;
    if (!reply.ok) {
      const ee = engineErrorFromJSON(reply.error);
      if (ee) throw ee;
      throw new Error(`optimizer worker failed: ${reply.error.message}`);
    }
    return reply;
  };

  const evaluator = (candles: Candles): BatchEvaluator => {
    const series = shareCandles(candles);
    return {
      candles,
      concurrency: maxThreads,
      async evaluate(job, signal): Promise<EvalOutcome[]> {
        const reply = await runTask({ kind: 'evaluate', series, job }, signal);
        return (reply as Extract<WorkerReply, { kind: 'evaluate' }>).outcomes;
      },
    };
  };

  // Costs and candles are checked here, before the series is copied into shared memory.
  const prepared = (candles: Candles, opts: CostRequest): BatchEvaluator => {
    resolveCosts(opts);
    validateCandles(candles);
    return evaluator(candles);
  };

  return {
    threads: maxThreads,
    workerFile: file,
    gridSearch: (candles, opts) => Promise.resolve().then(() => gridSearchWith(candles, opts, { evaluator: prepared(candles, opts), validate: false })),
    tpeSearch: (candles, opts) => Promise.resolve().then(() => tpeSearchWith(candles, opts, { evaluator: prepared(candles, opts), validate: false })),
    geneticSearch: (candles, opts) => Promise.resolve().then(() => geneticSearchWith(candles, opts, { evaluator: prepared(candles, opts), validate: false })),
    walkForward: (candles, opts) =>
      Promise.resolve().then(() =>
        walkForwardWith(candles, opts, {
          evaluator: prepared(candles, opts),
          computePbo: async (blockStats, blocks): Promise<PboResult> => {
            const reply = await runTask({ kind: 'pbo', blockStats, blocks }, opts.signal);
            return (reply as Extract<WorkerReply, { kind: 'pbo' }>).result;
          },
        }),
      ),
    evaluator,
    async destroy() {
      if (destroyed) return;
      destroyed = true;
      await pool.destroy();
    },
  };
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled('The optimization'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
