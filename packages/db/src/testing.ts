/**
 * Fresh, isolated databases for tests: an in-memory PGlite cloned from a
 * migrated template (initdb runs once per worker, ~0.5 s per clone after), and
 * a throw-away database on a real PostgreSQL server when one is reachable.
 */
import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { createDb, migrateDb, type SparkDb } from './client';

let template: Promise<PGlite> | undefined;

/** A migrated in-memory PGlite of its own. Close it when done. */
export async function createTestPglite(): Promise<SparkDb> {
  template ??= (async () => {
    const base = await PGlite.create();
    const handle = await createDb({ kind: 'pglite', client: base });
    await migrateDb(handle);
    return base;
  })();
  const client = await (await template).clone();
  return createDb({ kind: 'pglite', client: client as PGlite });
}

export const defaultTestDatabaseUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

/** The server URL for integration tests: TEST_DATABASE_URL, else the local trust-auth server. */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEST_DATABASE_URL || defaultTestDatabaseUrl;
}

/** True when a PostgreSQL server answers at `url` within two seconds. */
export async function isPostgresReachable(url = testDatabaseUrl()): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * A new, migrated database on the server at `adminUrl`, dropped again by
 * `close()`, so concurrent runs never see each other's rows.
 */
export async function createTestPostgres(adminUrl = testDatabaseUrl()): Promise<SparkDb> {
  const name = `spark_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await createDb({ kind: 'postgres', url: url.toString(), poolSize: 4 });
  await migrateDb(handle);
  return {
    ...handle,
    close: async () => {
      await handle.close();
      const dropper = new pg.Client({ connectionString: adminUrl });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    },
  };
}

export { testBackends, type TestBackend } from './test-databases';
