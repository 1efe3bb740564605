/** Builds ApiDeps around a fresh test database, for caller tests. */
import type { SparkDb } from '@spark/db';
import type { ApiDeps } from './context';

export function testDeps(database: SparkDb, overrides: Partial<ApiDeps> = {}): ApiDeps {
  let clock = Date.UTC(2026, 0, 1);
  return {
    database,
    safeMode: false,
    version: 'test',
    now: () => clock,
    startedAtMs: clock,
    ...overrides,
    ...(overrides.now ? {} : { now: () => (clock += 1000) }),
  };
}
