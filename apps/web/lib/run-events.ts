import { leaderboardEntrySchema } from '@spark/api/schemas';
import { z } from 'zod';

/**
 * A background run as the page sees it, folded from the `runs.progress`
 * event stream (status, progress, done, failed). Kept pure so the live view
 * and the run page agree on what each event means.
 */

export type RunEventLike =
  | { type: 'status'; runId: string; status: 'queued' | 'running' | 'done' | 'failed'; position?: number }
  | { type: 'progress'; runId: string; done: number; total: number; stage: string; elapsedMs: number; etaSeconds: number | null; partial?: unknown }
  | { type: 'done'; runId: string; result: unknown }
  | { type: 'failed'; runId: string; error: string; code: string | null };

export interface JobView {
  runId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  /** Place in the queue while queued (1 = next). */
  position: number | null;
  done: number;
  total: number;
  stage: string;
  elapsedMs: number;
  etaSeconds: number | null;
  /** Extra data a job streams with its progress (the optimizer's best score so far, a partial leaderboard). */
  partial: unknown;
  result: unknown;
  error: string | null;
  errorCode: string | null;
}

export function initialJob(runId: string): JobView {
  return { runId, status: 'queued', position: null, done: 0, total: 0, stage: '', elapsedMs: 0, etaSeconds: null, partial: undefined, result: undefined, error: null, errorCode: null };
}

/** Applies one event; events of another run, and anything after the run finished, change nothing. */
export function reduceRunEvent(job: JobView, event: RunEventLike): JobView {
  if (event.runId !== job.runId) return job;
  if (job.status === 'done' || job.status === 'failed') return job;
  switch (event.type) {
    case 'status':
      // A late subscriber first hears "done"/"failed" as a status, then the event with the result or error; only that one ends the run.
      if (event.status === 'done' || event.status === 'failed') return job;
      return { ...job, status: event.status, position: event.status === 'queued' ? (event.position ?? job.position) : null };
    case 'progress':
      return {
        ...job,
        status: 'running',
        position: null,
        done: event.done,
        total: event.total,
        stage: event.stage,
        elapsedMs: event.elapsedMs,
        etaSeconds: event.etaSeconds,
        partial: event.partial ?? job.partial,
      };
    case 'done':
      return { ...job, status: 'done', done: job.total > 0 ? job.total : job.done, etaSeconds: 0, result: event.result };
    case 'failed':
      return { ...job, status: 'failed', error: event.error, errorCode: event.code };
  }
}

/** Whether the failure was a cancellation (shown calmly, not as an error). */
export function wasCancelled(job: Pick<JobView, 'status' | 'errorCode'>): boolean {
  return job.status === 'failed' && job.errorCode === 'CANCELLED';
}

/** The optimizer streams `{ bestScore }` with its progress. */
export function bestScoreOf(partial: unknown): number | null {
  if (partial && typeof partial === 'object' && 'bestScore' in partial) {
    const v = (partial as { bestScore: unknown }).bestScore;
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  }
  return null;
}

const partialLeaderboard = z.object({ leaderboard: z.array(leaderboardEntrySchema) });

/**
 * The leaderboard so far, when the job streams one with its progress
 * (`partial.leaderboard`, entries shaped like the final result's); null otherwise.
 */
export function leaderboardOf(partial: unknown): z.infer<typeof leaderboardEntrySchema>[] | null {
  const parsed = partialLeaderboard.safeParse(partial);
  return parsed.success && parsed.data.leaderboard.length > 0 ? parsed.data.leaderboard : null;
}
