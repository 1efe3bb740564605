/**
 * The database backends an integration test runs against: PGlite always, the
 * real PostgreSQL server when it answers (otherwise those cases are skipped,
 * and the skip says why in the test name and on stderr).
 */
import type { SparkDb } from './client';
import { createTestPglite, createTestPostgres, isPostgresReachable, testDatabaseUrl } from './testing';

export interface TestBackend {
  name: string;
  available: boolean;
  open: () => Promise<SparkDb>;
}

export async function testBackends(): Promise<TestBackend[]> {
  const url = testDatabaseUrl();
  const reachable = await isPostgresReachable(url);
  if (!reachable) {
    console.warn(`[spark] PostgreSQL not reachable at ${url}: the PostgreSQL integration tests are SKIPPED (PGlite tests still run).`);
  }
  return [
    { name: 'PGlite', available: true, open: createTestPglite },
    {
      name: reachable ? 'PostgreSQL' : `PostgreSQL (skipped: no server at ${url})`,
      available: reachable,
      open: () => createTestPostgres(url),
    },
  ];
}
