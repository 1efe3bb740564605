import { getRun, insertRun, type SparkDb } from '@spark/db';
import { createTestPglite } from '@spark/db/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../errors';
import { createRealImplementation } from '../../services/implementations/real';
import type { BacktestImplementation } from '../../services/implementations/types';
import type { RunEvent } from '../../services/jobs/job-runner';
import { syntheticRows } from '../../test-candles';
import { callersFor, testDeps } from '../../test-support';

let handle: SparkDb | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

const rows = syntheticRows(600);
const optimizeRequest = { timeframe: '1h' as const, candles: rows, grid: { emaFast: [4, 6, 8, 10, 12], emaSlow: [20, 30, 40, 50] } };

/**
 * The real implementation behind a gate the test opens: optimize reports one
 * progress step, waits for release() (or its abort signal), then runs for real.
 */
function gated() {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const real = createRealImplementation();
  const impl: BacktestImplementation = {
    ...real,
    async optimize(input, ctx) {
      ctx.onProgress?.({ done: 0, total: 1, stage: 'waiting for the test' });
      await new Promise<void>((resolve, reject) => {
        void gate.then(resolve);
        ctx.signal?.addEventListener('abort', () => reject(new ApiError('CLIENT_CLOSED_REQUEST', 'CANCELLED', 'cancelled')));
      });
      return real.optimize(input, ctx);
    },
  };
  return { implementations: { real: impl, mock: impl }, release: () => open() };
}

async function collect(iterable: AsyncIterable<RunEvent>): Promise<RunEvent[]> {
  const events: RunEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

describe('runs.start and runs.progress', () => {
  it('queues an optimization, streams progress, and ends with the result stored on the run', async () => {
    handle = await createTestPglite();
    const gate = gated();
    const deps = await testDeps(handle, { overrides: { implementations: gate.implementations } });
    const { trader, viewer } = await callersFor(deps);
    const { runId, status } = await trader.runs.start({ kind: 'optimize', request: optimizeRequest });
    expect(status).toBe('queued');
    const stream = await viewer.runs.progress({ id: runId });
    setTimeout(gate.release, 50);
    const events = await collect(stream);
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.length).toBeGreaterThan(0);
    const last = events[events.length - 1]!;
    expect(last.type).toBe('done');
    const run = await viewer.runs.byId({ id: runId });
    expect(run).toMatchObject({ status: 'done', kind: 'optimize' });
    expect(run.summary).toMatchObject({ combinations: 20, evaluated: 20 });
    // A subscriber arriving after the end gets the final state at once.
    const late = await collect(await viewer.runs.progress({ id: runId }));
    expect(late.map((e) => e.type)).toEqual(['status', 'done']);
  });

  it('cancels a queued job, and only its owner or an admin may', async () => {
    handle = await createTestPglite();
    const gate = gated();
    const deps = await testDeps(handle, { env: { JOB_CONCURRENCY: '1' }, overrides: { implementations: gate.implementations } });
    const { trader, admin } = await callersFor(deps);
    const first = await trader.runs.start({ kind: 'optimize', request: optimizeRequest });
    const second = await trader.runs.start({ kind: 'optimize', request: optimizeRequest });
    const other = await admin.keys.create({ name: 'other', role: 'trader' });
    const { createCaller } = await import('../index');
    const { createInternalContext } = await import('../../context');
    const otherTrader = createCaller(createInternalContext(deps, { authorization: `Bearer ${other.token}` }));
    await expect(otherTrader.runs.cancel({ id: second.runId })).rejects.toThrow(/only its owner or an admin may cancel it/);
    expect(await trader.runs.cancel({ id: second.runId })).toEqual({ runId: second.runId, status: 'cancelled' });
    const cancelled = await getRun(deps.database.db, second.runId);
    expect(cancelled).toMatchObject({ status: 'failed', errorCode: 'CANCELLED' });
    expect(cancelled!.error).toMatch(/^cancelled by key:/);
    gate.release();
    await collect(await trader.runs.progress({ id: first.runId }));
    await expect(trader.runs.cancel({ id: first.runId })).rejects.toThrow(/already finished \(done\)/);
  });

  it('cancels a running job through its abort signal', async () => {
    handle = await createTestPglite();
    const gate = gated();
    const deps = await testDeps(handle, { overrides: { implementations: gate.implementations } });
    const { trader } = await callersFor(deps);
    const { runId } = await trader.runs.start({ kind: 'optimize', request: optimizeRequest });
    const events: RunEvent[] = [];
    for await (const event of await trader.runs.progress({ id: runId })) {
      events.push(event);
      if (event.type === 'progress') await trader.runs.cancel({ id: runId });
    }
    expect(events[events.length - 1]).toMatchObject({ type: 'failed', code: 'CANCELLED' });
    expect(await getRun(deps.database.db, runId)).toMatchObject({ status: 'failed', errorCode: 'CANCELLED' });
  });

  it('refuses a job past the queue bound with SERVICE_UNAVAILABLE "queue full (N/N)"', async () => {
    handle = await createTestPglite();
    const gate = gated();
    const deps = await testDeps(handle, { env: { JOB_QUEUE_MAX_DEPTH: '1', JOB_CONCURRENCY: '1' }, overrides: { implementations: gate.implementations } });
    const { trader } = await callersFor(deps);
    await trader.runs.start({ kind: 'optimize', request: optimizeRequest });
    await trader.runs.start({ kind: 'optimize', request: optimizeRequest });
    await expect(trader.runs.start({ kind: 'optimize', request: optimizeRequest })).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/^queue full \(1\/1\)/),
    });
    gate.release();
    await deps.jobs.shutdown();
  });

  it('marks runs orphaned by a restart as failed with the reason, never leaving them running', async () => {
    handle = await createTestPglite();
    const deps = await testDeps(handle);
    await insertRun(deps.database.db, { id: 'bt-20240101T000000Z-00000000aa', kind: 'optimize', status: 'running', request: {}, actor: 'x', role: 'trader', heartbeatAt: 1 });
    expect(await deps.jobs.sweepOrphans(deps, 0)).toBe(1);
    expect(await getRun(deps.database.db, 'bt-20240101T000000Z-00000000aa')).toMatchObject({
      status: 'failed',
      error: 'interrupted: the server running it stopped (restart or crash) before it finished',
    });
  });
});
