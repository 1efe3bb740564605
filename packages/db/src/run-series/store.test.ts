import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SparkDb } from '../client';
import { insertRun } from '../repositories/runs';
import { testBackends } from '../testing';
import { createFileRunSeriesStore, createPostgresRunSeriesStore, type RunSeriesStore } from './store';

const payload = new Uint8Array(new Float64Array([1, 2.5, -3, 1e300]).buffer);

function roundTrips(name: string, open: () => Promise<{ store: RunSeriesStore; close: () => Promise<void>; prepare: (id: string) => Promise<void> }>) {
  it(`${name}: stores, replaces, reads back byte for byte and deletes`, async () => {
    const { store, close, prepare } = await open();
    try {
      await prepare('bt-1');
      expect(await store.get('bt-1')).toBeUndefined();
      await store.put('bt-1', new Uint8Array([9]));
      await store.put('bt-1', payload);
      expect(Array.from((await store.get('bt-1'))!)).toEqual(Array.from(payload));
      await store.delete('bt-1');
      expect(await store.get('bt-1')).toBeUndefined();
    } finally {
      await close();
    }
  });
}

const backends = await testBackends();

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('run series stores', () => {
  roundTrips('files', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spark-series-'));
    return { store: createFileRunSeriesStore(dir), close: async () => {}, prepare: async () => {} };
  });

  it('files: refuses an id that would name a path, and leaves no temp file behind', async () => {
    dir = mkdtempSync(join(tmpdir(), 'spark-series-'));
    const store = createFileRunSeriesStore(dir);
    await expect(store.put('../../etc/passwd', payload)).rejects.toThrow(/invalid run id/);
    await store.put('bt-2', payload);
    expect(readdirSync(dir)).toEqual(['bt-2.f64']);
  });

  for (const backend of backends) {
    it.skipIf(!backend.available)(`table on ${backend.name}: stores, reads back and cascades with the run`, async () => {
      const handle: SparkDb = await backend.open();
      try {
        const store = createPostgresRunSeriesStore(handle);
        await insertRun(handle.db, { id: 'bt-3', kind: 'run', status: 'done', request: {}, actor: 'a', role: 'viewer' });
        await store.put('bt-3', payload);
        expect(Array.from((await store.get('bt-3'))!)).toEqual(Array.from(payload));
        await handle.execute(`delete from runs where id = 'bt-3'`);
        expect(await store.get('bt-3')).toBeUndefined();
      } finally {
        await handle.close();
      }
    });
  }
});
