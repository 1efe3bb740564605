import { validateCandles, type Candles } from '../candles';
import { EngineError, describeValue } from '../errors';
import { gridSearchWith } from '../optimizer/grid';
import { geneticSearchWith } from '../optimizer/genetic';
import { cancelled, createLocalEvaluator, defaultNow, type BatchEvaluator } from '../optimizer/evaluate';
import { scoreOf, type Objective } from '../optimizer/objective';
import { positiveInt, prepareSearch } from '../optimizer/prepare';
import { evaluateAll } from '../optimizer/run';
import { paramsKey, type SearchSpaceInput } from '../optimizer/space';
import { tpeSearchWith } from '../optimizer/tpe';
import type { OptimizerMethod, OptimizerResult, TrialLog } from '../optimizer/types';
import { BacktestEvaluator } from '../sim/evaluator';
import { barReturns, computeMetrics, tradeStatsFromTrades } from '../sim/metrics';
import { minimumBars, type BacktestRequest } from '../sim/request';
import type { Metrics, Trade } from '../sim/types';
import { moments } from '../stats/moments';
import { monteCarloTrades, type MonteCarloResult } from '../stats/monte-carlo';
import { pboCscv, type PboResult } from '../stats/pbo';
import { deflatedSharpeRatio, probabilisticSharpeRatio } from '../stats/sharpe';
import type { ParamValues } from '../strategies/types';
import { DEFAULT_WFO_THRESHOLD, type WalkForwardVerdict } from './simple';

export type WalkForwardMode = 'rolling' | 'anchored';

export type WalkForwardOptimizer =
  | { method: 'grid'; grid: SearchSpaceInput; maxCombinations?: number }
  | { method: 'tpe'; grid: SearchSpaceInput; budget: number; seed?: number; startupTrials?: number; candidates?: number }
  | { method: 'genetic'; grid: SearchSpaceInput; budget: number; seed?: number; population?: number; mutationRate?: number };

export interface WalkForwardProgress {
  phase: 'folds' | 'candidates' | 'statistics';
  /** Completed units of the phase (folds, or candidate backtests). */
  done: number;
  total: number;
}

export interface WalkForwardOptions extends Omit<BacktestRequest, 'includeIndicators'> {
  /** Out-of-sample windows; default 5. */
  folds?: number;
  /** `rolling` slides a fixed-length in-sample window; `anchored` grows it from the first bar. Default rolling. */
  mode?: WalkForwardMode;
  /** In-sample share of the first fold's in-sample + out-of-sample span; default 0.75. */
  inSampleRatio?: number;
  optimizer: WalkForwardOptimizer;
  /** Metric the optimizer maximises in each in-sample window; default sharpe. */
  objective?: Objective;
  /** S for PBO by CSCV (even, 2..20); default 16 as in Bailey et al. 2015. */
  cscvBlocks?: number;
  /** Cap on the distinct candidates (from all folds' trials) that PBO and DSR consider; default 500. */
  maxCandidates?: number;
  monteCarlo?: { samples?: number; seed?: number };
  /** Walk-forward efficiency below this is overfit; default DEFAULT_WFO_THRESHOLD (0.6, WFO_THRESHOLD). */
  threshold?: number;
  onProgress?: (p: WalkForwardProgress) => void;
  signal?: AbortSignal;
  now?: () => number;
}

export interface WindowInfo {
  startIndex: number;
  /** Exclusive. */
  endIndex: number;
  /** openTime (ms) of the first bar. */
  start: number;
  /** openTime (ms) of the last bar. */
  end: number;
  bars: number;
}

export interface FoldResult {
  fold: number;
  inSample: WindowInfo;
  outOfSample: WindowInfo;
  /** Parameters the optimizer chose on the in-sample window. */
  params: ParamValues;
  inSampleMetrics: Metrics;
  outOfSampleMetrics: Metrics;
  inSampleScore: number;
  outOfSampleScore: number;
  /** Annualised OOS return / annualised IS return (arithmetic, from mean bar returns); null when the IS return is <= 0. */
  efficiency: number | null;
  evaluated: number;
}

export interface DeflatedSharpeReport {
  /** The candidate with the best objective over the whole studied span: the one a trader would deploy. */
  params: ParamValues;
  /** Per-bar Sharpe ratio of its returns (not annualised). */
  sharpe: number;
  sharpeAnnualized: number;
  observations: number;
  skew: number;
  /** Non-excess kurtosis (3 for normal returns). */
  kurtosis: number;
  /** Number of trials (distinct candidates) it was selected from. */
  trials: number;
  /** Variance of the per-bar Sharpe ratios across the trials. */
  sharpeVariance: number;
  /** Expected maximum per-bar Sharpe of `trials` skill-less trials (SR0). */
  benchmarkSharpe: number;
  /** Probabilistic Sharpe Ratio against 0. */
  psr: number;
  /** Deflated Sharpe Ratio: PSR against SR0. */
  dsr: number;
}

export interface WalkForwardResult {
  mode: WalkForwardMode;
  method: OptimizerMethod;
  objective: Objective;
  folds: FoldResult[];
  /** The out-of-sample windows chained: each starts flat with the previous window's final equity. */
  oos: { openTime: Float64Array; equity: Float64Array; metrics: Metrics; trades: Trade[] };
  /** Mean of the folds' efficiencies (Pardo 2008); null when no fold had a positive in-sample return. */
  walkForwardEfficiency: number | null;
  /** Probabilistic Sharpe Ratio (vs 0) of the stitched out-of-sample bar returns; null with fewer than 2 returns. */
  oosPsr: number | null;
  pbo: PboResult;
  deflatedSharpe: DeflatedSharpeReport;
  monteCarlo: MonteCarloResult;
  /** Distinct candidates evaluated over the whole span for PBO and DSR. */
  candidates: number;
  /** Every optimizer evaluation of every fold, tagged with its fold. */
  trials: TrialLog[];
  threshold: number;
  /** See foldsVerdict. */
  verdict: WalkForwardVerdict;
  /** True exactly when the verdict is `overfit`. */
  overfitting: boolean;
  /** One sentence per rule the verdict weighed. */
  verdictReasons: string[];
}

/**
 * The multi-fold verdict: `inconclusive` when no fold made money in sample
 * (walk-forward efficiency is undefined); `overfit` when efficiency is below
 * the threshold or PBO exceeds 0.5 (the in-sample winner ranks in the bottom
 * half out of sample more often than not, Bailey et al. 2015); `robust` otherwise.
 */
export function foldsVerdict(
  result: Pick<WalkForwardResult, 'walkForwardEfficiency' | 'pbo'>,
  threshold: number,
): { verdict: WalkForwardVerdict; reasons: string[] } {
  const wfe = result.walkForwardEfficiency;
  if (wfe === null) {
    return { verdict: 'inconclusive', reasons: ['no fold was profitable in sample, so walk-forward efficiency is undefined'] };
  }
  const lowEfficiency = wfe < threshold;
  const highPbo = result.pbo.pbo > 0.5;
  return {
    verdict: lowEfficiency || highPbo ? 'overfit' : 'robust',
    reasons: [
      `walk-forward efficiency ${wfe.toFixed(2)} is ${lowEfficiency ? 'below' : 'at or above'} the threshold ${threshold}`,
      `probability of backtest overfitting ${(result.pbo.pbo * 100).toFixed(0)}% is ${highPbo ? 'above' : 'at or below'} 50%`,
    ],
  };
}

export interface WalkForwardRuntime {
  evaluator?: BatchEvaluator;
  /** Where PBO by CSCV runs (the worker pool moves it off the calling thread). */
  computePbo?: (blockStats: Float64Array[], blocks: number) => Promise<PboResult>;
}

const MAX_FOLDS = 50;

function layoutFolds(n: number, folds: number, mode: WalkForwardMode, isRatio: number): { is: [number, number]; oos: [number, number] }[] {
  const oosLen = Math.floor(n / (folds + isRatio / (1 - isRatio)));
  const isLen = n - folds * oosLen;
  const out: { is: [number, number]; oos: [number, number] }[] = [];
  for (let f = 0; f < folds; f++) {
    const oosStart = isLen + f * oosLen;
    out.push({ is: [mode === 'rolling' ? oosStart - isLen : 0, oosStart], oos: [oosStart, oosStart + oosLen] });
  }
  return out;
}

/**
 * Walk-forward optimisation with overfitting statistics.
 *
 * Layout: the last `folds` * L bars form `folds` consecutive out-of-sample
 * (OOS) windows of L bars, with L = floor(n / (folds + r / (1 - r))) for
 * r = inSampleRatio; the first in-sample (IS) window holds the remaining bars
 * before the first OOS. `rolling` slides that IS length along, `anchored`
 * grows it from bar 0. In each fold the optimizer chooses parameters on the IS
 * window only; they are then backtested on the OOS window, which uses earlier
 * bars only as indicator warm-up, starts flat, and counts only its own
 * returns. The OOS windows are chained into one equity curve.
 *
 * Then, over every distinct candidate the optimizer evaluated (up to
 * maxCandidates) backtested across the whole span after warm-up:
 * - PBO by CSCV (Bailey, Borwein, López de Prado & Zhu 2015) with S blocks;
 * - PSR and DSR (Bailey & López de Prado 2012, 2014) of the best candidate,
 *   deflated by the number of candidates and the variance of their Sharpe ratios;
 * and a seeded Monte Carlo bootstrap of the chained OOS trade returns.
 */
export function walkForward(candles: Candles, options: WalkForwardOptions): Promise<WalkForwardResult> {
  return walkForwardWith(candles, options, {});
}

export async function walkForwardWith(candles: Candles, options: WalkForwardOptions, runtime: WalkForwardRuntime): Promise<WalkForwardResult> {
  if (typeof options !== 'object' || options === null) {
    throw new EngineError('INVALID_CONFIG', 'options', `options must be an object; got ${describeValue(options)}`);
  }
  const opt = options.optimizer;
  if (typeof opt !== 'object' || opt === null || !['grid', 'tpe', 'genetic'].includes((opt as { method?: unknown }).method as string)) {
    throw new EngineError('INVALID_CONFIG', 'optimizer.method', `optimizer.method must be one of grid, tpe, genetic; got ${describeValue((opt as { method?: unknown } | null)?.method)}`);
  }
  const folds = positiveInt(options.folds, 'folds', 5, MAX_FOLDS);
  const threshold = options.threshold ?? DEFAULT_WFO_THRESHOLD;
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0 || threshold > 10) {
    throw new EngineError('INVALID_CONFIG', 'threshold', `threshold must be a number in [0, 10]; got ${describeValue(threshold)}`);
  }
  const mode = options.mode ?? 'rolling';
  if (mode !== 'rolling' && mode !== 'anchored') {
    throw new EngineError('INVALID_CONFIG', 'mode', `mode must be rolling or anchored; got ${describeValue(mode)}`);
  }
  const isRatio = options.inSampleRatio ?? 0.75;
  if (typeof isRatio !== 'number' || !Number.isFinite(isRatio) || isRatio <= 0 || isRatio >= 1) {
    throw new EngineError('INVALID_CONFIG', 'inSampleRatio', `inSampleRatio must be a number in (0, 1); got ${describeValue(isRatio)}`);
  }
  const blocks = options.cscvBlocks ?? 16;
  if (!Number.isInteger(blocks) || blocks < 2 || blocks > 20 || blocks % 2 !== 0) {
    throw new EngineError('INVALID_CONFIG', 'cscvBlocks', `cscvBlocks must be an even integer in [2, 20]; got ${describeValue(blocks)}`);
  }
  const maxCandidates = positiveInt(options.maxCandidates, 'maxCandidates', 500, 10_000);
  if (maxCandidates < 2) throw new EngineError('INVALID_CONFIG', 'maxCandidates', `maxCandidates must be at least 2 for PBO to rank candidates; got ${maxCandidates}`);

  validateCandles(candles);
  const n = candles.close.length;
  const layout = layoutFolds(n, folds, mode, isRatio);
  const first = layout[0]!;
  const isLen = first.is[1] - first.is[0];
  const oosLen = first.oos[1] - first.oos[0];
  const searchBase = {
    strategy: options.strategy,
    params: options.params,
    direction: options.direction,
    timeframe: options.timeframe,
    initialCapital: options.initialCapital,
    feeBps: options.feeBps,
    slippageBps: options.slippageBps,
    grid: opt.grid,
    objective: options.objective,
  };
  const prep = prepareSearch(candles, searchBase, false, isLen, {
    field: 'folds',
    subject: `with ${folds} folds the in-sample window (${mode}, first fold)`,
  });
  const warmup = minimumBars(prep.strategy, prep.space.maxParams());
  if (oosLen < 2) {
    throw new EngineError('INSUFFICIENT_DATA', 'folds', `${n} bars split into ${folds} folds leave ${oosLen} bars per out-of-sample window; at least 2 are needed (use fewer folds or more bars)`);
  }
  const spanStart = warmup - 2;
  const spanReturns = n - spanStart - 1;
  if (spanReturns < 2 * blocks) {
    throw new EngineError('INSUFFICIENT_DATA', 'cscvBlocks', `after a ${spanStart}-bar warm-up only ${spanReturns} bar returns remain for ${blocks} CSCV blocks; at least ${2 * blocks} are needed`);
  }

  const { strategy, costs, objective } = prep;
  const now = options.now ?? defaultNow;
  const local = new BacktestEvaluator(candles, costs);
  const evaluator = runtime.evaluator ?? createLocalEvaluator(candles, costs, now, local);
  const signal = options.signal;
  const report = options.onProgress;
  const t = candles.openTime;
  const info = (s: number, e: number): WindowInfo => ({ startIndex: s, endIndex: e, start: t[s]!, end: t[e - 1]!, bars: e - s });

  const foldResults: FoldResult[] = [];
  const trials: TrialLog[] = [];
  const oosTimes: number[] = [];
  const oosEquity: number[] = [];
  const oosTrades: Trade[] = [];
  let equityScale = 1;
  report?.({ phase: 'folds', done: 0, total: folds });
  for (let f = 0; f < folds; f++) {
    if (signal?.aborted) throw cancelled('The walk-forward');
    const { is, oos } = layout[f]!;
    const runtimeF = { evaluator, validate: false, start: is[0], end: is[1], fold: f };
    const common = { ...searchBase, objective, signal, now };
    let result: OptimizerResult;
    if (opt.method === 'grid') result = await gridSearchWith(candles, { ...common, maxCombinations: opt.maxCombinations }, runtimeF);
    else if (opt.method === 'tpe') result = await tpeSearchWith(candles, { ...common, budget: opt.budget, seed: opt.seed, startupTrials: opt.startupTrials, candidates: opt.candidates }, runtimeF);
    else result = await geneticSearchWith(candles, { ...common, budget: opt.budget, seed: opt.seed, population: opt.population, mutationRate: opt.mutationRate }, runtimeF);
    for (const tr of result.trials) trials.push({ ...tr, index: trials.length });

    const params = result.best.params;
    const isRun = local.run(strategy, params, is[0], is[1]);
    const oosRun = local.run(strategy, params, oos[0], oos[1]);
    const isMean = meanReturn(isRun.equity);
    const oosMean = meanReturn(oosRun.equity);
    foldResults.push({
      fold: f,
      inSample: info(is[0], is[1]),
      outOfSample: info(oos[0], oos[1]),
      params,
      inSampleMetrics: isRun.metrics,
      outOfSampleMetrics: oosRun.metrics,
      inSampleScore: scoreOf(isRun.metrics, objective),
      outOfSampleScore: scoreOf(oosRun.metrics, objective),
      efficiency: isMean > 0 ? oosMean / isMean : null,
      evaluated: result.evaluated,
    });
    for (let k = 0; k < oosRun.equity.length; k++) {
      oosTimes.push(t[oos[0] + k]!);
      oosEquity.push(oosRun.equity[k]! * equityScale);
    }
    for (const tr of oosRun.trades) {
      oosTrades.push({ ...tr, qty: tr.qty * equityScale, fees: tr.fees * equityScale, pnl: tr.pnl * equityScale });
    }
    equityScale *= oosRun.metrics.finalEquity / costs.initialCapital;
    report?.({ phase: 'folds', done: f + 1, total: folds });
  }

  const stitched = Float64Array.from(oosEquity);
  const stitchedTimes = Float64Array.from(oosTimes);
  const oosMetrics = computeMetrics(stitched, stitched.length, tradeStatsFromTrades(oosTrades), costs.periodsPerYear, costs.initialCapital, stitchedTimes[0]!, stitchedTimes[stitched.length - 1]!);
  const oosReturns = barReturns(stitched);
  const oosMoments = moments(oosReturns);
  const oosPsr =
    oosReturns.length >= 2
      ? probabilisticSharpeRatio({
          sharpe: oosMoments.stdev > 0 ? oosMoments.mean / oosMoments.stdev : 0,
          benchmark: 0,
          observations: oosReturns.length,
          skew: oosMoments.skew,
          kurtosis: oosMoments.kurtosis,
        })
      : null;
  const efficiencies = foldResults.map((fr) => fr.efficiency).filter((e): e is number => e !== null);
  const wfe = efficiencies.length > 0 ? efficiencies.reduce((a, b) => a + b, 0) / efficiencies.length : null;

  // Candidates: distinct parameter sets in first-evaluated order.
  const seen = new Set<string>();
  const candidates: ParamValues[] = [];
  for (const tr of trials) {
    const key = paramsKey(tr.params);
    if (seen.has(key)) continue;
    seen.add(key);
    candidates.push(tr.params);
    if (candidates.length >= maxCandidates) break;
  }
  if (candidates.length < 2) {
    throw new EngineError('INSUFFICIENT_DATA', 'optimizer', `the optimizer evaluated ${candidates.length} distinct candidate; PBO and DSR need at least 2 (widen the grid or raise the budget)`);
  }
  report?.({ phase: 'candidates', done: 0, total: candidates.length });
  const outcomes = await evaluateAll(
    evaluator,
    { strategy: strategy.name, costs, start: spanStart, end: n, objective, blocks },
    candidates,
    signal,
    (done) => report?.({ phase: 'candidates', done, total: candidates.length }),
  );
  if (signal?.aborted) throw cancelled('The walk-forward');
  report?.({ phase: 'statistics', done: 0, total: 1 });
  const blockStats = outcomes.map((o) => o.blockStats!);
  const pbo = runtime.computePbo ? await runtime.computePbo(blockStats, blocks) : pboCscv(blockStats, blocks);

  let bestIdx = 0;
  for (let c = 1; c < outcomes.length; c++) if (outcomes[c]!.score > outcomes[bestIdx]!.score) bestIdx = c;
  const candidateSharpes = blockStats.map(totalSharpe);
  const chosen = local.run(strategy, candidates[bestIdx]!, spanStart, n);
  const chosenReturns = barReturns(chosen.equity);
  const m = moments(chosenReturns);
  const sr = m.stdev > 0 ? m.mean / m.stdev : 0;
  const variance = sampleVariance(candidateSharpes);
  const dsr = deflatedSharpeRatio({ sharpe: sr, observations: chosenReturns.length, skew: m.skew, kurtosis: m.kurtosis, trials: candidates.length, sharpeVariance: variance });
  const monteCarlo = monteCarloTrades(
    oosTrades.map((tr) => tr.return),
    options.monteCarlo ?? {},
  );
  report?.({ phase: 'statistics', done: 1, total: 1 });

  const { verdict, reasons } = foldsVerdict({ walkForwardEfficiency: wfe, pbo }, threshold);
  return {
    mode,
    method: opt.method,
    objective,
    folds: foldResults,
    oos: { openTime: stitchedTimes, equity: stitched, metrics: oosMetrics, trades: oosTrades },
    walkForwardEfficiency: wfe,
    oosPsr,
    pbo,
    deflatedSharpe: {
      params: candidates[bestIdx]!,
      sharpe: sr,
      sharpeAnnualized: sr * Math.sqrt(costs.periodsPerYear),
      observations: chosenReturns.length,
      skew: m.skew,
      kurtosis: m.kurtosis,
      trials: candidates.length,
      sharpeVariance: variance,
      benchmarkSharpe: dsr.benchmark,
      psr: dsr.psr,
      dsr: dsr.dsr,
    },
    monteCarlo,
    candidates: candidates.length,
    trials,
    threshold,
    verdict,
    overfitting: verdict === 'overfit',
    verdictReasons: reasons,
  };
}

function meanReturn(equity: Float64Array): number {
  const r = barReturns(equity);
  let s = 0;
  for (let i = 0; i < r.length; i++) s += r[i]!;
  return r.length > 0 ? s / r.length : 0;
}

function totalSharpe(bs: Float64Array): number {
  let c = 0;
  let s = 0;
  let s2 = 0;
  for (let k = 0; k < bs.length; k += 3) {
    c += bs[k]!;
    s += bs[k + 1]!;
    s2 += bs[k + 2]!;
  }
  if (c < 2) return 0;
  const mean = s / c;
  const v = (s2 - s * mean) / (c - 1);
  return v > 0 ? mean / Math.sqrt(v) : 0;
}

function sampleVariance(x: readonly number[]): number {
  const n = x.length;
  if (n < 2) return 0;
  let m = 0;
  for (const v of x) m += v;
  m /= n;
  let s = 0;
  for (const v of x) s += (v - m) * (v - m);
  return s / (n - 1);
}
