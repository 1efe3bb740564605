import { setFeatureFlag } from '@spark/db';
import { createTestPglite, testBackends } from '@spark/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import type { SparkDb } from '@spark/db';
import { createInternalContext } from '../../context';
import { applyBootFlags } from '../../services/procedure-modes';
import { testDeps } from '../../test-support';
import { createCaller } from '../index';

let handle: SparkDb | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

describe('health', () => {
  it('reports full-real on a fresh database with all flags seeded real', async () => {
    handle = await createTestPglite();
    await applyBootFlags(handle.db, undefined);
    const caller = createCaller(createInternalContext(testDeps(handle)));
    const health = await caller.health();
    expect(health).toMatchObject({ ok: true, mode: 'full-real', database: 'pglite', safeMode: false });
    expect(health.procedures).toEqual({ run: 'real', walkforward: 'real', portfolio: 'real', optimize: 'real' });
  });

  it('reports hybrid with the real procedures named when REAL_ROUTES lists some', async () => {
    handle = await createTestPglite();
    await applyBootFlags(handle.db, ['run', 'portfolio']);
    const caller = createCaller(createInternalContext(testDeps(handle)));
    expect((await caller.health()).mode).toBe('hybrid (real: run, portfolio)');
  });

  it('sees a flag change on the next request without restart', async () => {
    handle = await createTestPglite();
    await applyBootFlags(handle.db, undefined);
    const caller = createCaller(createInternalContext(testDeps(handle)));
    expect((await caller.health()).mode).toBe('full-real');
    await setFeatureFlag(handle.db, 'optimize', 'mock', 'admin');
    expect((await caller.health()).mode).toBe('hybrid (real: run, walkforward, portfolio)');
  });

  it('reports full-mock in safe mode whatever the flags say', async () => {
    handle = await createTestPglite();
    await applyBootFlags(handle.db, undefined);
    const caller = createCaller(createInternalContext(testDeps(handle, { safeMode: true })));
    const health = await caller.health();
    expect(health.mode).toBe('full-mock');
    expect(health.safeMode).toBe(true);
  });

  it('keeps runtime flag choices across a boot without REAL_ROUTES', async () => {
    handle = await createTestPglite();
    await applyBootFlags(handle.db, undefined);
    await setFeatureFlag(handle.db, 'run', 'mock', 'admin');
    await applyBootFlags(handle.db, undefined);
    const caller = createCaller(createInternalContext(testDeps(handle)));
    expect((await caller.health()).procedures.run).toBe('mock');
  });
});

describe.each(await testBackends())('health on $name', (backend) => {
  it.skipIf(!backend.available)('names the database kind it runs on', async () => {
    handle = await backend.open();
    const caller = createCaller(createInternalContext(testDeps(handle)));
    expect((await caller.health()).database).toBe(backend.name.startsWith('PGlite') ? 'pglite' : 'postgres');
  });
});
