/** Walk-forward orchestration: the simple split or the multi-fold optimisation, on loaded candles. */
import {
  getStrategy,
  runBacktest,
  validateStrategyParams,
  walkForward,
  walkForwardSimple,
  type Candles,
  type ParamValue,
  type WalkForwardOptimizer,
} from '@spark/engine';
import type { ApiDeps } from '../context';
import type { WalkforwardInput, WalkforwardResult } from '../schemas/walkforward';
import type { Progress } from './implementations/types';
import { engineRequest, toPoints } from './result-mapping';
import { defaultBudget } from './optimizer';

type Computed<T> = T extends unknown ? Omit<T, 'data' | 'candles'> : never;
export type WalkforwardComputed = Computed<WalkforwardResult>;

/**
 * The search space a fold's optimizer uses when the request gives none:
 * each integer parameter at 75%, 100% and 125% of its value (within bounds).
 */
export function neighbourhoodGrid(strategyName: string, params: Record<string, ParamValue>): Record<string, ParamValue[]> {
  const strategy = getStrategy(strategyName, 'strategy.name');
  const resolved = validateStrategyParams(strategy, params, 'strategy.params');
  const grid: Record<string, ParamValue[]> = {};
  for (const spec of strategy.params) {
    if (spec.type !== 'int') continue;
    const v = resolved[spec.name] as number;
    const values = [Math.round(v * 0.75), v, Math.round(v * 1.25)].map((x) => Math.min(spec.max, Math.max(spec.min, x)));
    grid[spec.name] = [...new Set(values)];
  }
  return grid;
}

export async function walkforwardCandles(
  deps: ApiDeps,
  candles: Candles,
  input: WalkforwardInput,
  options: { signal?: AbortSignal; onProgress?: (p: Progress) => void } = {},
): Promise<WalkforwardComputed> {
  const { config } = input;
  const threshold = config.threshold ?? deps.config.wfoThreshold;
  const base = engineRequest(input);
  const started = performance.now();
  if (config.folds === undefined) {
    const simple = walkForwardSimple(candles, { ...base, trainRatio: config.trainRatio, testRatio: config.testRatio, threshold });
    const whole = runBacktest(candles, base);
    deps.metrics.wfoRuns.inc({ mode: 'simple' });
    deps.metrics.wfoLatency.observe({ mode: 'simple' }, performance.now() - started);
    if (simple.ratio !== null) deps.metrics.wfoRatio.observe(simple.ratio);
    deps.metrics.wfoVerdicts.inc({ verdict: simple.verdict });
    if (simple.overfitting) deps.metrics.overfittingDetected.inc();
    const window = (w: typeof simple.train) => ({ start: w.start, end: w.end, bars: w.bars, metrics: w.metrics });
    return {
      kind: 'simple',
      strategy: input.strategy.name,
      params: simple.params,
      train: window(simple.train),
      test: window(simple.test),
      trainSharpe: simple.trainSharpe,
      testSharpe: simple.testSharpe,
      ratio: simple.ratio,
      threshold: simple.threshold,
      verdict: simple.verdict,
      overfitting: simple.overfitting,
      equity: toPoints(candles.openTime, whole.equity),
    };
  }
  const grid = config.grid ?? neighbourhoodGrid(input.strategy.name, input.strategy.params);
  const budget = config.budget ?? defaultBudget(Object.values(grid).reduce((n, v) => n * v.length, 1));
  const optimizer: WalkForwardOptimizer =
    config.method === 'grid'
      ? { method: 'grid', grid, maxCombinations: deps.config.optimizerMaxCombinations }
      : { method: config.method, grid, budget, seed: config.seed };
  const run = deps.optimizerPool ? deps.optimizerPool.walkForward.bind(deps.optimizerPool) : walkForward;
  const result = await run(candles, {
    ...base,
    folds: config.folds,
    mode: config.mode,
    inSampleRatio: config.inSampleRatio,
    optimizer,
    objective: config.objective,
    monteCarlo: { samples: config.monteCarloSamples, seed: config.seed },
    threshold,
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (p) => options.onProgress?.({ done: p.done, total: p.total, stage: p.phase }),
  });
  deps.metrics.wfoRuns.inc({ mode: config.mode });
  deps.metrics.wfoFolds.inc(result.folds.length);
  deps.metrics.wfoLatency.observe({ mode: config.mode }, performance.now() - started);
  deps.metrics.wfoPbo.set(result.pbo.pbo);
  deps.metrics.wfoVerdicts.inc({ verdict: result.verdict });
  if (result.overfitting) deps.metrics.overfittingDetected.inc();
  const info = (w: { start: number; end: number; bars: number }) => ({ start: w.start, end: w.end, bars: w.bars });
  return {
    kind: 'folds',
    strategy: input.strategy.name,
    mode: result.mode,
    method: result.method,
    objective: result.objective,
    folds: result.folds.map((f) => ({ ...f, inSample: info(f.inSample), outOfSample: info(f.outOfSample) })),
    oos: { equity: toPoints(result.oos.openTime, result.oos.equity), metrics: result.oos.metrics, trades: result.oos.trades },
    walkForwardEfficiency: result.walkForwardEfficiency,
    oosPsr: result.oosPsr,
    pbo: {
      pbo: result.pbo.pbo,
      combinations: result.pbo.combinations,
      blocks: result.pbo.blocks,
      candidates: result.pbo.candidates,
      probabilityOfOosLoss: result.pbo.probabilityOfOosLoss,
      degradationSlope: result.pbo.degradationSlope,
    },
    deflatedSharpe: result.deflatedSharpe,
    monteCarlo: result.monteCarlo,
    candidates: result.candidates,
    trials: result.trials,
    threshold: result.threshold,
    verdict: result.verdict,
    overfitting: result.overfitting,
    verdictReasons: result.verdictReasons,
  };
}
