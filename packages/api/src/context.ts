import type { RunSeriesStore, SparkDb } from '@spark/db';
import type { OptimizerPool } from '@spark/engine/pool';
import type { SparkMetrics } from './metrics/registry';
import type { AuthConfig } from './services/auth';
import type { BacktestImplementations } from './services/implementations/types';
import type { JobRunner } from './services/jobs/job-runner';
import type { RateLimits } from './services/rate-limits';
import type { MarketData } from './services/market-data';

export interface ApiConfig {
  safeMode: boolean;
  version: string;
  optimizerMaxCombinations: number;
  wfoThreshold: number;
  /** Reverse proxies in front of the app whose X-Forwarded-For entries are trusted. */
  trustedProxyHops: number;
}

/** Long-lived dependencies, built once per process (or per test) and injected into every request. */
export interface ApiDeps {
  database: SparkDb;
  /** Where the long series of run results are kept (files beside PGlite, a table on a server). */
  runSeries: RunSeriesStore;
  marketData: MarketData;
  implementations: BacktestImplementations;
  jobs: JobRunner;
  /** Absent in tests and where worker threads are unavailable: optimizers then run on the request thread. */
  optimizerPool?: OptimizerPool;
  metrics: SparkMetrics;
  rateLimits: RateLimits;
  auth: AuthConfig;
  config: ApiConfig;
  /** Injectable clock (epoch ms) so tests control time. */
  now: () => number;
  startedAtMs: number;
  log: (message: string, error?: unknown) => void;
}

export interface RequestInfo {
  ip: string;
  userAgent: string;
  authorization: string | undefined;
}

export interface Context {
  deps: ApiDeps;
  request: RequestInfo;
}

/**
 * The client address. X-Forwarded-For is appended to by every proxy, so only
 * the rightmost `1 + trustedProxyHops` entries were written by servers we
 * trust (the app server itself, then the configured proxies); anything left of
 * them is client-supplied and would let a caller choose its rate-limit key.
 */
export function clientIp(headers: Headers, trustedProxyHops: number): string {
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const index = chain.length - 1 - trustedProxyHops;
  return chain[Math.max(0, index)] ?? headers.get('x-real-ip') ?? 'unknown';
}

/** Builds the per-request context from the incoming HTTP request. */
export function createRequestContext(deps: ApiDeps, req: Request): Context {
  return {
    deps,
    request: {
      ip: clientIp(req.headers, deps.config.trustedProxyHops),
      userAgent: req.headers.get('user-agent') ?? '',
      authorization: req.headers.get('authorization') ?? undefined,
    },
  };
}

/** A request-free context for caller tests and in-process use. */
export function createInternalContext(deps: ApiDeps, request: Partial<RequestInfo> = {}): Context {
  return {
    deps,
    request: { ip: request.ip ?? '127.0.0.1', userAgent: request.userAgent ?? 'internal', authorization: request.authorization },
  };
}
