import { mkdirSync } from 'node:fs';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { SparkDb } from '../client';
import { runSeries } from '../schema';

/** Where the packed series of each run's result are kept (see schema/run-series.ts for why two places). */
export interface RunSeriesStore {
  readonly kind: 'files' | 'postgres';
  put(runId: string, data: Uint8Array): Promise<void>;
  get(runId: string): Promise<Uint8Array | undefined>;
  delete(runId: string): Promise<void>;
}

const runIdPattern = /^[A-Za-z0-9_-]{1,80}$/;

function checkId(runId: string): string {
  // The id becomes a file name: never let it name a path.
  if (!runIdPattern.test(runId)) throw new Error(`invalid run id for series storage: ${JSON.stringify(runId)}`);
  return runId;
}

/** One file per run in `dir`, written atomically (temp file + rename). */
export function createFileRunSeriesStore(dir: string): RunSeriesStore {
  mkdirSync(dir, { recursive: true });
  const path = (runId: string) => join(dir, `${checkId(runId)}.f64`);
  return {
    kind: 'files',
    async put(runId, data) {
      const target = path(runId);
      const temp = `${target}.${process.pid}.tmp`;
      await writeFile(temp, data);
      await rename(temp, target);
    },
    async get(runId) {
      try {
        return new Uint8Array(await readFile(path(runId)));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
    async delete(runId) {
      await rm(path(runId), { force: true });
    },
  };
}

/** The run_series table, for a PostgreSQL server. */
export function createPostgresRunSeriesStore(handle: SparkDb): RunSeriesStore {
  return {
    kind: 'postgres',
    async put(runId, data) {
      await handle.db.insert(runSeries).values({ runId, data }).onConflictDoUpdate({ target: runSeries.runId, set: { data } });
    },
    async get(runId) {
      const [row] = await handle.db.select({ data: runSeries.data }).from(runSeries).where(eq(runSeries.runId, runId));
      return row ? new Uint8Array(row.data) : undefined;
    },
    async delete(runId) {
      await handle.db.delete(runSeries).where(eq(runSeries.runId, runId));
    },
  };
}

/** The store that suits the database: files beside an embedded PGlite, the table on a server. */
export function createRunSeriesStore(handle: SparkDb, dataDir: string): RunSeriesStore {
  return handle.kind === 'postgres' ? createPostgresRunSeriesStore(handle) : createFileRunSeriesStore(join(dataDir, 'run-series'));
}
