import type { SparkDb } from '@spark/db';
import { createTestPglite } from '@spark/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { callersFor, testDeps } from '../../test-support';

let handle: SparkDb | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

async function setup() {
  handle = await createTestPglite();
  return callersFor(await testDeps(handle));
}

describe('presets', () => {
  it('saves versions, lists the newest, gets any version and deletes all', async () => {
    const { trader, viewer } = await setup();
    await trader.presets.save({ name: 'BTC trend', procedure: 'run', request: { symbol: 'BTCUSDT', strategy: { params: { emaFast: 10 } } }, notes: 'first' });
    const v2 = await trader.presets.save({ name: 'BTC trend', procedure: 'run', request: { symbol: 'BTCUSDT', strategy: { params: { emaFast: 12 } } }, notes: 'tighter' });
    expect(v2.version).toBe(2);
    const { presets } = await viewer.presets.list();
    expect(presets.map((p) => [p.name, p.version])).toEqual([['BTC trend', 2]]);
    const v1 = await viewer.presets.get({ name: 'BTC trend', version: 1 });
    expect(v1.request).toEqual({ symbol: 'BTCUSDT', strategy: { params: { emaFast: 10 } } });
    expect(v1.versions.map((v) => v.version)).toEqual([2, 1]);
    expect(await trader.presets.delete({ name: 'BTC trend' })).toEqual({ name: 'BTC trend', deletedVersions: 2 });
    await expect(viewer.presets.get({ name: 'BTC trend' })).rejects.toThrow(/no preset named "BTC trend"/);
  });

  it('filters the list by page', async () => {
    const { trader, viewer } = await setup();
    await trader.presets.save({ name: 'a', procedure: 'run', request: {}, notes: '' });
    await trader.presets.save({ name: 'b', procedure: 'optimize', request: {}, notes: '' });
    expect((await viewer.presets.list({ procedure: 'optimize' })).presets.map((p) => p.name)).toEqual(['b']);
  });

  it("refuses to delete another trader's preset but lets an admin", async () => {
    const { trader, admin, withToken } = await setup();
    await trader.presets.save({ name: 'mine', procedure: 'run', request: {}, notes: '' });
    const other = await admin.keys.create({ name: 'other', role: 'trader' });
    await expect(withToken(other.token).presets.delete({ name: 'mine' })).rejects.toThrow(/belongs to key:/);
    expect((await admin.presets.delete({ name: 'mine' })).deletedVersions).toBe(1);
  });

  it('names the field and rule for a bad name or an oversized request', async () => {
    const { trader } = await setup();
    await expect(trader.presets.save({ name: '<script>', procedure: 'run', request: {}, notes: '' })).rejects.toThrow(/name: may contain letters/);
    await expect(
      trader.presets.save({ name: 'big', procedure: 'run', request: { candles: Array.from({ length: 5000 }, (_, i) => [i, 1, 1, 1, 1, 1]) }, notes: '' }),
    ).rejects.toThrow(/request: must serialise to at most 64 kB/);
  });
});
