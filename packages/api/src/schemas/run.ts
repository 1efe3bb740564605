import { z } from 'zod';
import {
  chartCandlesSchema,
  checkSeriesSource,
  costFields,
  dataReportSchema,
  envelope,
  indicatorSchema,
  metricsSchema,
  seriesPoints,
  seriesSourceFields,
  strategySchema,
  tradeSchema,
} from './common';

export const runInput = z
  .object({
    ...seriesSourceFields,
    strategy: strategySchema,
    ...costFields,
    /** Return the candles (columnar) for charting. */
    includeCandles: z.boolean().default(false),
    /** Return the strategy's indicator series for charting. */
    includeIndicators: z.boolean().default(false),
  })
  .superRefine(checkSeriesSource);
export type RunInput = z.infer<typeof runInput>;

export const runResult = z.object({
  strategy: z.string(),
  /** Parameters as run, defaults filled in. */
  params: z.record(z.string(), z.union([z.number(), z.string()])),
  timeframe: z.string(),
  metrics: metricsSchema,
  trades: z.array(tradeSchema),
  /** `[openTime, equity]` at each bar close. */
  equity: seriesPoints,
  /** `[openTime, drawdown]`, a negative fraction from the running peak. */
  drawdown: seriesPoints,
  indicators: z.array(indicatorSchema).optional(),
  candles: chartCandlesSchema.optional(),
  data: dataReportSchema,
});
export type RunResult = z.infer<typeof runResult>;

export const runOutput = envelope(runResult);
