/**
 * The deterministic mock. It touches neither the market-data layer nor the
 * engine's simulator, so flipping a procedure to mock is a rollback that works
 * when either is what broke. Output is seeded by a hash of the request:
 * the same request always gives the same, plausible-looking numbers, shaped
 * exactly like the real result and labelled `mock: true` by the envelope.
 */
import { defaultParams, getStrategy, pearson, resolveSpace, timeframeMs } from '@spark/engine';
import type { OptimizeInput, OptimizeResult } from '../../schemas/optimize';
import type { WalkforwardInput, WalkforwardResult } from '../../schemas/walkforward';
import type { PortfolioInput, PortfolioResult } from '../../schemas/portfolio';
import { defaultBudget } from '../optimizer';
import type { MetricsOut } from '../../schemas/common';
import type { RunInput, RunResult } from '../../schemas/run';
import type { BacktestImplementation } from './types';

/** Caps a mock series so the mock stays cheap whatever range is asked for. */
const MAX_MOCK_BARS = 5_000;

/** FNV-1a over the request's canonical JSON: the mock's seed. */
export function requestSeed(value: unknown): number {
  const text = JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** mulberry32: a tiny seeded generator, enough for mock data. */
export function mockRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface MockSeries {
  openTime: number[];
  close: number[];
  equity: number[];
}

/** A mock price path and an equity curve that follows it loosely. */
export function mockSeries(seed: number, startMs: number, stepMs: number, bars: number, initialCapital: number): MockSeries {
  const rnd = mockRandom(seed);
  const openTime: number[] = [];
  const close: number[] = [];
  const equity: number[] = [];
  let price = 100 + rnd() * 900;
  let eq = initialCapital;
  const drift = (rnd() - 0.45) * 0.0004;
  for (let i = 0; i < bars; i++) {
    const shock = (rnd() + rnd() + rnd() - 1.5) * 0.01;
    price *= 1 + shock;
    if (i > 0) eq *= 1 + drift + shock * 0.4;
    openTime.push(startMs + i * stepMs);
    close.push(price);
    equity.push(eq);
  }
  return { openTime, close, equity };
}

export function mockMetrics(equity: number[], trades: number, periodsPerYear: number, winRate: number): MetricsOut {
  const initial = equity[0] ?? 1;
  const final = equity[equity.length - 1] ?? initial;
  const returns = equity.slice(1).map((e, i) => e / equity[i]! - 1);
  const mean = returns.reduce((a, b) => a + b, 0) / Math.max(1, returns.length);
  const variance = returns.reduce((a, r) => a + (r - mean) ** 2, 0) / Math.max(1, returns.length - 1);
  const downside = Math.sqrt(returns.reduce((a, r) => a + Math.min(r, 0) ** 2, 0) / Math.max(1, returns.length));
  let peak = initial;
  let maxDrawdown = 0;
  for (const e of equity) {
    peak = Math.max(peak, e);
    maxDrawdown = Math.min(maxDrawdown, e / peak - 1);
  }
  const years = Math.max(1 / periodsPerYear, equity.length / periodsPerYear);
  const cagr = (final / initial) ** (1 / years) - 1;
  return {
    sharpe: variance > 0 ? (mean / Math.sqrt(variance)) * Math.sqrt(periodsPerYear) : 0,
    sortino: downside > 0 ? (mean / downside) * Math.sqrt(periodsPerYear) : 0,
    maxDrawdown,
    calmar: maxDrawdown < 0 ? cagr / Math.abs(maxDrawdown) : 0,
    totalReturn: final / initial - 1,
    cagr,
    pnl: final - initial,
    trades,
    winRate,
    profitFactor: trades > 0 ? 1 + (winRate - 0.5) * 2 : null,
    avgTradeReturn: trades > 0 ? (final / initial - 1) / trades : 0,
    exposure: 0.5,
    maxConsecutiveLosses: Math.min(trades, 3),
    finalEquity: final,
  };
}

/** `result.data` of a mock: says `source: 'mock'`, touched no data. */
function mockDataReport(input: { candles?: unknown; series?: unknown; exchange: string; timeframe: string }, symbol: string, bars: number) {
  return {
    source: 'mock',
    exchange: input.candles || input.series ? 'inline' : input.exchange,
    symbol,
    timeframe: input.timeframe,
    cachedBars: 0,
    fetchedBars: 0,
    bars,
    gaps: [],
    demo: false,
  };
}

function mockBars(input: { candles?: number[][]; start?: number; end?: number }, stepMs: number): { start: number; bars: number } {
  if (input.candles) return { start: input.candles[0]![0]!, bars: Math.min(input.candles.length, MAX_MOCK_BARS) };
  const bars = Math.max(2, Math.min(MAX_MOCK_BARS, Math.floor((input.end! - input.start!) / stepMs)));
  return { start: input.start!, bars };
}

export function mockRun(input: RunInput): RunResult {
  const stepMs = timeframeMs(input.timeframe);
  const { start, bars } = mockBars(input, stepMs);
  const seed = requestSeed({ ...input, candles: input.candles?.length });
  const series = mockSeries(seed, start, stepMs, bars, input.initialCapital);
  const rnd = mockRandom(seed ^ 0x9e3779b9);
  const tradeCount = Math.max(1, Math.floor(bars / 80));
  const trades: RunResult['trades'] = [];
  const span = Math.floor(bars / tradeCount);
  let wins = 0;
  for (let k = 0; k < tradeCount; k++) {
    const entry = k * span;
    const exit = Math.min(bars - 1, entry + Math.max(1, Math.floor(span * (0.3 + rnd() * 0.6))));
    const entryPrice = series.close[entry]!;
    const exitPrice = series.close[exit]!;
    const side = input.direction === 'short' ? 'short' : 'long';
    const qty = series.equity[entry]! / entryPrice;
    const gross = (side === 'long' ? exitPrice - entryPrice : entryPrice - exitPrice) * qty;
    const fees = (entryPrice + exitPrice) * qty * (input.feeBps / 10_000);
    const pnl = gross - fees;
    if (pnl > 0) wins++;
    trades.push({
      entryTime: series.openTime[entry]!,
      exitTime: series.openTime[exit]!,
      side,
      entryPrice,
      exitPrice,
      qty,
      fees,
      pnl,
      return: pnl / series.equity[entry]!,
      barsHeld: exit - entry,
      reason: k === tradeCount - 1 ? 'end' : rnd() < 0.3 ? 'stop' : 'signal',
    });
  }
  const metrics = mockMetrics(series.equity, tradeCount, (365 * 86_400_000) / stepMs, wins / tradeCount);
  let peak = -Infinity;
  const drawdown = series.equity.map((e, i): [number, number] => {
    peak = Math.max(peak, e);
    return [series.openTime[i]!, e / peak - 1];
  });
  const params: Record<string, number | string> = {
    ...defaultParams(input.strategy.name),
    ...input.strategy.params,
    ...(input.direction ? { direction: input.direction } : {}),
  };
  return {
    strategy: input.strategy.name,
    params,
    timeframe: input.timeframe,
    metrics,
    trades,
    equity: series.equity.map((e, i) => [series.openTime[i]!, e]),
    drawdown,
    ...(input.includeCandles
      ? {
          candles: {
            openTime: series.openTime,
            open: series.close.map((c, i) => (i === 0 ? c : series.close[i - 1]!)),
            high: series.close.map((c, i) => Math.max(c, i === 0 ? c : series.close[i - 1]!) * 1.002),
            low: series.close.map((c, i) => Math.min(c, i === 0 ? c : series.close[i - 1]!) * 0.998),
            close: series.close,
            volume: series.close.map(() => 1),
          },
        }
      : {}),
    data: mockDataReport(input, input.symbol ?? 'INLINE', bars),
  };
}

/** A mock search over the same space: every valid combination (grid) or the first `budget` of them, scored from a hash. */
export function mockOptimize(input: OptimizeInput): OptimizeResult {
  const strategy = getStrategy(input.strategy.name, 'strategy.name');
  const space = resolveSpace(strategy, input.grid, { ...input.strategy.params, ...(input.direction ? { direction: input.direction } : {}) }, 'grid');
  const valid = Array.from(space.validIndices());
  const budget = input.method === 'grid' ? valid.length : Math.min(valid.length, input.budget ?? defaultBudget(valid.length));
  const stepMs = timeframeMs(input.timeframe);
  const start = input.candles ? input.candles[0]![0]! : input.start!;
  const trials = valid.slice(0, budget).map((k, index) => {
    const params = space.params(k);
    const series = mockSeries(requestSeed({ params, symbol: input.symbol }), start, stepMs, 200, input.initialCapital);
    const metrics = mockMetrics(series.equity, 5 + (index % 7), (365 * 86_400_000) / stepMs, 0.5);
    const score = input.objective === 'profitFactor' ? (metrics.profitFactor ?? 0) : metrics[input.objective];
    return { index, params, metrics, score, timeMs: 0 };
  });
  const ranked = [...trials].sort((a, b) => b.score - a.score || a.index - b.index);
  const best = ranked[0]!;
  return {
    strategy: strategy.name,
    method: input.method,
    objective: input.objective,
    combinations: valid.length,
    skippedInvalid: space.size - valid.length,
    evaluated: trials.length,
    best: { params: best.params, metrics: best.metrics, score: best.score },
    leaderboard: ranked.slice(0, input.top).map((t, i) => ({ rank: i + 1, params: t.params, metrics: t.metrics, score: t.score, trial: t.index })),
    trials,
    space: space.names.map((name, i) => ({ name, values: [...space.values[i]!] })),
    elapsedMs: 0,
    data: mockDataReport(input, input.symbol ?? 'INLINE', 0),
  };
}

/** A mock walk-forward: a seeded train/test split (simple) or seeded folds with plausible statistics. */
export function mockWalkforward(input: WalkforwardInput, defaultThreshold: number): WalkforwardResult {
  const stepMs = timeframeMs(input.timeframe);
  const { start, bars } = mockBars(input, stepMs);
  const seed = requestSeed({ ...input, candles: input.candles?.length });
  const rnd = mockRandom(seed);
  const series = mockSeries(seed, start, stepMs, bars, input.initialCapital);
  const periods = (365 * 86_400_000) / stepMs;
  const threshold = input.config.threshold ?? defaultThreshold;
  const params = { ...defaultParams(input.strategy.name), ...input.strategy.params };
  const data = mockDataReport(input, input.symbol ?? 'INLINE', bars);
  const window = (from: number, to: number) => ({
    start: series.openTime[from]!,
    end: series.openTime[Math.max(from, to - 1)]! + stepMs,
    bars: to - from,
    metrics: mockMetrics(series.equity.slice(from, to), Math.max(1, Math.floor((to - from) / 80)), periods, 0.5),
  });
  if (input.config.folds === undefined) {
    const split = Math.floor(bars * input.config.trainRatio);
    const end = Math.min(bars, split + Math.floor(bars * input.config.testRatio));
    const train = window(0, split);
    const test = window(split, end);
    const ratio = train.metrics.sharpe > 0 ? test.metrics.sharpe / train.metrics.sharpe : null;
    const verdict = ratio === null ? 'inconclusive' : ratio < threshold ? 'overfit' : 'robust';
    return {
      kind: 'simple',
      strategy: input.strategy.name,
      params,
      train,
      test,
      trainSharpe: train.metrics.sharpe,
      testSharpe: test.metrics.sharpe,
      ratio,
      threshold,
      verdict,
      overfitting: verdict === 'overfit',
      equity: series.equity.map((e, i) => [series.openTime[i]!, e]),
      data,
    };
  }
  const folds = input.config.folds;
  const oosLen = Math.floor(bars / (folds + 3));
  const isLen = bars - folds * oosLen;
  const foldResults = Array.from({ length: folds }, (_, f) => {
    const oosStart = isLen + f * oosLen;
    const is = window(input.config.mode === 'rolling' ? oosStart - isLen : 0, oosStart);
    const oos = window(oosStart, oosStart + oosLen);
    return {
      fold: f + 1,
      inSample: { start: is.start, end: is.end, bars: is.bars },
      outOfSample: { start: oos.start, end: oos.end, bars: oos.bars },
      params,
      inSampleMetrics: is.metrics,
      outOfSampleMetrics: oos.metrics,
      inSampleScore: is.metrics.sharpe,
      outOfSampleScore: oos.metrics.sharpe,
      efficiency: is.metrics.totalReturn > 0 ? oos.metrics.totalReturn / is.metrics.totalReturn : null,
      evaluated: 9,
    };
  });
  const oosFrom = isLen;
  const oosEquity = series.equity.slice(oosFrom).map((e, i): [number, number] => [series.openTime[oosFrom + i]!, e]);
  const pbo = Math.round(rnd() * 100) / 100;
  const efficiencies = foldResults.map((f) => f.efficiency).filter((e): e is number => e !== null);
  const wfe = efficiencies.length ? efficiencies.reduce((a, b) => a + b, 0) / efficiencies.length : null;
  const verdict = wfe === null ? 'inconclusive' : wfe < threshold || pbo > 0.5 ? 'overfit' : 'robust';
  return {
    kind: 'folds',
    strategy: input.strategy.name,
    mode: input.config.mode,
    method: input.config.method,
    objective: input.config.objective,
    folds: foldResults,
    oos: { equity: oosEquity, metrics: mockMetrics(oosEquity.map(([, e]) => e), folds * 2, periods, 0.5), trades: [] },
    walkForwardEfficiency: wfe,
    oosPsr: Math.round(rnd() * 100) / 100,
    pbo: { pbo, combinations: 12_870, blocks: 16, candidates: 9, probabilityOfOosLoss: pbo / 2, degradationSlope: -0.5 },
    deflatedSharpe: { params, sharpe: 0.02, sharpeAnnualized: 1.2, observations: bars, skew: 0, kurtosis: 3, trials: 9, sharpeVariance: 0.0001, benchmarkSharpe: 0.01, psr: 0.9, dsr: 0.5 },
    monteCarlo: { samples: input.config.monteCarloSamples, trades: folds * 2, seed: input.config.seed, finalReturn: { p5: -0.1, p50: 0.05, p95: 0.2 }, maxDrawdown: { p5: -0.3, p50: -0.12, p95: -0.04 }, probabilityOfLoss: 0.3 },
    candidates: 9,
    trials: [],
    threshold,
    verdict,
    overfitting: verdict === 'overfit',
    verdictReasons: ['mock result: no statistics were computed'],
    data,
  };
}

/** A mock portfolio: one seeded curve per symbol around a shared factor, combined by weight. */
export function mockPortfolio(input: PortfolioInput): PortfolioResult {
  const symbols = input.series ? input.series.map((s) => s.symbol) : input.symbols!;
  const stepMs = timeframeMs(input.timeframe);
  const first = input.series ? { candles: input.series[0]!.candles } : {};
  const { start, bars } = mockBars(input.series ? first : { start: input.start!, end: input.end! }, stepMs);
  const weights = input.weights ?? symbols.map(() => 1 / symbols.length);
  const market = mockSeries(requestSeed({ market: symbols, start }), start, stepMs, bars, 1);
  const curves = symbols.map((symbol) => {
    const own = mockSeries(requestSeed({ symbol, start }), start, stepMs, bars, 1);
    return own.equity.map((e, i) => input.initialCapital * (0.6 * market.equity[i]! + 0.4 * e));
  });
  const periods = (365 * 86_400_000) / stepMs;
  const combined = market.openTime.map((_, i) => curves.reduce((a, c, k) => a + c[i]! * weights[k]!, 0));
  const returns = curves.map((c) => c.slice(1).map((e, i) => e / c[i]! - 1));
  const matrix = symbols.map((_, a) => symbols.map((__, b) => (a === b ? 1 : pearson(returns[a]!, returns[b]!))));
  let sum = 0;
  let pairs = 0;
  for (let a = 0; a < symbols.length; a++) for (let b = a + 1; b < symbols.length; b++) (sum += matrix[a]![b]!), pairs++;
  const perSymbol = symbols.map((symbol, k) => {
    const metrics = mockMetrics(curves[k]!, Math.max(1, Math.floor(bars / 80)), periods, 0.5);
    return { symbol, weight: weights[k]!, metrics, alignedSharpe: metrics.sharpe, trades: metrics.trades, equity: curves[k]!.map((e, i): [number, number] => [market.openTime[i]!, e]) };
  });
  const metrics = mockMetrics(combined, perSymbol.reduce((a, p) => a + p.trades, 0), periods, 0.5);
  const individualAvgSharpe = perSymbol.reduce((a, p) => a + p.alignedSharpe, 0) / perSymbol.length;
  let peak = -Infinity;
  const report = (symbol: string) => mockDataReport(input, symbol, bars);
  return {
    strategy: input.strategy.name,
    symbols,
    weights,
    params: { ...defaultParams(input.strategy.name), ...input.strategy.params },
    rebalance: input.rebalance,
    perSymbol,
    correlation: { symbols, matrix },
    avgCorrelation: pairs ? sum / pairs : 0,
    equity: combined.map((e, i) => [market.openTime[i]!, e]),
    drawdown: combined.map((e, i) => {
      peak = Math.max(peak, e);
      return [market.openTime[i]!, e / peak - 1];
    }),
    metrics,
    individualAvgSharpe,
    diversificationBenefit: metrics.sharpe - individualAvgSharpe,
    rebalances: input.rebalance === 'none' ? 0 : Math.floor(bars / (input.rebalance === 'daily' ? 24 : 168)),
    turnover: 0,
    totalCosts: 0,
    data: { ...report(symbols.join(',')), perSymbol: symbols.map(report) },
  };
}

export function createMockImplementation(): BacktestImplementation {
  return {
    kind: 'mock',
    async run(input) {
      return mockRun(input);
    },
    async optimize(input) {
      return mockOptimize(input);
    },
    async walkforward(input, { deps }) {
      return mockWalkforward(input, deps.config.wfoThreshold);
    },
    async portfolio(input) {
      return mockPortfolio(input);
    },
  };
}
