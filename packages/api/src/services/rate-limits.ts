/**
 * Request rate limits (rate-limiter-flexible): a PostgreSQL store when the app
 * runs on a real server (limits hold across processes), memory on the embedded
 * default (one process). Each limit answers with the seconds until a retry succeeds.
 */
import type { SparkDb } from '@spark/db';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { RateLimitConfig } from '../env';

type PgPool = NonNullable<SparkDb['pgPool']>;

export type LimitName = 'global' | 'viewer_backtest' | 'optimize';

export interface RateLimitRejection {
  limit: LimitName;
  retryAfterSeconds: number;
  message: string;
}

export interface RateLimits {
  /** Consumes one point for `key`; returns a rejection when the limit is exhausted. */
  consume(limit: LimitName, key: string): Promise<RateLimitRejection | undefined>;
  describe(limit: LimitName): string;
}

const descriptions = (c: RateLimitConfig): Record<LimitName, string> => ({
  global: `${c.globalPerMinute} requests/min per IP`,
  viewer_backtest: `${c.viewerBacktestPerMinute} backtests/min per IP without a token (send a trader API key for more)`,
  optimize: `${c.optimizePerMinute} optimization jobs/min per API key`,
});

async function postgresLimiter(pool: PgPool, name: LimitName, points: number): Promise<RateLimiterAbstract> {
  return new Promise((resolve, reject) => {
    const limiter: RateLimiterPostgres = new RateLimiterPostgres(
      { storeClient: pool, storeType: 'pool', tableName: 'rate_limits', keyPrefix: `spark_${name}`, points, duration: 60 },
      (error?: Error) => (error ? reject(error) : resolve(limiter)),
    );
  });
}

export async function createRateLimits(config: RateLimitConfig, pool?: PgPool): Promise<RateLimits> {
  const points: Record<LimitName, number> = {
    global: config.globalPerMinute,
    viewer_backtest: config.viewerBacktestPerMinute,
    optimize: config.optimizePerMinute,
  };
  const limiters = {} as Record<LimitName, RateLimiterAbstract>;
  for (const name of Object.keys(points) as LimitName[]) {
    limiters[name] = pool
      ? await postgresLimiter(pool, name, points[name])
      : new RateLimiterMemory({ keyPrefix: `spark_${name}`, points: points[name], duration: 60 });
  }
  const text = descriptions(config);
  return {
    describe: (limit) => text[limit],
    async consume(limit, key) {
      try {
        await limiters[limit].consume(key);
        return undefined;
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        return { limit, retryAfterSeconds, message: `rate limit exceeded: ${text[limit]}; retry in ${retryAfterSeconds} s` };
      }
    },
  };
}
