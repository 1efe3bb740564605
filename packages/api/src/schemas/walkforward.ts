import { objectives } from '@spark/engine';
import { z } from 'zod';
import {
  chartCandlesSchema,
  checkSeriesSource,
  costFields,
  dataReportSchema,
  envelope,
  metricsSchema,
  seriesPoints,
  seriesSourceFields,
  strategySchema,
  tradeSchema,
} from './common';
import { gridSchema, optimizerMethods, trialSchema } from './optimize';

const ratio = (name: string) => z.number().gt(0, `${name} must be > 0`).lt(1, `${name} must be < 1`);

export const walkforwardConfigSchema = z
  .object({
    /** Simple mode: share of the bars used to train (default 0.6) ... */
    trainRatio: ratio('trainRatio').default(0.6),
    /** ... and to test right after it (default 0.4). */
    testRatio: ratio('testRatio').default(0.4),
    /** Test/train Sharpe ratio below which the verdict is overfit (default WFO_THRESHOLD, 0.6). */
    threshold: z.number().gt(0, 'must be > 0').max(10, 'must be at most 10').optional(),
    /** Multi-fold mode when given: out-of-sample windows, each optimised on its own in-sample window. */
    folds: z.number().int('must be a whole number').min(2, 'must be >= 2').max(50, 'must be at most 50').optional(),
    mode: z.enum(['rolling', 'anchored']).default('rolling'),
    /** In-sample share of the first fold's window (multi-fold; default 0.75). */
    inSampleRatio: ratio('inSampleRatio').default(0.75),
    method: z.enum(optimizerMethods).default('grid'),
    /** Values each fold's optimizer may choose from; default a neighbourhood of the given params. */
    grid: gridSchema.optional(),
    objective: z.enum(objectives).default('sharpe'),
    budget: z.number().int().min(2).max(5_000).optional(),
    seed: z.number().int().min(0).max(4_294_967_295).default(1),
    monteCarloSamples: z.number().int().min(100, 'must be >= 100').max(100_000, 'must be at most 100000').default(1_000),
  })
  .default({ trainRatio: 0.6, testRatio: 0.4, mode: 'rolling', inSampleRatio: 0.75, method: 'grid', objective: 'sharpe', seed: 1, monteCarloSamples: 1_000 })
  .superRefine((c, ctx) => {
    if (c.trainRatio + c.testRatio > 1 + 1e-9) {
      ctx.addIssue({ code: 'custom', path: ['testRatio'], message: `trainRatio + testRatio must be at most 1; got ${c.trainRatio} + ${c.testRatio}` });
    }
  });

export const walkforwardInput = z
  .object({
    ...seriesSourceFields,
    strategy: strategySchema,
    ...costFields,
    config: walkforwardConfigSchema,
    includeCandles: z.boolean().default(false),
  })
  .superRefine(checkSeriesSource);
export type WalkforwardInput = z.infer<typeof walkforwardInput>;

const windowSchema = z.object({ start: z.number(), end: z.number(), bars: z.number(), metrics: metricsSchema });
const windowInfo = z.object({ start: z.number(), end: z.number(), bars: z.number() });
const paramValues = z.record(z.string(), z.union([z.number(), z.string()]));
export const verdictSchema = z.enum(['overfit', 'robust', 'inconclusive']);

export const simpleWalkforwardResult = z.object({
  kind: z.literal('simple'),
  strategy: z.string(),
  params: paramValues,
  train: windowSchema,
  test: windowSchema,
  trainSharpe: z.number(),
  testSharpe: z.number(),
  /** testSharpe / trainSharpe; null when trainSharpe <= 0. */
  ratio: z.number().nullable(),
  threshold: z.number(),
  verdict: verdictSchema,
  overfitting: z.boolean(),
  /** The fixed params backtested over the whole series, for the chart with train/test shading. */
  equity: seriesPoints,
  candles: chartCandlesSchema.optional(),
  data: dataReportSchema,
});

export const foldsWalkforwardResult = z.object({
  kind: z.literal('folds'),
  strategy: z.string(),
  mode: z.enum(['rolling', 'anchored']),
  method: z.enum(optimizerMethods),
  objective: z.enum(objectives),
  folds: z.array(
    z.object({
      fold: z.number(),
      inSample: windowInfo,
      outOfSample: windowInfo,
      params: paramValues,
      inSampleMetrics: metricsSchema,
      outOfSampleMetrics: metricsSchema,
      inSampleScore: z.number(),
      outOfSampleScore: z.number(),
      efficiency: z.number().nullable(),
      evaluated: z.number(),
    }),
  ),
  /** The out-of-sample windows chained into one curve. */
  oos: z.object({ equity: seriesPoints, metrics: metricsSchema, trades: z.array(tradeSchema) }),
  walkForwardEfficiency: z.number().nullable(),
  oosPsr: z.number().nullable(),
  pbo: z.object({
    pbo: z.number(),
    combinations: z.number(),
    blocks: z.number(),
    candidates: z.number(),
    probabilityOfOosLoss: z.number(),
    degradationSlope: z.number(),
  }),
  deflatedSharpe: z.object({
    params: paramValues,
    sharpe: z.number(),
    sharpeAnnualized: z.number(),
    observations: z.number(),
    skew: z.number(),
    kurtosis: z.number(),
    trials: z.number(),
    sharpeVariance: z.number(),
    benchmarkSharpe: z.number(),
    psr: z.number(),
    dsr: z.number(),
  }),
  monteCarlo: z.object({
    samples: z.number(),
    trades: z.number(),
    seed: z.number(),
    finalReturn: z.object({ p5: z.number(), p50: z.number(), p95: z.number() }),
    maxDrawdown: z.object({ p5: z.number(), p50: z.number(), p95: z.number() }),
    probabilityOfLoss: z.number(),
  }),
  candidates: z.number(),
  trials: z.array(trialSchema),
  threshold: z.number(),
  verdict: verdictSchema,
  overfitting: z.boolean(),
  /** Why the verdict is what it is, one sentence per rule. */
  verdictReasons: z.array(z.string()),
  candles: chartCandlesSchema.optional(),
  data: dataReportSchema,
});

export const walkforwardResult = z.discriminatedUnion('kind', [simpleWalkforwardResult, foldsWalkforwardResult]);
export type WalkforwardResult = z.infer<typeof walkforwardResult>;

export const walkforwardOutput = envelope(walkforwardResult);
