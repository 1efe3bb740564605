import { afterEach, describe, expect, it } from 'vitest';
import type { SparkDb } from '../client';
import { listFeatureFlags, seedFeatureFlags, setFeatureFlag } from './feature-flags';
import { testBackends } from '../testing';

const backends = await testBackends();

describe.each(backends)('feature flags on $name', (backend) => {
  let handle: SparkDb | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });

  it.skipIf(!backend.available)('seeds boot defaults without overwriting an operator choice', async () => {
    handle = await backend.open();
    await setFeatureFlag(handle.db, 'run', 'mock', 'admin');
    await seedFeatureFlags(handle.db, { run: 'real', optimize: 'real' });
    const rows = await listFeatureFlags(handle.db);
    expect(rows.map((r) => [r.key, r.mode, r.updatedBy])).toEqual([
      ['optimize', 'real', 'boot'],
      ['run', 'mock', 'admin'],
    ]);
  });

  it.skipIf(!backend.available)('records who changed a flag and when', async () => {
    handle = await backend.open();
    const before = Date.now();
    const first = await setFeatureFlag(handle.db, 'portfolio', 'real', 'boot');
    const second = await setFeatureFlag(handle.db, 'portfolio', 'mock', 'ops@admin');
    expect(second.mode).toBe('mock');
    expect(second.updatedBy).toBe('ops@admin');
    expect(second.updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
    expect(second.updatedAt.getTime()).toBeGreaterThan(before - 60_000);
    expect(await listFeatureFlags(handle.db)).toHaveLength(1);
  });

  it.skipIf(!backend.available)('rejects a mode outside real|mock at the database', async () => {
    handle = await backend.open();
    await expect(handle.execute(`insert into feature_flags (key, mode, updated_by) values ('run', 'maybe', 'x')`)).rejects.toThrow();
  });
});
