import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/** Walks up from `start` to the workspace root (the folder holding pnpm-workspace.yaml). */
export function findWorkspaceRoot(start: string = process.cwd()): string {
  // turbopackIgnore: this walks the runtime file system, not build inputs.
  let dir = resolve(/*turbopackIgnore: true*/ start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(/*turbopackIgnore: true*/ start);
    dir = parent;
  }
}

const dbEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SPARK_DATA_DIR: z.string().trim().min(1).optional(),
});

export interface DbEnv {
  /** Set: node-postgres against that server. Unset: embedded PGlite in `pgliteDir`. */
  databaseUrl: string | undefined;
  /** The project's data folder (gitignored); holds the PGlite cluster and the DuckDB candle cache. */
  dataDir: string;
  pgliteDir: string;
}

/** Reads and validates the database configuration. The only place in @spark/db that touches process.env. */
export function readDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = dbEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment: ${issue.path.join('.')}: ${issue.message}`);
  }
  const dataDir = parsed.data.SPARK_DATA_DIR
    ? resolve(/*turbopackIgnore: true*/ parsed.data.SPARK_DATA_DIR)
    : join(findWorkspaceRoot(), '.data');
  return { databaseUrl: parsed.data.DATABASE_URL, dataDir, pgliteDir: join(dataDir, 'pglite') };
}

const urlSchema = (name: string, fallback: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : fallback))
    .refine((v) => {
      try {
        const u = new URL(v);
        return u.protocol === 'http:' || u.protocol === 'https:';
      } catch {
        return false;
      }
    }, `${name} must be an http:// or https:// URL`)
    .transform((v) => v.replace(/\/+$/, ''));

const intSchema = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}; got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

const marketDataEnvSchema = z.object({
  CANDLE_CACHE_PATH: z.string().trim().optional(),
  BINANCE_BASE_URL: urlSchema('BINANCE_BASE_URL', 'https://api.binance.com'),
  // BTCTurk serves klines from its graph host (docs.btcturk.com, "Get Kline Data").
  BTCTURK_BASE_URL: urlSchema('BTCTURK_BASE_URL', 'https://graph-api.btcturk.com'),
  MARKET_DATA_MAX_BARS: intSchema('MARKET_DATA_MAX_BARS', 500_000, 1, 50_000_000),
  MARKET_DATA_TIMEOUT_MS: intSchema('MARKET_DATA_TIMEOUT_MS', 15_000, 100, 600_000),
  MARKET_DATA_RETRIES: intSchema('MARKET_DATA_RETRIES', 3, 0, 10),
});

export interface MarketDataEnv {
  /** DuckDB candle cache file; default `<dataDir>/candles.duckdb`. */
  candleCachePath: string;
  binanceBaseUrl: string;
  btcturkBaseUrl: string;
  /** Largest number of bars one request may span. */
  maxBars: number;
  /** Per HTTP attempt to an exchange. */
  requestTimeoutMs: number;
  /** Extra attempts after a retryable exchange failure. */
  retries: number;
}

/** Reads and validates the market-data configuration (CANDLE_CACHE_PATH, BINANCE_BASE_URL, BTCTURK_BASE_URL, MARKET_DATA_*). */
export function readMarketDataEnv(env: NodeJS.ProcessEnv = process.env): MarketDataEnv {
  const parsed = marketDataEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment: ${issue.path.join('.')}: ${issue.message}`);
  }
  const d = parsed.data;
  return {
    candleCachePath: d.CANDLE_CACHE_PATH ? resolve(d.CANDLE_CACHE_PATH) : join(readDbEnv(env).dataDir, 'candles.duckdb'),
    binanceBaseUrl: d.BINANCE_BASE_URL,
    btcturkBaseUrl: d.BTCTURK_BASE_URL,
    maxBars: d.MARKET_DATA_MAX_BARS,
    requestTimeoutMs: d.MARKET_DATA_TIMEOUT_MS,
    retries: d.MARKET_DATA_RETRIES,
  };
}
