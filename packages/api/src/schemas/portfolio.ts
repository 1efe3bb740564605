import { z } from 'zod';
import {
  checkRange,
  costFields,
  dataReportSchema,
  envelope,
  exchangeSchema,
  dateSchema,
  metricsSchema,
  seriesPoints,
  strategySchema,
  symbolSchema,
  timeframeSchema,
  MAX_INLINE_CANDLES,
} from './common';

export const MAX_PORTFOLIO_SYMBOLS = 10;
const WEIGHT_TOLERANCE = 1e-6;

export const portfolioInput = z
  .object({
    symbols: z
      .array(symbolSchema)
      .min(1, 'must list at least 1 symbol')
      .max(MAX_PORTFOLIO_SYMBOLS, `must list at most ${MAX_PORTFOLIO_SYMBOLS} symbols`)
      .optional(),
    /** Inline series instead of symbols + range. */
    series: z
      .array(
        z.object({
          symbol: symbolSchema,
          candles: z.array(z.array(z.number()).length(6, 'must be [openTime, open, high, low, close, volume]')).min(2).max(MAX_INLINE_CANDLES),
        }),
      )
      .min(1, 'must hold at least 1 series')
      .max(MAX_PORTFOLIO_SYMBOLS, `must hold at most ${MAX_PORTFOLIO_SYMBOLS} series`)
      .optional(),
    exchange: exchangeSchema.default('binance'),
    timeframe: timeframeSchema,
    start: dateSchema.optional(),
    end: dateSchema.optional(),
    useCache: z.boolean().default(true),
    strategy: strategySchema,
    ...costFields,
    /** Capital share per symbol, in order; default equal. */
    weights: z.array(z.number().min(0, 'must be >= 0').max(1, 'must be <= 1')).optional(),
    rebalance: z.enum(['none', 'daily', 'weekly']).default('none'),
    /** Rebalance trades below this notional (quote currency) are skipped. */
    minTrade: z.number().min(0, 'must be >= 0').max(1e12).default(0),
  })
  .superRefine((v, ctx) => {
    const symbols = v.series ? v.series.map((s) => s.symbol) : v.symbols;
    if (v.series && (v.symbols || v.start !== undefined || v.end !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['series'], message: 'give either inline series or symbols/start/end, not both' });
    }
    if (!v.series) {
      for (const key of ['symbols', 'start', 'end'] as const) {
        if (v[key] === undefined) ctx.addIssue({ code: 'custom', path: [key], message: 'is required unless inline series are given' });
      }
      checkRange(v, ctx);
    }
    if (symbols) {
      const seen = new Set<string>();
      symbols.forEach((s, i) => {
        if (seen.has(s)) ctx.addIssue({ code: 'custom', path: [v.series ? 'series' : 'symbols', i], message: `${s} is listed twice` });
        seen.add(s);
      });
    }
    if (v.weights && symbols) {
      if (v.weights.length !== symbols.length) {
        ctx.addIssue({ code: 'custom', path: ['weights'], message: `must have one weight per symbol (${symbols.length}); got ${v.weights.length}` });
      } else {
        const sum = v.weights.reduce((a, b) => a + b, 0);
        if (Math.abs(sum - 1) > WEIGHT_TOLERANCE) {
          ctx.addIssue({ code: 'custom', path: ['weights'], message: `must sum to 1 (within 1e-6); they sum to ${sum}` });
        }
      }
    }
  });
export type PortfolioInput = z.infer<typeof portfolioInput>;

export const portfolioResult = z.object({
  strategy: z.string(),
  symbols: z.array(z.string()),
  weights: z.array(z.number()),
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  rebalance: z.enum(['none', 'daily', 'weekly']),
  perSymbol: z.array(
    z.object({
      symbol: z.string(),
      weight: z.number(),
      metrics: metricsSchema,
      alignedSharpe: z.number(),
      trades: z.number(),
      /** The symbol's own equity on the common timestamps, scaled to start at the initial capital. */
      equity: seriesPoints,
    }),
  ),
  correlation: z.object({ symbols: z.array(z.string()), matrix: z.array(z.array(z.number())) }),
  avgCorrelation: z.number(),
  equity: seriesPoints,
  drawdown: seriesPoints,
  metrics: metricsSchema,
  individualAvgSharpe: z.number(),
  /** Combined Sharpe minus the average individual Sharpe. */
  diversificationBenefit: z.number(),
  rebalances: z.number(),
  turnover: z.number(),
  totalCosts: z.number(),
  data: dataReportSchema.extend({ perSymbol: z.array(dataReportSchema) }),
});
export type PortfolioResult = z.infer<typeof portfolioResult>;

export const portfolioOutput = envelope(portfolioResult);
