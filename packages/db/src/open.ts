import { createDb, migrateDb, type SparkDb } from './client';
import { readDbEnv, type DbEnv } from './env';

/**
 * Opens the configured database and brings its schema up to date: PostgreSQL
 * when DATABASE_URL is set, otherwise the embedded PGlite cluster in the data folder.
 */
export async function openDatabase(env: DbEnv = readDbEnv()): Promise<SparkDb> {
  const handle = env.databaseUrl
    ? await createDb({ kind: 'postgres', url: env.databaseUrl })
    : await createDb({ kind: 'pglite', dataDir: env.pgliteDir });
  try {
    await migrateDb(handle);
  } catch (error) {
    await handle.close().catch(() => {});
    const where = env.databaseUrl ? 'PostgreSQL at DATABASE_URL' : `PGlite in ${env.pgliteDir}`;
    throw new Error(`database migration failed on ${where}: ${(error as Error).message}`, { cause: error });
  }
  return handle;
}
