import { z } from 'zod';
import { exchangeSchema, symbolSchema, dateSchema, timeframeSchema } from '../../schemas/common';
import { createRouter, publicProcedure } from '../../trpc';

const cacheStatsOutput = z.object({
  series: z.array(
    z.object({
      exchange: z.string(),
      symbol: z.string(),
      timeframe: z.string(),
      rows: z.number(),
      firstOpenTime: z.number().nullable(),
      lastOpenTime: z.number().nullable(),
    }),
  ),
  totalRows: z.number(),
  sizeBytes: z.number(),
  hits: z.number(),
  misses: z.number(),
});

export const cacheStats = publicProcedure
  .meta({ role: 'admin', openapi: { method: 'GET', path: '/cache/stats', tags: ['admin'], protect: true } })
  .input(z.void())
  .output(cacheStatsOutput)
  .query(async ({ ctx }) => {
    const stats = await ctx.deps.marketData.stats();
    ctx.deps.metrics.cachedCandles.set(stats.totalRows);
    return stats;
  });

export const cacheCleanupInput = z
  .object({
    exchange: exchangeSchema.optional(),
    symbol: symbolSchema.optional(),
    timeframe: timeframeSchema.optional(),
    /** Delete candles that opened before this date. */
    olderThan: dateSchema.optional(),
  })
  .refine((f) => Object.values(f).some((v) => v !== undefined), {
    message: 'give at least one of exchange, symbol, timeframe or olderThan (refusing to empty the whole cache by accident)',
  });

export const cacheCleanup = publicProcedure
  .meta({ role: 'admin', audit: 'cache.cleanup', openapi: { method: 'POST', path: '/cache/cleanup', tags: ['admin'], protect: true } })
  .input(cacheCleanupInput)
  .output(z.object({ deletedRows: z.number() }))
  .mutation(async ({ ctx, input }) => {
    const outcome = await ctx.deps.marketData.cleanup(input);
    ctx.deps.metrics.cachedCandles.set((await ctx.deps.marketData.stats()).totalRows);
    return outcome;
  });

export const cacheRouter = createRouter({ stats: cacheStats, cleanup: cacheCleanup });
