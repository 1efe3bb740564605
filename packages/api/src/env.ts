import { cpus } from 'node:os';
import { z } from 'zod';
import { isProcedureKey, procedureKeys, type ProcedureKey } from './procedure-keys';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const positiveInt = (fallback: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number >= 1 (got ${JSON.stringify(v)})` });
        return z.NEVER;
      }
      return n;
    });

/** Tokens from documentation and examples that must never grant anything. */
const knownExampleTokens = new Set(['changeme', 'change-me', 'admin', 'password', 'secret', 'token', 'example', 'test', 'dev']);

const apiEnvSchema = z.object({
  REAL_ROUTES: z.string().optional(),
  EXECUTOR_SAFE_MODE: flag,
  SPARK_VERSION: z.string().optional(),
  ADMIN_TOKEN: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))
    .refine((v) => v === undefined || v.length >= 24, 'must be at least 24 characters (use `openssl rand -hex 32`)')
    .refine((v) => v === undefined || !knownExampleTokens.has(v.toLowerCase()), 'is a well-known example value and is refused'),
  RATE_LIMIT_GLOBAL_PER_MIN: positiveInt(60),
  RATE_LIMIT_VIEWER_BACKTEST_PER_MIN: positiveInt(5),
  RATE_LIMIT_OPTIMIZE_PER_MIN: positiveInt(2),
  OPTIMIZER_MAX_COMBINATIONS: positiveInt(500),
  OPTIMIZER_MAX_CONCURRENCY: positiveInt(Math.max(1, cpus().length)),
  WFO_THRESHOLD: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return 0.6;
      const n = Number(v);
      if (!Number.isFinite(n) || n <= 0 || n > 10) {
        ctx.addIssue({ code: 'custom', message: `must be a number in (0, 10] (got ${JSON.stringify(v)})` });
        return z.NEVER;
      }
      return n;
    }),
  JOB_QUEUE_MAX_DEPTH: positiveInt(20),
  JOB_CONCURRENCY: positiveInt(1),
  OPTIMIZER_WORKER_FILE: z.string().trim().min(1).optional(),
  TRUSTED_PROXY_HOPS: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v.trim() === '' ? 0 : Number(v)))
    .refine((n) => Number.isInteger(n) && n >= 0 && n <= 5, 'must be a whole number from 0 to 5'),
});

export interface RateLimitConfig {
  globalPerMinute: number;
  viewerBacktestPerMinute: number;
  optimizePerMinute: number;
}

export interface ApiEnv {
  /** Procedures that boot as real; the rest boot as mock. Undefined when REAL_ROUTES is unset (all real, operator choices kept). */
  realRoutes: ProcedureKey[] | undefined;
  /** EXECUTOR_SAFE_MODE=1: every procedure serves its mock, whatever the flags say. */
  safeMode: boolean;
  version: string;
  adminToken: string | undefined;
  rateLimits: RateLimitConfig;
  optimizerMaxCombinations: number;
  optimizerMaxConcurrency: number;
  wfoThreshold: number;
  jobQueueMaxDepth: number;
  jobConcurrency: number;
  /** Reverse proxies in front of the app whose X-Forwarded-For entries are trusted (0: only the app server's own). */
  trustedProxyHops: number;
  /** The optimizer worker bundle (built by @spark/engine); default packages/engine/dist/optimizer-worker.mjs in the workspace. */
  optimizerWorkerFile: string | undefined;
}

/** Reads and validates the API's configuration; the only place in @spark/api that touches process.env. */
export function readApiEnv(env: Record<string, string | undefined> = process.env): ApiEnv {
  const parsed = apiEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment: ${issue.path.join('.')}: ${issue.message}`);
  }
  const d = parsed.data;
  let realRoutes: ProcedureKey[] | undefined;
  if (d.REAL_ROUTES !== undefined) {
    const names = d.REAL_ROUTES.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((n) => !isProcedureKey(n));
    if (unknown.length > 0) {
      throw new Error(`invalid environment: REAL_ROUTES: unknown procedure(s) ${unknown.join(', ')}; allowed: ${procedureKeys.join(', ')}`);
    }
    realRoutes = names as ProcedureKey[];
  }
  return {
    realRoutes,
    safeMode: d.EXECUTOR_SAFE_MODE,
    version: d.SPARK_VERSION ?? '0.1.0',
    adminToken: d.ADMIN_TOKEN,
    rateLimits: {
      globalPerMinute: d.RATE_LIMIT_GLOBAL_PER_MIN,
      viewerBacktestPerMinute: d.RATE_LIMIT_VIEWER_BACKTEST_PER_MIN,
      optimizePerMinute: d.RATE_LIMIT_OPTIMIZE_PER_MIN,
    },
    optimizerMaxCombinations: d.OPTIMIZER_MAX_COMBINATIONS,
    optimizerMaxConcurrency: d.OPTIMIZER_MAX_CONCURRENCY,
    wfoThreshold: d.WFO_THRESHOLD,
    jobQueueMaxDepth: d.JOB_QUEUE_MAX_DEPTH,
    jobConcurrency: d.JOB_CONCURRENCY,
    trustedProxyHops: d.TRUSTED_PROXY_HOPS,
    optimizerWorkerFile: d.OPTIMIZER_WORKER_FILE,
  };
}
