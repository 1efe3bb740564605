/**
 * Throws random and malformed inputs at every procedure, as every role, and
 * accepts only client errors (4xx) or success: never a 500 or a crash.
 */
import type { SparkDb } from '@spark/db';
import { createTestPglite } from '@spark/db/testing';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createCaller } from './routers';
import { syntheticRows } from './test-candles';
import { callersFor, testDeps } from './test-support';

type Caller = ReturnType<typeof createCaller>;
type Call = (c: Caller, input: unknown) => Promise<unknown>;

/** Every procedure, called with whatever input the property supplies. */
const procedures: Record<string, Call> = {
  'backtest.run': (c, i) => c.backtest.run(i as never),
  'presets.list': (c, i) => c.presets.list(i as never),
  'presets.get': (c, i) => c.presets.get(i as never),
  'presets.save': (c, i) => c.presets.save(i as never),
  'presets.delete': (c, i) => c.presets.delete(i as never),
  'runs.status': (c, i) => c.runs.status(i as never),
  'runs.byId': (c, i) => c.runs.byId(i as never),
  'runs.cancel': (c, i) => c.runs.cancel(i as never),
  'flags.set': (c, i) => c.flags.set(i as never),
  'keys.create': (c, i) => c.keys.create(i as never),
  'keys.revoke': (c, i) => c.keys.revoke(i as never),
  'audit.list': (c, i) => c.audit.list(i as never),
  'cache.cleanup': (c, i) => c.cache.cleanup(i as never),
};

const rows = syntheticRows(120);

/** Plausible-looking requests with one thing wrong, plus arbitrary JSON. */
const nearMissRequest = fc.record(
  {
    symbol: fc.oneof(fc.constant('BTCUSDT'), fc.string(), fc.constant(''), fc.constant('A'.repeat(40))),
    timeframe: fc.oneof(fc.constantFrom('1m', '1h', '1d', '2h', ''), fc.string()),
    start: fc.oneof(fc.constant('2024-01-01'), fc.string(), fc.integer(), fc.double()),
    end: fc.oneof(fc.constant('2024-01-15'), fc.string(), fc.integer()),
    exchange: fc.oneof(fc.constant('demo'), fc.string()),
    strategy: fc.oneof(
      fc.record({ name: fc.constantFrom('emaCross', 'rsiReversion', 'nope'), params: fc.dictionary(fc.constantFrom('emaFast', 'emaSlow', 'atr', 'x'), fc.oneof(fc.integer({ min: -5, max: 500 }), fc.double(), fc.string())) }),
      fc.anything(),
    ),
    candles: fc.oneof(fc.constant(rows), fc.array(fc.array(fc.double(), { maxLength: 7 }), { maxLength: 5 }), fc.anything()),
    feeBps: fc.oneof(fc.double(), fc.integer({ min: -10, max: 5000 })),
    initialCapital: fc.oneof(fc.double(), fc.integer()),
    key: fc.oneof(fc.constantFrom('run', 'walkforward', 'x'), fc.string()),
    mode: fc.oneof(fc.constantFrom('real', 'mock', 'maybe'), fc.anything()),
    name: fc.oneof(fc.string(), fc.constant('ok name')),
    id: fc.oneof(fc.string(), fc.constant('bt-20240101T000000Z-0123456789')),
    limit: fc.oneof(fc.integer({ min: -5, max: 1000 }), fc.string()),
    procedure: fc.oneof(fc.constantFrom('run', 'optimize'), fc.string()),
    request: fc.anything(),
  },
  { requiredKeys: [] },
);

const anyInput = fc.oneof(nearMissRequest, fc.anything(), fc.constant(undefined), fc.constant(null));

let handle: SparkDb;
let callers: Awaited<ReturnType<typeof callersFor>>;

beforeAll(async () => {
  handle = await createTestPglite();
  const deps = await testDeps(handle);
  callers = await callersFor(deps);
});
afterAll(async () => handle.close());

describe('malformed input never yields a server error', () => {
  it.each(Object.keys(procedures))('%s answers random input with success or a 4xx', async (name) => {
    const call = procedures[name]!;
    await fc.assert(
      fc.asyncProperty(anyInput, fc.constantFrom('viewer', 'trader', 'admin') as fc.Arbitrary<'viewer' | 'trader' | 'admin'>, async (input, role) => {
        try {
          await call(callers[role], input);
        } catch (error) {
          expect(error).toBeInstanceOf(TRPCError);
          const status = getHTTPStatusCodeFromError(error as TRPCError);
          expect(status, `${name} as ${role} with ${JSON.stringify(input)?.slice(0, 200)}: ${(error as Error).message}`).toBeGreaterThanOrEqual(400);
          expect(status).toBeLessThan(500);
        }
      }),
      { numRuns: 60, seed: 20240101 },
    );
  });
});
