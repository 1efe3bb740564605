import { setFeatureFlag, type SparkDb } from '@spark/db';
import { createTestPglite, testBackends } from '@spark/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createInternalContext } from '../../context';
import { applyBootFlags } from '../../services/procedure-modes';
import { testDeps } from '../../test-support';
import { createCaller } from '../index';

let handle: SparkDb | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

async function healthCaller(env: Record<string, string> = {}) {
  handle = await createTestPglite();
  return createCaller(createInternalContext(await testDeps(handle, { env })));
}

describe('health', () => {
  it('reports full-real on a fresh database with all flags seeded real', async () => {
    const caller = await healthCaller();
    await applyBootFlags(handle!.db, undefined);
    const health = await caller.health();
    expect(health).toMatchObject({ ok: true, mode: 'full-real', database: 'pglite', safeMode: false });
    expect(health.procedures).toEqual({ run: 'real', walkforward: 'real', portfolio: 'real', optimize: 'real' });
  });

  it('reports hybrid with the real procedures named when REAL_ROUTES lists some', async () => {
    const caller = await healthCaller();
    await applyBootFlags(handle!.db, ['run', 'portfolio']);
    expect((await caller.health()).mode).toBe('hybrid (real: run, portfolio)');
  });

  it('sees a flag change on the next request without restart', async () => {
    const caller = await healthCaller();
    await applyBootFlags(handle!.db, undefined);
    expect((await caller.health()).mode).toBe('full-real');
    await setFeatureFlag(handle!.db, 'optimize', 'mock', 'admin');
    expect((await caller.health()).mode).toBe('hybrid (real: run, walkforward, portfolio)');
  });

  it('reports full-mock in safe mode whatever the flags say', async () => {
    const caller = await healthCaller({ EXECUTOR_SAFE_MODE: '1' });
    await applyBootFlags(handle!.db, undefined);
    const health = await caller.health();
    expect(health.mode).toBe('full-mock');
    expect(health.safeMode).toBe(true);
  });

  it('keeps runtime flag choices across a boot without REAL_ROUTES', async () => {
    const caller = await healthCaller();
    await applyBootFlags(handle!.db, undefined);
    await setFeatureFlag(handle!.db, 'run', 'mock', 'admin');
    await applyBootFlags(handle!.db, undefined);
    expect((await caller.health()).procedures.run).toBe('mock');
  });
});

describe.each(await testBackends())('health on $name', (backend) => {
  it.skipIf(!backend.available)('names the database kind it runs on', async () => {
    handle = await backend.open();
    const caller = createCaller(createInternalContext(await testDeps(handle)));
    expect((await caller.health()).database).toBe(backend.name.startsWith('PGlite') ? 'pglite' : 'postgres');
  });
});
