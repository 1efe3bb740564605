/**
 * Every backtest-family call is a run in Postgres: created `running` (or
 * `queued` for jobs), finished `done` with its summary and full result, or
 * `failed` with the error the client saw. Finishing is conditional on the run
 * still being unfinished, so a cancel and a completion cannot both win.
 */
import { randomBytes } from 'node:crypto';
import { finishRun, insertRun, updateRun, type RunKind, type RunRow } from '@spark/db';
import type { ApiDeps } from '../context';
import { engineFailure, type ApiError } from '../errors';
import type { Principal } from './auth';
import { hasSeriesRefs, joinSeries, packSeries, splitSeries, unpackSeries } from './result-codec';
import { summarizeForAudit } from './audit';

/** `bt-<UTC time>-<random>`: sortable by creation, unguessable. */
export function newRunId(nowMs: number): string {
  const stamp = new Date(nowMs).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `bt-${stamp}-${randomBytes(5).toString('hex')}`;
}

/** The request as stored with the run: inline candles are summarised, not copied. */
export function storableRequest(input: unknown): unknown {
  if (!input || typeof input !== 'object') return input;
  const copy: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  const rows = copy.candles;
  if (Array.isArray(rows)) {
    copy.candles = { inlineRows: rows.length, firstOpenTime: rows[0]?.[0] ?? null, lastOpenTime: rows[rows.length - 1]?.[0] ?? null };
  }
  return copy;
}

export interface RunOutcome<T> {
  result: T;
  summary: Record<string, unknown>;
  /** What to keep for artifacts (defaults to the result). */
  stored?: unknown;
}

export async function createRun(
  deps: ApiDeps,
  kind: RunKind,
  input: unknown,
  principal: Principal,
  mock: boolean,
  status: 'queued' | 'running',
): Promise<string> {
  const now = deps.now();
  const id = newRunId(now);
  await insertRun(deps.database.db, {
    id,
    kind,
    status,
    mock,
    request: storableRequest(input) as object,
    actor: principal.actor,
    role: principal.role,
    createdAt: new Date(now),
    heartbeatAt: now,
    ...(status === 'running' ? { startedAt: new Date(now) } : {}),
  });
  return id;
}

export async function markRunStarted(deps: ApiDeps, id: string): Promise<void> {
  const now = deps.now();
  await updateRun(deps.database.db, id, { status: 'running', startedAt: new Date(now), heartbeatAt: now });
}

export async function completeRun(deps: ApiDeps, id: string, kind: RunKind, startedMs: number, outcome: RunOutcome<unknown>): Promise<boolean> {
  const { compact, series } = splitSeries(outcome.stored ?? outcome.result);
  // Series first: a run is only ever `done` with everything its result references in place.
  if (series.length > 0) await deps.runSeries.put(id, packSeries(series));
  const now = deps.now();
  const won = await finishRun(deps.database.db, id, {
    status: 'done',
    summary: outcome.summary,
    result: compact as object,
    finishedAt: new Date(now),
    durationMs: Math.round(now - startedMs),
    progress: null,
  });
  if (won) {
    deps.metrics.runsTotal.inc({ kind, status: 'done' });
    deps.metrics.runDuration.observe({ kind }, (now - startedMs) / 1000);
  }
  return won !== undefined;
}

export async function failRun(deps: ApiDeps, id: string, kind: RunKind, startedMs: number, error: ApiError): Promise<boolean> {
  const now = deps.now();
  const won = await finishRun(deps.database.db, id, {
    status: 'failed',
    error: error.message,
    errorCode: error.appCode,
    finishedAt: new Date(now),
    durationMs: Math.round(now - startedMs),
  });
  if (won) {
    deps.metrics.runsTotal.inc({ kind, status: 'failed' });
    deps.metrics.runDuration.observe({ kind }, (now - startedMs) / 1000);
  }
  return won !== undefined;
}

/**
 * Runs `execute` as a recorded synchronous run and returns its id with the
 * result; a failure is recorded on the run and rethrown as the client's error.
 */
export async function executeRecorded<T>(
  deps: ApiDeps,
  kind: RunKind,
  input: unknown,
  principal: Principal,
  mock: boolean,
  execute: () => Promise<RunOutcome<T>>,
): Promise<{ runId: string; result: T }> {
  const runId = await createRun(deps, kind, input, principal, mock, 'running');
  const started = deps.now();
  deps.metrics.activeRuns.inc();
  try {
    const outcome = await execute();
    await completeRun(deps, runId, kind, started, outcome);
    return { runId, result: outcome.result };
  } catch (thrown) {
    const error = engineFailure(thrown);
    deps.metrics.runErrors.inc({ procedure: kind, code: error.appCode });
    await failRun(deps, runId, kind, started, error).catch((e) => deps.log(`could not record failure of ${runId}`, e));
    throw error;
  } finally {
    deps.metrics.activeRuns.dec();
  }
}

/** A run's stored result with its long series joined back in. */
export async function loadRunResult(deps: ApiDeps, run: Pick<RunRow, 'id' | 'result'>): Promise<unknown> {
  if (!hasSeriesRefs(run.result)) return run.result ?? null;
  const bytes = await deps.runSeries.get(run.id);
  if (!bytes) throw new Error(`the series of run ${run.id} are missing from the ${deps.runSeries.kind} store`);
  return joinSeries(run.result, unpackSeries(bytes));
}
