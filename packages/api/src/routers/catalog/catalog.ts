import { listStrategies, objectives, timeframes } from '@spark/engine';
import { z } from 'zod';
import { createRouter, publicProcedure } from '../../trpc';

const paramSpec = z.object({
  name: z.string(),
  label: z.string(),
  description: z.string(),
  type: z.enum(['int', 'real', 'enum']),
  min: z.number().optional(),
  max: z.number().optional(),
  exclusiveMin: z.boolean().optional(),
  options: z.array(z.string()).optional(),
  default: z.union([z.number(), z.string()]),
});

/** The strategy registry: what the UI builds its forms from and the API validates against. */
export const listStrategiesProcedure = publicProcedure
  .meta({ openapi: { method: 'GET', path: '/strategies', tags: ['catalog'] } })
  .input(z.void())
  .output(
    z.object({
      strategies: z.array(
        z.object({
          name: z.string(),
          label: z.string(),
          description: z.string(),
          params: z.array(paramSpec),
          constraints: z.array(z.object({ field: z.string(), description: z.string() })),
        }),
      ),
      timeframes: z.array(z.string()),
      objectives: z.array(z.string()),
    }),
  )
  .query(() => ({
    strategies: listStrategies().map((s) => ({ ...s, params: s.params.map((p) => ({ ...p, options: 'options' in p ? [...p.options] : undefined })) })),
    timeframes: [...timeframes],
    objectives: [...objectives],
  }));

/** Where candles can come from: live exchanges, the offline demo feed and imports, with their known symbols. */
export const listExchangesProcedure = publicProcedure
  .meta({ openapi: { method: 'GET', path: '/exchanges', tags: ['catalog'] } })
  .input(z.void())
  .output(z.object({ exchanges: z.array(z.object({ name: z.string(), kind: z.enum(['live', 'demo', 'import']), symbols: z.array(z.string()) })) }))
  .query(async ({ ctx }) => ({ exchanges: await ctx.deps.marketData.exchanges() }));

export const catalogRouter = createRouter({ strategies: listStrategiesProcedure, exchanges: listExchangesProcedure });
