/**
 * Long jobs (optimizations, multi-fold walk-forwards) run in the background:
 * `runs.start` returns the run id at once, `runs.progress` streams events,
 * `runs.cancel` aborts. This runner keeps the queue in process, bounded by
 * `maxDepth` and run `concurrency` at a time; the state every client sees is
 * the run row in Postgres, so a Postgres-backed queue spread over many worker
 * machines can replace it behind the same interface.
 *
 * The owning process heartbeats its runs; a sweeper fails runs whose owner
 * stopped heartbeating (a crash or restart), so none is left running forever.
 */
import { EventEmitter } from 'node:events';
import { failOrphanedRuns, getRun, heartbeatRuns, updateRun, type RunKind } from '@spark/db';
import type { ApiDeps } from '../../context';
import { ApiError, engineFailure } from '../../errors';
import type { Principal } from '../auth';
import type { Progress } from '../implementations/types';
import { completeRun, createRun, failRun, loadRunResult, markRunStarted, type RunOutcome } from '../runs';

export type RunEvent =
  | { type: 'status'; runId: string; status: 'queued' | 'running' | 'done' | 'failed'; position?: number }
  | { type: 'progress'; runId: string; done: number; total: number; stage: string; elapsedMs: number; etaSeconds: number | null; partial?: unknown }
  | { type: 'done'; runId: string; result: unknown }
  | { type: 'failed'; runId: string; error: string; code: string | null };

export interface JobSpec {
  kind: RunKind;
  input: unknown;
  principal: Principal;
  mock: boolean;
  execute: (ctx: { signal: AbortSignal; onProgress: (p: Progress) => void }) => Promise<RunOutcome<unknown>>;
}

export interface JobRunner {
  /** Queues a job and returns its run id; SERVICE_UNAVAILABLE "queue full (N/N)" past the bound. */
  enqueue(deps: ApiDeps, job: JobSpec): Promise<string>;
  /** Aborts a queued or running job of this process. */
  cancel(deps: ApiDeps, runId: string, actor: string): Promise<'cancelled' | 'not_running'>;
  /** Events of one run: its current state first, then live events until it finishes. */
  events(deps: ApiDeps, runId: string, signal?: AbortSignal): AsyncGenerator<RunEvent>;
  stats(): { queued: number; running: number; maxDepth: number };
  /**
   * Fails runs whose owner stopped heartbeating for `staleAfterMs` (default
   * the runner's orphan threshold; 0 at the start of the only process that
   * can own runs, the embedded database's).
   */
  sweepOrphans(deps: ApiDeps, staleAfterMs?: number): Promise<number>;
  start(deps: ApiDeps): void;
  shutdown(): Promise<void>;
}

interface ActiveJob {
  runId: string;
  spec: JobSpec;
  controller: AbortController;
  emitter: EventEmitter;
  state: 'queued' | 'running';
  startedMs?: number;
  lastProgress?: RunEvent;
}

export interface JobRunnerOptions {
  maxDepth: number;
  concurrency: number;
  heartbeatMs?: number;
  /** A run whose heartbeat is older than this is orphaned. */
  orphanAfterMs?: number;
  /** Progress is written to the run row at most this often. */
  persistProgressMs?: number;
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const heartbeatMs = options.heartbeatMs ?? 5_000;
  const orphanAfterMs = options.orphanAfterMs ?? 30_000;
  const persistProgressMs = options.persistProgressMs ?? 1_000;
  const jobs = new Map<string, ActiveJob>();
  const waiting: ActiveJob[] = [];
  let running = 0;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  function publish(job: ActiveJob, event: RunEvent) {
    if (event.type === 'progress') job.lastProgress = event;
    job.emitter.emit('event', event);
  }

  function pump(deps: ApiDeps) {
    while (!stopped && running < options.concurrency && waiting.length > 0) {
      const job = waiting.shift()!;
      deps.metrics.queueDepth.set(waiting.length);
      running++;
      void execute(deps, job)
        .catch((error: unknown) => deps.log(`job ${job.runId} could not record its outcome`, error))
        .finally(() => {
          running--;
          jobs.delete(job.runId);
          pump(deps);
        });
    }
    waiting.forEach((job, i) => publish(job, { type: 'status', runId: job.runId, status: 'queued', position: i + 1 }));
  }

  async function execute(deps: ApiDeps, job: ActiveJob) {
    const { runId, spec } = job;
    if (job.controller.signal.aborted) return;
    job.state = 'running';
    job.startedMs = deps.now();
    deps.metrics.activeRuns.inc();
    let lastPersist = 0;
    try {
      await markRunStarted(deps, runId);
      publish(job, { type: 'status', runId, status: 'running' });
      const outcome = await spec.execute({
        signal: job.controller.signal,
        onProgress: (p) => {
          const elapsedMs = deps.now() - job.startedMs!;
          const etaSeconds = p.done > 0 && p.total > p.done ? Math.round(((elapsedMs / p.done) * (p.total - p.done)) / 1000) : p.done >= p.total ? 0 : null;
          const event: RunEvent = { type: 'progress', runId, done: p.done, total: p.total, stage: p.stage, elapsedMs, etaSeconds, ...(p.partial !== undefined ? { partial: p.partial } : {}) };
          publish(job, event);
          const now = deps.now();
          if (now - lastPersist >= persistProgressMs) {
            lastPersist = now;
            void updateRun(deps.database.db, runId, { progress: { done: p.done, total: p.total, stage: p.stage, etaSeconds } }).catch((e) =>
              deps.log(`progress of ${runId} not saved`, e),
            );
          }
        },
      });
      if (job.controller.signal.aborted) throw new ApiError('CLIENT_CLOSED_REQUEST', 'CANCELLED', 'cancelled');
      const won = await completeRun(deps, runId, spec.kind, job.startedMs, outcome);
      if (won) publish(job, { type: 'done', runId, result: outcome.result });
      else await publishFinal(deps, job);
    } catch (thrown) {
      const error = engineFailure(thrown);
      if (!job.controller.signal.aborted) deps.metrics.runErrors.inc({ procedure: spec.kind, code: error.appCode });
      const won = await failRun(deps, runId, spec.kind, job.startedMs, error).catch(() => false);
      if (won) publish(job, { type: 'failed', runId, error: error.message, code: error.appCode });
      else await publishFinal(deps, job);
    } finally {
      deps.metrics.activeRuns.dec();
      job.emitter.emit('end');
    }
  }

  /** When another writer (a cancel) finished the run first, tell listeners what the row says. */
  async function publishFinal(deps: ApiDeps, job: ActiveJob) {
    const row = await getRun(deps.database.db, job.runId);
    if (row?.status === 'failed') publish(job, { type: 'failed', runId: job.runId, error: row.error ?? 'failed', code: row.errorCode });
    if (row?.status === 'done') publish(job, { type: 'done', runId: job.runId, result: await loadRunResult(deps, row) });
  }

  return {
    async enqueue(deps, spec) {
      if (stopped) throw new ApiError('SERVICE_UNAVAILABLE', 'QUEUE_FULL', 'the server is shutting down; retry shortly');
      if (waiting.length >= options.maxDepth) {
        deps.metrics.queueRejections.inc();
        throw new ApiError('SERVICE_UNAVAILABLE', 'QUEUE_FULL', `queue full (${waiting.length}/${options.maxDepth}); retry when running jobs finish`);
      }
      const runId = await createRun(deps, spec.kind, spec.input, spec.principal, spec.mock, 'queued');
      const job: ActiveJob = { runId, spec, controller: new AbortController(), emitter: new EventEmitter(), state: 'queued' };
      job.emitter.setMaxListeners(100);
      jobs.set(runId, job);
      waiting.push(job);
      deps.metrics.queueDepth.set(waiting.length);
      pump(deps);
      return runId;
    },

    async cancel(deps, runId, actor) {
      const job = jobs.get(runId);
      if (!job) return 'not_running';
      const error = new ApiError('CLIENT_CLOSED_REQUEST', 'CANCELLED', `cancelled by ${actor}`);
      if (job.state === 'queued') {
        const index = waiting.indexOf(job);
        if (index >= 0) waiting.splice(index, 1);
        deps.metrics.queueDepth.set(waiting.length);
        jobs.delete(runId);
        job.controller.abort(error);
        await failRun(deps, runId, job.spec.kind, deps.now(), error);
        publish(job, { type: 'failed', runId, error: error.message, code: 'CANCELLED' });
        job.emitter.emit('end');
        pump(deps);
      } else {
        // Record the outcome first: the computation may take a moment to notice the abort.
        await failRun(deps, runId, job.spec.kind, job.startedMs ?? deps.now(), error);
        publish(job, { type: 'failed', runId, error: error.message, code: 'CANCELLED' });
        job.controller.abort(error);
      }
      deps.metrics.optCancelled.inc();
      return 'cancelled';
    },

    async *events(deps, runId, signal) {
      const job = jobs.get(runId);
      const buffer: RunEvent[] = [];
      let ended = false;
      let wake: (() => void) | undefined;
      const onEvent = (e: RunEvent) => {
        buffer.push(e);
        wake?.();
      };
      const onEnd = () => {
        ended = true;
        wake?.();
      };
      if (job) {
        job.emitter.on('event', onEvent);
        job.emitter.once('end', onEnd);
      }
      const onAbort = () => onEnd();
      signal?.addEventListener('abort', onAbort);
      try {
        const row = await getRun(deps.database.db, runId);
        if (!row) throw new ApiError('NOT_FOUND', 'NOT_FOUND', `no run with id ${runId}`, { field: 'id' });
        yield { type: 'status', runId, status: row.status };
        if (row.status === 'done') return yield { type: 'done', runId, result: await loadRunResult(deps, row) };
        if (row.status === 'failed') return yield { type: 'failed', runId, error: row.error ?? 'failed', code: row.errorCode };
        if (!job) return;
        if (job.lastProgress) yield job.lastProgress;
        for (;;) {
          while (buffer.length > 0) {
            const event = buffer.shift()!;
            yield event;
            if (event.type === 'done' || event.type === 'failed') return;
          }
          if (ended || signal?.aborted) return;
          await new Promise<void>((resolve) => (wake = resolve));
          wake = undefined;
        }
      } finally {
        job?.emitter.off('event', onEvent);
        job?.emitter.off('end', onEnd);
        signal?.removeEventListener('abort', onAbort);
      }
    },

    stats: () => ({ queued: waiting.length, running, maxDepth: options.maxDepth }),

    async sweepOrphans(deps, staleAfterMs = orphanAfterMs) {
      const now = deps.now();
      const reason = 'interrupted: the server running it stopped (restart or crash) before it finished';
      return failOrphanedRuns(deps.database.db, reason, now - staleAfterMs, new Date(now));
    },

    start(deps) {
      let ticks = 0;
      timer = setInterval(() => {
        const ids = [...jobs.keys()];
        void heartbeatRuns(deps.database.db, ids, deps.now()).catch((e) => deps.log('run heartbeat failed', e));
        if (++ticks % Math.max(1, Math.round(orphanAfterMs / heartbeatMs)) === 0) {
          void this.sweepOrphans(deps).catch((e) => deps.log('orphan sweep failed', e));
        }
      }, heartbeatMs);
      timer.unref();
    },

    async shutdown() {
      stopped = true;
      if (timer) clearInterval(timer);
      for (const job of jobs.values()) job.controller.abort(new ApiError('SERVICE_UNAVAILABLE', 'CANCELLED', 'server shutting down'));
    },
  };
}
