import { validateCandles, type Candles } from '../candles';
import { EngineError, describeValue } from '../errors';
import { BacktestEvaluator } from '../sim/evaluator';
import { assertEnoughBars, minimumBars, resolveBacktestRequest, type BacktestRequest } from '../sim/request';
import type { Metrics } from '../sim/types';
import type { ParamValues } from '../strategies/types';

/** WFO_THRESHOLD default: the test Sharpe must keep 60% of the train Sharpe. */
export const DEFAULT_WFO_THRESHOLD = 0.6;

export interface WindowSummary {
  /** openTime (epoch ms) of the window's first bar. */
  start: number;
  /** openTime (epoch ms) of the window's last bar. */
  end: number;
  startIndex: number;
  /** Exclusive. */
  endIndex: number;
  bars: number;
  metrics: Metrics;
}

export interface WalkForwardSimpleOptions extends Omit<BacktestRequest, 'includeIndicators'> {
  /** Share of bars in the train window (first); default 0.6. */
  trainRatio?: number;
  /** Share of bars in the test window (right after train); default 0.4. */
  testRatio?: number;
  /** Minimum testSharpe / trainSharpe to call the parameters robust; default 0.6 (WFO_THRESHOLD). */
  threshold?: number;
}

export type WalkForwardVerdict = 'overfit' | 'robust' | 'inconclusive';

export interface WalkForwardSimpleResult {
  params: ParamValues;
  train: WindowSummary;
  test: WindowSummary;
  trainSharpe: number;
  testSharpe: number;
  /** testSharpe / trainSharpe; null when trainSharpe <= 0 (no edge to retain, and no division by zero). */
  ratio: number | null;
  threshold: number;
  verdict: WalkForwardVerdict;
  /** True exactly when the verdict is `overfit` (ratio < threshold). */
  overfitting: boolean;
}

function ratioIn(value: unknown, field: string, fallback: number, lowExclusive: number, high: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= lowExclusive || value > high) {
    throw new EngineError('INVALID_CONFIG', field, `${field} must be a number in (${lowExclusive}, ${high}]; got ${describeValue(value)}`);
  }
  return value;
}

/**
 * The single-split check: fixed parameters are backtested on the first
 * `trainRatio` of the bars and on the following `testRatio`; the test window
 * uses the train bars only as indicator warm-up, starts flat and counts only
 * its own returns. ratio = testSharpe / trainSharpe and overfitting = ratio <
 * threshold; when trainSharpe <= 0 the verdict is `inconclusive`.
 */
export function walkForwardSimple(candles: Candles, options: WalkForwardSimpleOptions): WalkForwardSimpleResult {
  const req = resolveBacktestRequest({ ...options, includeIndicators: false });
  const trainRatio = ratioIn(options.trainRatio, 'trainRatio', 0.6, 0, 1);
  const testRatio = ratioIn(options.testRatio, 'testRatio', 0.4, 0, 1);
  if (trainRatio >= 1) throw new EngineError('INVALID_CONFIG', 'trainRatio', `trainRatio must be below 1 to leave bars for the test window; got ${trainRatio}`);
  if (trainRatio + testRatio > 1 + 1e-9) {
    throw new EngineError('INVALID_CONFIG', 'testRatio', `trainRatio + testRatio must not exceed 1; got ${trainRatio} + ${testRatio} = ${trainRatio + testRatio}`);
  }
  const threshold = options.threshold ?? DEFAULT_WFO_THRESHOLD;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0 || threshold > 10) {
    throw new EngineError('INVALID_CONFIG', 'threshold', `threshold must be a number in [0, 10]; got ${describeValue(threshold)}`);
  }
  validateCandles(candles);
  const n = candles.close.length;
  const trainBars = Math.floor(n * trainRatio);
  const testBars = Math.min(Math.floor(n * testRatio), n - trainBars);
  assertEnoughBars(req.strategy, req.params, trainBars, 'trainRatio');
  if (testBars < 2) {
    throw new EngineError(
      'INSUFFICIENT_DATA',
      'testRatio',
      `the test window gets ${testBars} of ${n} bars; it needs at least 2 (raise testRatio or supply more bars; the train window needs ${minimumBars(req.strategy, req.params)})`,
    );
  }
  const ev = new BacktestEvaluator(candles, req);
  const t = candles.openTime;
  const summary = (start: number, end: number): WindowSummary => ({
    start: t[start]!,
    end: t[end - 1]!,
    startIndex: start,
    endIndex: end,
    bars: end - start,
    metrics: ev.metrics(req.strategy, req.params, start, end),
  });
  const train = summary(0, trainBars);
  const test = summary(trainBars, trainBars + testBars);
  const trainSharpe = train.metrics.sharpe;
  const testSharpe = test.metrics.sharpe;
  const ratio = trainSharpe > 0 ? testSharpe / trainSharpe : null;
  const verdict: WalkForwardVerdict = ratio === null ? 'inconclusive' : ratio < threshold ? 'overfit' : 'robust';
  return { params: req.params, train, test, trainSharpe, testSharpe, ratio, threshold, verdict, overfitting: verdict === 'overfit' };
}
