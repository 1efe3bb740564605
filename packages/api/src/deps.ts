import type { RunSeriesStore, SparkDb } from '@spark/db';
import type { ApiDeps } from './context';
import type { ApiEnv } from './env';
import { getMetrics, type SparkMetrics } from './metrics/registry';
import { authConfigFrom } from './services/auth';
import { createMockImplementation } from './services/implementations/mock';
import { createRealImplementation } from './services/implementations/real';
import type { BacktestImplementations } from './services/implementations/types';
import { createJobRunner } from './services/jobs/job-runner';
import type { MarketData } from './services/market-data';
import { createRateLimits } from './services/rate-limits';

export interface CreateApiDepsOptions {
  database: SparkDb;
  runSeries: RunSeriesStore;
  marketData: MarketData;
  env: ApiEnv;
  metrics?: SparkMetrics;
  implementations?: BacktestImplementations;
  optimizerPool?: ApiDeps['optimizerPool'];
  now?: () => number;
  log?: (message: string, error?: unknown) => void;
}

/** Wires the API's long-lived dependencies; the server builds one set per process, tests one per test. */
export async function createApiDeps(options: CreateApiDepsOptions): Promise<ApiDeps> {
  const { database, env } = options;
  const now = options.now ?? Date.now;
  return {
    database,
    runSeries: options.runSeries,
    marketData: options.marketData,
    implementations: options.implementations ?? { real: createRealImplementation(), mock: createMockImplementation() },
    ...(options.optimizerPool ? { optimizerPool: options.optimizerPool } : {}),
    jobs: createJobRunner({ maxDepth: env.jobQueueMaxDepth, concurrency: env.jobConcurrency }),
    metrics: options.metrics ?? getMetrics().metrics,
    rateLimits: await createRateLimits(env.rateLimits, database.pgPool),
    auth: authConfigFrom(env.adminToken),
    config: {
      safeMode: env.safeMode,
      version: env.version,
      optimizerMaxCombinations: env.optimizerMaxCombinations,
      wfoThreshold: env.wfoThreshold,
      trustedProxyHops: env.trustedProxyHops,
    },
    now,
    startedAtMs: now(),
    log: options.log ?? ((message, error) => console.error(`[spark] ${message}`, error ?? '')),
  };
}
