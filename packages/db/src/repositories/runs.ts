import { and, count, desc, eq, getTableColumns, inArray, isNull, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { runs, type NewRunRow, type RunKind, type RunRow, type RunStatus } from '../schema';

export async function insertRun(db: Database, row: NewRunRow): Promise<RunRow> {
  const [inserted] = await db.insert(runs).values(row).returning();
  return inserted!;
}

export async function updateRun(db: Database, id: string, patch: Partial<NewRunRow>): Promise<RunRow | undefined> {
  const [updated] = await db.update(runs).set(patch).where(eq(runs.id, id)).returning();
  return updated;
}

/**
 * Moves a run to a final status only if it is not final already, so a cancel
 * racing a completion never overwrites the first outcome. Returns the row when it won.
 */
export async function finishRun(
  db: Database,
  id: string,
  patch: Partial<NewRunRow> & { status: 'done' | 'failed' },
): Promise<RunRow | undefined> {
  const [updated] = await db
    .update(runs)
    .set(patch)
    .where(and(eq(runs.id, id), inArray(runs.status, ['queued', 'running'])))
    .returning();
  return updated;
}

export async function getRun(db: Database, id: string): Promise<RunRow | undefined> {
  const [row] = await db.select().from(runs).where(eq(runs.id, id));
  return row;
}

export interface RunListFilter {
  status?: RunStatus[];
  kind?: RunKind[];
  limit: number;
  offset: number;
}

export type RunListItem = Omit<RunRow, 'result'>;

/** A page of runs, newest first, without the (large) result column. */
export async function listRuns(db: Database, filter: RunListFilter): Promise<{ runs: RunListItem[]; matching: number }> {
  const where: SQL[] = [];
  if (filter.status?.length) where.push(inArray(runs.status, filter.status));
  if (filter.kind?.length) where.push(inArray(runs.kind, filter.kind));
  const condition = where.length ? and(...where) : undefined;
  const { result: _result, ...columns } = getTableColumns(runs);
  const rows = await db
    .select(columns)
    .from(runs)
    .where(condition)
    .orderBy(desc(runs.createdAt), desc(runs.id))
    .limit(filter.limit)
    .offset(filter.offset);
  const [total] = await db.select({ n: count() }).from(runs).where(condition);
  return { runs: rows, matching: total?.n ?? 0 };
}

/** Run counts by status over the whole table. */
export async function runStats(db: Database): Promise<Record<RunStatus | 'total', number>> {
  const rows = await db.select({ status: runs.status, n: count() }).from(runs).groupBy(runs.status);
  const stats = { total: 0, queued: 0, running: 0, done: 0, failed: 0 };
  for (const row of rows) {
    stats[row.status] = row.n;
    stats.total += row.n;
  }
  return stats;
}

/**
 * Marks runs left queued or running by a process that is gone as failed with
 * `reason`. `staleBeforeMs`: runs whose heartbeat is older (or missing) count as
 * orphaned; at start-up of the only process that is every unfinished run.
 */
export async function failOrphanedRuns(db: Database, reason: string, staleBeforeMs: number, now: Date): Promise<number> {
  const orphaned = await db
    .update(runs)
    .set({ status: 'failed', error: reason, errorCode: 'RUN_INTERRUPTED', finishedAt: now })
    .where(
      and(
        inArray(runs.status, ['queued', 'running']),
        or(isNull(runs.heartbeatAt), lt(runs.heartbeatAt, staleBeforeMs)),
      ),
    )
    .returning({ id: runs.id });
  return orphaned.length;
}

/** Records that the owning process is alive for these runs (queued or running). */
export async function heartbeatRuns(db: Database, ids: string[], nowMs: number): Promise<void> {
  if (ids.length === 0) return;
  await db.update(runs).set({ heartbeatAt: nowMs }).where(inArray(runs.id, ids));
}
