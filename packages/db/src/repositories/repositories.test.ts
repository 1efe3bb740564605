import { afterEach, describe, expect, it } from 'vitest';
import type { SparkDb } from '../client';
import { testBackends } from '../testing';
import { findActiveApiKey, hasActiveAdminKey, insertApiKey, listApiKeys, revokeApiKey } from './api-keys';
import { listAuditEvents, recordAuditEvent } from './audit-events';
import { deletePreset, getPreset, listPresets, listPresetVersions, savePreset } from './presets';
import { failOrphanedRuns, finishRun, getRun, insertRun, listRuns, runStats } from './runs';

const backends = await testBackends();

describe.each(backends)('repositories on $name', (backend) => {
  let handle: SparkDb | undefined;
  afterEach(async () => {
    await handle?.close();
    handle = undefined;
  });
  const open = async () => (handle = await backend.open());

  const newRun = (id: string, status: 'queued' | 'running' | 'done' | 'failed', createdAt: Date) => ({
    id,
    kind: 'run' as const,
    status,
    request: { symbol: 'BTCUSDT' },
    actor: 'viewer@127.0.0.1',
    role: 'viewer',
    createdAt,
  });

  it.skipIf(!backend.available)('lists runs newest first with filters, paging and stats, without the result column', async () => {
    const { db } = await open();
    for (let i = 0; i < 5; i++) {
      await insertRun(db, { ...newRun(`bt-${i}`, i % 2 ? 'done' : 'failed', new Date(Date.UTC(2026, 0, 1, 0, i))), result: { big: i } });
    }
    const page = await listRuns(db, { limit: 2, offset: 1 });
    expect(page.runs.map((r) => r.id)).toEqual(['bt-3', 'bt-2']);
    expect(page.matching).toBe(5);
    expect('result' in page.runs[0]!).toBe(false);
    const done = await listRuns(db, { status: ['done'], limit: 10, offset: 0 });
    expect(done.runs.map((r) => r.id)).toEqual(['bt-3', 'bt-1']);
    expect(await runStats(db)).toEqual({ total: 5, queued: 0, running: 0, done: 2, failed: 3 });
  });

  it.skipIf(!backend.available)('finishes a run once: a cancel after completion does not overwrite it', async () => {
    const { db } = await open();
    await insertRun(db, newRun('bt-x', 'running', new Date()));
    expect(await finishRun(db, 'bt-x', { status: 'done', summary: { sharpe: 1 } })).toBeDefined();
    expect(await finishRun(db, 'bt-x', { status: 'failed', error: 'cancelled' })).toBeUndefined();
    expect((await getRun(db, 'bt-x'))?.status).toBe('done');
  });

  it.skipIf(!backend.available)('fails runs orphaned by a restart, naming the reason, and leaves live ones', async () => {
    const { db } = await open();
    await insertRun(db, { ...newRun('bt-old', 'running', new Date()), heartbeatAt: 1_000 });
    await insertRun(db, { ...newRun('bt-queued', 'queued', new Date()) });
    await insertRun(db, { ...newRun('bt-live', 'running', new Date()), heartbeatAt: 9_000 });
    expect(await failOrphanedRuns(db, 'interrupted by a server restart', 5_000, new Date())).toBe(2);
    const old = await getRun(db, 'bt-old');
    expect(old).toMatchObject({ status: 'failed', error: 'interrupted by a server restart', errorCode: 'RUN_INTERRUPTED' });
    expect((await getRun(db, 'bt-live'))?.status).toBe('running');
  });

  it.skipIf(!backend.available)('versions presets on save and deletes every version', async () => {
    const { db } = await open();
    const a1 = await savePreset(db, { name: 'btc-trend', procedure: 'run', request: { emaFast: 10 }, notes: '', owner: 'alice' });
    const a2 = await savePreset(db, { name: 'btc-trend', procedure: 'run', request: { emaFast: 12 }, notes: 'tighter', owner: 'alice' });
    await savePreset(db, { name: 'eth-wf', procedure: 'walkforward', request: {}, notes: '', owner: 'bob' });
    expect([a1.version, a2.version]).toEqual([1, 2]);
    expect((await listPresets(db)).map((p) => [p.name, p.version])).toEqual([['btc-trend', 2], ['eth-wf', 1]]);
    expect((await getPreset(db, 'btc-trend'))?.request).toEqual({ emaFast: 12 });
    expect((await getPreset(db, 'btc-trend', 1))?.request).toEqual({ emaFast: 10 });
    expect(await listPresetVersions(db, 'btc-trend')).toHaveLength(2);
    expect(await deletePreset(db, 'btc-trend')).toBe(2);
    expect(await getPreset(db, 'btc-trend')).toBeUndefined();
  });

  it.skipIf(!backend.available)('gives concurrent saves of one preset distinct versions', async () => {
    const { db } = await open();
    const saved = await Promise.all(
      [1, 2, 3].map((i) => savePreset(db, { name: 'race', procedure: 'run', request: { i }, notes: '', owner: 'x' })),
    );
    expect(saved.map((p) => p.version).sort()).toEqual([1, 2, 3]);
  });

  it.skipIf(!backend.available)('pages the audit trail newest first and filters by event', async () => {
    const { db } = await open();
    for (const event of ['flag.set', 'auth.failure', 'flag.set']) {
      await recordAuditEvent(db, { event, runId: null, actor: 'admin', role: 'admin', ip: '127.0.0.1', userAgent: 'ua', summary: { n: 1 } });
    }
    const all = await listAuditEvents(db, { limit: 10 });
    expect(all.map((e) => e.event)).toEqual(['flag.set', 'auth.failure', 'flag.set']);
    expect(await listAuditEvents(db, { event: 'flag.set', limit: 10 })).toHaveLength(2);
    expect(await listAuditEvents(db, { limit: 10, beforeId: all[1]!.id })).toHaveLength(1);
  });

  it.skipIf(!backend.available)('finds active keys only and revokes once', async () => {
    const { db } = await open();
    expect(await hasActiveAdminKey(db)).toBe(false);
    await insertApiKey(db, { id: 'k1', name: 'bot', role: 'trader', secretHash: 'h', createdBy: 'admin' });
    await insertApiKey(db, { id: 'k2', name: 'ops', role: 'admin', secretHash: 'h2', createdBy: 'boot' });
    expect(await hasActiveAdminKey(db)).toBe(true);
    expect(await revokeApiKey(db, 'k1', new Date())).toBeDefined();
    expect(await revokeApiKey(db, 'k1', new Date())).toBeUndefined();
    expect(await findActiveApiKey(db, 'k1')).toBeUndefined();
    expect((await listApiKeys(db)).length).toBe(2);
  });
});
