import { objectives } from '@spark/engine';
import { z } from 'zod';
import { checkSeriesSource, costFields, dataReportSchema, envelope, metricsSchema, searchStrategySchema, seriesSourceFields } from './common';

const paramValue = z.union([z.number(), z.string()]);
const paramValues = z.record(z.string(), paramValue);

/** Values to try per parameter, e.g. `{ "emaFast": [16, 20, 24], "emaSlow": [45, 50, 55] }`. */
export const gridSchema = z
  .record(z.string(), z.array(paramValue).min(1, 'must list at least one value').max(200, 'must list at most 200 values'))
  .refine((g) => Object.keys(g).length > 0, 'must name at least one parameter to search')
  .refine((g) => Object.values(g).reduce((n, v) => n * v.length, 1) <= 1_000_000, 'spans more than 1,000,000 combinations; narrow the value lists');

export const optimizerMethods = ['grid', 'tpe', 'genetic'] as const;

export const optimizeFields = {
  grid: gridSchema,
  objective: z.enum(objectives, { message: `must be one of ${objectives.join(', ')}` }).default('sharpe'),
  /** `grid` tries every combination; `tpe` and `genetic` search the same space within `budget` evaluations. */
  method: z.enum(optimizerMethods, { message: 'must be one of grid, tpe, genetic' }).default('grid'),
  budget: z.number().int('must be a whole number').min(2, 'must be >= 2').max(5_000, 'must be at most 5000').optional(),
  seed: z.number().int('must be a whole number').min(0).max(4_294_967_295).default(1),
  top: z.number().int('must be a whole number').min(1, 'must be >= 1').max(50, 'must be at most 50').default(5),
};

export const optimizeInput = z
  .object({
    ...seriesSourceFields,
    strategy: searchStrategySchema,
    ...costFields,
    ...optimizeFields,
  })
  .superRefine(checkSeriesSource);
export type OptimizeInput = z.infer<typeof optimizeInput>;

export const leaderboardEntrySchema = z.object({
  rank: z.number(),
  params: paramValues,
  metrics: metricsSchema,
  score: z.number(),
  trial: z.number(),
});

export const trialSchema = z.object({
  index: z.number(),
  fold: z.number().optional(),
  params: paramValues,
  metrics: metricsSchema,
  score: z.number(),
  timeMs: z.number(),
});

export const optimizeResult = z.object({
  strategy: z.string(),
  method: z.enum(optimizerMethods),
  objective: z.enum(objectives),
  /** Valid combinations in the search space. */
  combinations: z.number(),
  /** Combinations skipped because they break a rule such as emaFast < emaSlow. */
  skippedInvalid: z.number(),
  /** Backtests run (all valid combinations for grid; at most the budget otherwise). */
  evaluated: z.number(),
  best: z.object({ params: paramValues, metrics: metricsSchema, score: z.number() }),
  leaderboard: z.array(leaderboardEntrySchema),
  trials: z.array(trialSchema),
  /** The searched parameters and their values, for heatmaps. */
  space: z.array(z.object({ name: z.string(), values: z.array(paramValue) })),
  elapsedMs: z.number(),
  data: dataReportSchema,
});
export type OptimizeResult = z.infer<typeof optimizeResult>;

export const optimizeOutput = envelope(optimizeResult);
