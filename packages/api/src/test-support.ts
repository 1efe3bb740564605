/** Builds ApiDeps around a fresh test database, for caller tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFileRunSeriesStore, type SparkDb } from '@spark/db';
import { createInternalContext, type ApiDeps } from './context';
import { createApiDeps } from './deps';
import { readApiEnv, type ApiEnv } from './env';
import { createTestMetrics } from './metrics/registry';
import { createApiKey } from './services/auth';
import { createMarketData, type MarketDataOptions } from '@spark/db/market-data';
import { marketDataAdapter, type MarketData } from './services/market-data';
import { createCaller } from './routers';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789abcdef';

/** A market-data stand-in for tests that never load candles: any use is a test bug. */
export const noMarketData: MarketData = {
  exchanges: () => Promise.resolve([]),
  load: () => Promise.reject(new Error('this test has no market data; use inline candles or testDepsWithMarketData')),
  stats: () => Promise.resolve({ series: [], totalRows: 0, sizeBytes: 0, hits: 0, misses: 0 }),
  cleanup: () => Promise.resolve({ deletedRows: 0 }),
  close: () => Promise.resolve(),
};

export interface TestDepsOptions {
  env?: Record<string, string>;
  marketData?: MarketData;
  overrides?: Partial<ApiDeps>;
}

/** Deps with generous rate limits unless the test sets its own, a fixed admin token and an isolated metrics registry. */
export async function testDeps(database: SparkDb, options: TestDepsOptions = {}): Promise<ApiDeps> {
  const env: ApiEnv = readApiEnv({
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    RATE_LIMIT_GLOBAL_PER_MIN: '10000',
    RATE_LIMIT_VIEWER_BACKTEST_PER_MIN: '10000',
    RATE_LIMIT_OPTIMIZE_PER_MIN: '10000',
    ...options.env,
  });
  let clock = Date.UTC(2026, 0, 1);
  const deps = await createApiDeps({
    database,
    runSeries: createFileRunSeriesStore(mkdtempSync(join(tmpdir(), 'spark-api-series-'))),
    marketData: options.marketData ?? noMarketData,
    env,
    metrics: createTestMetrics().metrics,
    now: () => (clock += 7),
    log: () => {},
  });
  return { ...deps, ...options.overrides };
}

/** Callers acting as each role. */
export async function callersFor(deps: ApiDeps, ip = '127.0.0.1') {
  const trader = await createApiKey(deps.database.db, { name: 'test trader', role: 'trader', createdBy: 'test' });
  const make = (authorization?: string, userAgent = 'vitest') => createCaller(createInternalContext(deps, { ip, authorization, userAgent }));
  return {
    viewer: make(),
    trader: make(`Bearer ${trader.token}`),
    admin: make(`Bearer ${TEST_ADMIN_TOKEN}`),
    withToken: (token: string) => make(`Bearer ${token}`),
    withHeader: (header: string) => make(header),
    traderKey: trader,
  };
}

/** A real market-data service on a DuckDB file in a fresh temp folder (the demo feed works offline). */
export async function testMarketData(options: Partial<MarketDataOptions> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'spark-api-md-'));
  const service = createMarketData({ cachePath: join(dir, 'candles.duckdb'), ...options });
  await service.ready();
  return {
    marketData: marketDataAdapter(service),
    service,
    close: async () => {
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
