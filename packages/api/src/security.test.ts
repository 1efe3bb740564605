import { listAuditEvents, type SparkDb } from '@spark/db';
import { createTestPglite } from '@spark/db/testing';
import { TRPCError } from '@trpc/server';
import { afterEach, describe, expect, it } from 'vitest';
import { createInternalContext } from './context';
import { createCaller } from './routers';
import { authenticate, authConfigFrom, createApiKey, ensureBootstrapAdmin, secretsEqual } from './services/auth';
import { syntheticRows } from './test-candles';
import { callersFor, TEST_ADMIN_TOKEN, testDeps } from './test-support';
import { testBackends } from '@spark/db/testing';
import { createRateLimits } from './services/rate-limits';

let handle: SparkDb | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

let running: { jobs: { shutdown(): Promise<void> } } | undefined;
afterEach(async () => {
  await running?.jobs.shutdown();
  running = undefined;
});

async function setup(env: Record<string, string> = {}) {
  handle = await createTestPglite();
  const deps = await testDeps(handle, { env });
  running = deps;
  return { deps, ...(await callersFor(deps)) };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    return error instanceof TRPCError ? error.code : `not a TRPCError: ${String(error)}`;
  }
}

describe('authentication', () => {
  it('treats a request without a token as a viewer', async () => {
    const { deps } = await setup();
    const principal = await authenticate(deps.database.db, deps.auth, undefined, '10.0.0.1', deps.now);
    expect(principal).toEqual({ role: 'viewer', actor: 'viewer@10.0.0.1', keyId: undefined });
  });

  it('accepts ADMIN_TOKEN and trader keys, and refuses a revoked key', async () => {
    const { deps, admin, traderKey } = await setup();
    expect((await authenticate(deps.database.db, deps.auth, `Bearer ${TEST_ADMIN_TOKEN}`, 'ip', deps.now)).role).toBe('admin');
    expect((await authenticate(deps.database.db, deps.auth, `Bearer ${traderKey.token}`, 'ip', deps.now)).role).toBe('trader');
    await admin.keys.revoke({ id: traderKey.id });
    await expect(authenticate(deps.database.db, deps.auth, `Bearer ${traderKey.token}`, 'ip', deps.now)).rejects.toThrow(/revoked or unknown/);
  });

  it('refuses a wrong secret for a real key id, a malformed header and an unknown token', async () => {
    const { withToken, withHeader, traderKey } = await setup();
    const forged = traderKey.token.slice(0, -4) + 'AAAA';
    expect(await codeOf(withToken(forged).flags.list())).toBe('UNAUTHORIZED');
    expect(await codeOf(withHeader('Basic dXNlcjpwYXNz').health())).toBe('UNAUTHORIZED');
    expect(await codeOf(withToken('not-a-real-token').health())).toBe('UNAUTHORIZED');
  });

  it('records every authentication failure in the audit trail and the metrics', async () => {
    const { deps, withToken } = await setup();
    await codeOf(withToken('nope').health());
    const [event] = await listAuditEvents(deps.database.db, { event: 'auth.failure', limit: 5 });
    expect(event).toMatchObject({ event: 'auth.failure', ip: '127.0.0.1', userAgent: 'vitest' });
    expect(event!.summary).toMatchObject({ procedure: 'health', reason: 'invalid_token' });
    expect((await deps.metrics.authFailures.get()).values.find((v) => v.labels.reason === 'invalid_token')?.value).toBe(1);
  });

  it('compares secrets in constant time whatever their lengths', () => {
    expect(secretsEqual('a', 'a')).toBe(true);
    expect(secretsEqual('a', 'ab')).toBe(false);
    expect(secretsEqual('', 'x'.repeat(1000))).toBe(false);
  });

  it('mints and prints a bootstrap admin key only when no ADMIN_TOKEN and no admin key exist', async () => {
    handle = await createTestPglite();
    expect(await ensureBootstrapAdmin(handle.db, true)).toBeUndefined();
    const token = await ensureBootstrapAdmin(handle.db, false);
    expect(token).toMatch(/^spk_[a-z0-9]{12}_[A-Za-z0-9_-]{43}$/);
    expect(await ensureBootstrapAdmin(handle.db, false)).toBeUndefined();
    const principal = await authenticate(handle.db, authConfigFrom(undefined), `Bearer ${token}`, 'ip', Date.now);
    expect(principal.role).toBe('admin');
  });

  it('never lets a well-known example token or a short one configure admin access', async () => {
    const { readApiEnv } = await import('./env');
    expect(() => readApiEnv({ ADMIN_TOKEN: 'changeme' })).toThrow(/ADMIN_TOKEN/);
    expect(() => readApiEnv({ ADMIN_TOKEN: 'short-token' })).toThrow(/at least 24 characters/);
  });
});

/** Which role each procedure needs: the table the security review reads. */
const inline = { timeframe: '1h' as const, candles: syntheticRows(150), strategy: { name: 'emaCross', params: { emaFast: 5, emaSlow: 20 } } };
const roleTable: [string, 'viewer' | 'trader' | 'admin', (c: ReturnType<typeof createCaller>) => Promise<unknown>][] = [
  ['health', 'viewer', (c) => c.health()],
  ['catalog.strategies', 'viewer', (c) => c.catalog.strategies()],
  ['catalog.exchanges', 'viewer', (c) => c.catalog.exchanges()],
  ['backtest.run', 'viewer', (c) => c.backtest.run(inline)],
  ['backtest.walkforward', 'viewer', (c) => c.backtest.walkforward(inline)],
  ['backtest.portfolio', 'viewer', (c) => c.backtest.portfolio({ timeframe: '1h', series: [{ symbol: 'AAA', candles: inline.candles }] })],
  ['backtest.optimize', 'trader', (c) => c.backtest.optimize({ ...inline, grid: { emaFast: [4, 6] } })],
  ['runs.start', 'trader', (c) => c.runs.start({ kind: 'run', request: inline })],
  ['runs.status', 'viewer', (c) => c.runs.status({ limit: 5, offset: 0 })],
  ['presets.list', 'viewer', (c) => c.presets.list()],
  ['presets.save', 'trader', (c) => c.presets.save({ name: 'p', procedure: 'run', request: {}, notes: '' })],
  ['flags.list', 'admin', (c) => c.flags.list()],
  ['flags.set', 'admin', (c) => c.flags.set({ key: 'run', mode: 'real' })],
  ['keys.list', 'admin', (c) => c.keys.list()],
  ['keys.create', 'admin', (c) => c.keys.create({ name: 'x', role: 'trader' })],
  ['audit.list', 'admin', (c) => c.audit.list({ limit: 5 })],
  ['cache.stats', 'admin', (c) => c.cache.stats()],
  ['cache.cleanup', 'admin', (c) => c.cache.cleanup({ exchange: 'demo' })],
];

describe('roles', () => {
  it.each(roleTable)('%s needs %s', async (_name, required, call) => {
    const callers = await setup();
    const rank = { viewer: 0, trader: 1, admin: 2 };
    for (const role of ['viewer', 'trader', 'admin'] as const) {
      const code = await codeOf(call(callers[role]));
      if (rank[role] >= rank[required]) expect(code, `${role} on ${_name}`).toBe('OK');
      else expect(code, `${role} on ${_name}`).toBe(role === 'viewer' ? 'UNAUTHORIZED' : 'FORBIDDEN');
    }
  });
});

describe('rate limits', () => {
  it('refuses the request past the per-IP limit with TOO_MANY_REQUESTS and the retry time', async () => {
    const { deps, viewer } = await setup({ RATE_LIMIT_GLOBAL_PER_MIN: '3' });
    for (let i = 0; i < 3; i++) await viewer.runs.status({ limit: 1, offset: 0 });
    const error = await viewer.runs.status({ limit: 1, offset: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('TOO_MANY_REQUESTS');
    expect((error as TRPCError).message).toMatch(/3 requests\/min per IP; retry in \d+ s/);
    expect((error as { retryAfterSeconds?: number }).retryAfterSeconds).toBeGreaterThan(0);
    expect((await deps.metrics.rateLimitRejections.get()).values[0]?.value).toBe(1);
  });

  it('counts each IP separately and leaves the health probe unlimited', async () => {
    const { deps } = await setup({ RATE_LIMIT_GLOBAL_PER_MIN: '1' });
    const a = createCaller(createInternalContext(deps, { ip: '10.0.0.1' }));
    const b = createCaller(createInternalContext(deps, { ip: '10.0.0.2' }));
    await a.runs.status({ limit: 1, offset: 0 });
    await b.runs.status({ limit: 1, offset: 0 });
    expect(await codeOf(a.runs.status({ limit: 1, offset: 0 }))).toBe('TOO_MANY_REQUESTS');
    for (let i = 0; i < 5; i++) expect(await codeOf(a.health())).toBe('OK');
  });
});

describe('audit trail', () => {
  it('records flag changes, key creation and preset saves with actor, role, ip and outcome', async () => {
    const { deps, admin, trader } = await setup();
    await admin.flags.set({ key: 'optimize', mode: 'mock' });
    await admin.keys.create({ name: 'ci bot', role: 'trader' });
    await trader.presets.save({ name: 'mine', procedure: 'run', request: { symbol: 'BTCUSDT' }, notes: '' });
    const events = await admin.audit.list({ limit: 10 });
    const byEvent = Object.fromEntries(events.events.map((e) => [e.event, e]));
    expect(byEvent['flag.set']).toMatchObject({ actor: 'admin-token', role: 'admin', ip: '127.0.0.1' });
    expect(byEvent['flag.set']!.summary).toMatchObject({ outcome: 'ok', input: { key: 'optimize', mode: 'mock' } });
    expect(byEvent['key.create']).toBeDefined();
    expect(JSON.stringify(byEvent['key.create']!.summary)).not.toMatch(/spk_/);
    expect(byEvent['preset.save']!.role).toBe('trader');
    void deps;
  });

  it('records failed mutating calls too', async () => {
    const { admin } = await setup();
    await codeOf(admin.keys.revoke({ id: 'aaaaaaaaaaaa' }));
    const [event] = (await admin.audit.list({ event: 'key.revoke', limit: 1 })).events;
    expect(event!.summary).toMatchObject({ outcome: 'NOT_FOUND' });
  });
});

describe('flags', () => {
  it('lists every procedure with its stored and effective mode, and a change applies to the next request', async () => {
    const { admin, viewer } = await setup();
    await admin.flags.set({ key: 'portfolio', mode: 'mock' });
    const { flags } = await admin.flags.list();
    expect(flags.map((f) => [f.key, f.mode, f.effectiveMode])).toEqual([
      ['run', 'real', 'real'],
      ['walkforward', 'real', 'real'],
      ['portfolio', 'mock', 'mock'],
      ['optimize', 'real', 'real'],
    ]);
    expect((await viewer.health()).procedures.portfolio).toBe('mock');
  });

  it('rejects an unknown procedure key naming the allowed ones', async () => {
    const { admin } = await setup();
    await expect(admin.flags.set({ key: 'delete-everything' as 'run', mode: 'mock' })).rejects.toThrow(/key/);
  });
});

describe('api keys', () => {
  it('returns the token once and never lists its secret', async () => {
    const { admin, withToken } = await setup();
    const created = await admin.keys.create({ name: 'research bot', role: 'trader' });
    expect(created.token).toMatch(/^spk_/);
    const listed = await admin.keys.list();
    expect(JSON.stringify(listed)).not.toContain(created.token.split('_')[2]);
    expect(await codeOf(withToken(created.token).presets.save({ name: 'x', procedure: 'run', request: {}, notes: '' }))).toBe('OK');
  });

  it('keeps each minted key distinct', async () => {
    handle = await createTestPglite();
    const a = await createApiKey(handle.db, { name: 'a', role: 'trader', createdBy: 't' });
    const b = await createApiKey(handle.db, { name: 'b', role: 'trader', createdBy: 't' });
    expect(a.id).not.toBe(b.id);
    expect(a.token).not.toBe(b.token);
  });
});

describe('rate limits on a PostgreSQL server', async () => {
  const postgres = (await testBackends()).find((b) => b.name.startsWith('PostgreSQL'))!;
  it.skipIf(!postgres.available)('hold across server processes sharing the database (the PostgreSQL store)', async () => {
    handle = await postgres.open();
    const config = { globalPerMinute: 2, viewerBacktestPerMinute: 5, optimizePerMinute: 2 };
    const first = await createRateLimits(config, handle.pgPool);
    const second = await createRateLimits(config, handle.pgPool);
    expect(await first.consume('global', '198.51.100.7')).toBeUndefined();
    expect(await second.consume('global', '198.51.100.7')).toBeUndefined();
    const rejected = await first.consume('global', '198.51.100.7');
    expect(rejected).toMatchObject({ limit: 'global' });
    expect(rejected!.retryAfterSeconds).toBeGreaterThan(0);
  });
});
