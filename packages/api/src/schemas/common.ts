/**
 * Request and response pieces the four backtest procedures share. Structure
 * and limits are checked here; strategy parameters are checked against the
 * engine's registry (the same specs the UI builds its forms from), so a bad
 * value is a BAD_REQUEST naming `strategy.params.<name>` and the rule.
 */
import { checkConstraints, checkParamValue, getStrategy, metricNames, strategyRegistry, timeframes, type ParamValues } from '@spark/engine';
import { z } from 'zod';

export const MAX_INLINE_CANDLES = 500_000;
export const MAX_RANGE_MS = 2 * 366 * 24 * 3_600_000;
const MIN_DATE_MS = Date.UTC(2009, 0, 3);
const MAX_DATE_MS = Date.UTC(2100, 0, 1);

export const symbolSchema = z
  .string()
  .trim()
  .regex(/^[A-Z0-9]{2,20}$/, 'must be 2-20 upper-case letters or digits, e.g. BTCUSDT');

export const exchangeSchema = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9_-]{1,31}$/, 'must be an exchange name such as binance, btcturk, demo or an import name (lower case, 2-32 characters)');

/** A calendar date `YYYY-MM-DD` (UTC midnight), an ISO-8601 timestamp, or epoch milliseconds. */
export const dateSchema = z.union([z.number(), z.string()]).transform((value, ctx) => {
  let ms: number;
  if (typeof value === 'number') ms = value;
  else if (/^\d{4}-\d{2}-\d{2}$/.test(value)) ms = Date.parse(`${value}T00:00:00Z`);
  else if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(value)) ms = Date.parse(value);
  else if (/^\d{10,13}$/.test(value)) ms = Number(value);
  else ms = Number.NaN;
  if (!Number.isInteger(ms) || ms < MIN_DATE_MS || ms > MAX_DATE_MS) {
    ctx.addIssue({
      code: 'custom',
      message: `must be a date YYYY-MM-DD, an ISO-8601 UTC timestamp or epoch milliseconds between 2009-01-03 and 2100-01-01; got ${JSON.stringify(value)}`,
    });
    return z.NEVER;
  }
  return ms;
});

export const timeframeSchema = z.enum(timeframes, { message: `must be one of ${timeframes.join(', ')}` });

const candleRow = z
  .array(z.number({ message: 'must be a number' }))
  .length(6, 'must be [openTime, open, high, low, close, volume]');

const strategyFields = z.object({
  name: z.string().default('emaCross'),
  params: z.record(z.string(), z.union([z.number(), z.string()])).default({}),
});

export const strategySchema = strategyFields.default({ name: 'emaCross', params: {} }).superRefine((strategy, ctx) => validateStrategy(strategy, ctx, []));

/**
 * For optimizers: each fixed value is checked, but rules tying parameters
 * together (emaSlow > emaFast) are judged per combination by the search, where
 * breaking one means "skipped", not against the defaults of searched parameters.
 */
export const searchStrategySchema = strategyFields
  .default({ name: 'emaCross', params: {} })
  .superRefine((strategy, ctx) => validateStrategy(strategy, ctx, [], { partial: true }));

/** Checks a strategy name and params against the registry, adding issues at their paths. */
export function validateStrategy(
  strategy: { name: string; params: Record<string, number | string> },
  ctx: z.RefinementCtx,
  path: (string | number)[],
  options: { partial?: boolean } = {},
): void {
  const def = Object.prototype.hasOwnProperty.call(strategyRegistry, strategy.name) ? getStrategy(strategy.name) : undefined;
  if (!def) {
    ctx.addIssue({ code: 'custom', path: [...path, 'name'], message: `unknown strategy ${JSON.stringify(strategy.name)}; allowed: ${Object.keys(strategyRegistry).join(', ')}` });
    return;
  }
  const specs = new Map(def.params.map((p) => [p.name, p]));
  let valid = true;
  for (const [name, value] of Object.entries(strategy.params)) {
    const spec = specs.get(name);
    const problem = spec ? checkParamValue(spec, value) : `is not a parameter of ${def.name}; allowed: ${[...specs.keys()].join(', ')}`;
    if (problem) {
      valid = false;
      ctx.addIssue({ code: 'custom', path: [...path, 'params', name], message: problem });
    }
  }
  if (!valid || options.partial) return;
  const filled: ParamValues = {};
  for (const spec of def.params) filled[spec.name] = strategy.params[spec.name] ?? spec.default;
  const broken = checkConstraints(def, filled);
  if (broken) ctx.addIssue({ code: 'custom', path: [...path, 'params', broken.field], message: broken.message });
}

export const costFields = {
  initialCapital: z.number().positive('must be > 0').max(1e12, 'must be at most 1e12').default(100_000),
  feeBps: z.number().min(0, 'must be >= 0').max(1_000, 'must be at most 1000 bps (10%)').default(10),
  slippageBps: z.number().min(0, 'must be >= 0').max(1_000, 'must be at most 1000 bps (10%)').default(0),
  direction: z.enum(['long', 'short', 'both']).optional(),
};

/** Where a single series comes from: the market-data layer, or inline rows. */
export const seriesSourceFields = {
  exchange: exchangeSchema.default('binance'),
  symbol: symbolSchema.optional(),
  timeframe: timeframeSchema,
  start: dateSchema.optional(),
  end: dateSchema.optional(),
  useCache: z.boolean().default(true),
  candles: z
    .array(candleRow)
    .min(2, 'needs at least 2 rows')
    .max(MAX_INLINE_CANDLES, `must have at most ${MAX_INLINE_CANDLES} rows`)
    .optional(),
};

type RangeFields = { start?: number; end?: number };

/** start < end and a range of at most two years. */
export function checkRange(value: RangeFields, ctx: z.RefinementCtx): void {
  if (value.start === undefined || value.end === undefined) return;
  if (value.start >= value.end) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: `must be after start (${new Date(value.start).toISOString()}); got ${new Date(value.end).toISOString()}` });
  } else if (value.end - value.start > MAX_RANGE_MS) {
    ctx.addIssue({ code: 'custom', path: ['end'], message: 'the range from start to end must be at most 2 years' });
  }
}

/** Either inline candles, or symbol + start + end for the market-data layer. */
export function checkSeriesSource(value: RangeFields & { symbol?: string; candles?: unknown[] }, ctx: z.RefinementCtx): void {
  if (value.candles) {
    if (value.symbol !== undefined || value.start !== undefined || value.end !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['candles'], message: 'give either inline candles or symbol/start/end, not both' });
    }
    return;
  }
  for (const key of ['symbol', 'start', 'end'] as const) {
    if (value[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is required unless inline candles are given' });
  }
  checkRange(value, ctx);
}

// ---- responses -------------------------------------------------------------

export const metricsSchema = z.object({
  sharpe: z.number(),
  sortino: z.number(),
  maxDrawdown: z.number(),
  calmar: z.number(),
  totalReturn: z.number(),
  cagr: z.number(),
  pnl: z.number(),
  trades: z.number(),
  winRate: z.number(),
  profitFactor: z.number().nullable(),
  avgTradeReturn: z.number(),
  exposure: z.number(),
  maxConsecutiveLosses: z.number(),
  finalEquity: z.number(),
}) satisfies z.ZodType<Record<(typeof metricNames)[number], number | null>>;
export type MetricsOut = z.infer<typeof metricsSchema>;

export const tradeSchema = z.object({
  entryTime: z.number(),
  exitTime: z.number(),
  side: z.enum(['long', 'short']),
  entryPrice: z.number(),
  exitPrice: z.number(),
  qty: z.number(),
  fees: z.number(),
  pnl: z.number(),
  return: z.number(),
  barsHeld: z.number(),
  reason: z.enum(['stop', 'signal', 'end']),
});

/** `[openTime, value]` points. */
export const seriesPoints = z.array(z.tuple([z.number(), z.number()]));

export const dataReportSchema = z.object({
  source: z.string(),
  exchange: z.string(),
  symbol: z.string(),
  timeframe: z.string(),
  cachedBars: z.number(),
  fetchedBars: z.number(),
  bars: z.number(),
  gaps: z.array(z.object({ from: z.number(), to: z.number(), missingBars: z.number() })),
  /** True when the candles are the synthetic offline demo feed. */
  demo: z.boolean(),
});
export type DataReport = z.infer<typeof dataReportSchema>;

export const indicatorSchema = z.object({
  name: z.string(),
  label: z.string(),
  pane: z.enum(['price', 'oscillator']),
  /** One value per bar, null during warm-up. */
  values: z.array(z.number().nullable()),
});

/** Candles for charts, columnar: openTime, open, high, low, close, volume. */
export const chartCandlesSchema = z.object({
  openTime: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  volume: z.array(z.number()),
});

export const envelope = <T extends z.ZodType>(result: T) =>
  z.object({
    ok: z.literal(true),
    /** True when the deterministic mock served this response, not the engine. */
    mock: z.boolean(),
    runId: z.string(),
    result,
  });
