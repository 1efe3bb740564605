/**
 * The old executor's canary runbook payloads, accepted as they are, with the
 * exchange switched to the offline demo feed; each gives the expected kind of
 * result, in real and in mock mode.
 */
import { setFeatureFlag, type SparkDb } from '@spark/db';
import { createTestPglite } from '@spark/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderArtifact } from './services/artifacts';
import { callersFor, testDeps, testMarketData } from './test-support';

export const canaryPayloads = {
  run: { symbol: 'BTCUSDT', timeframe: '1h', start: '2024-01-01', end: '2024-01-15', exchange: 'binance', useCache: true },
  walkforward: {
    symbol: 'ETHUSDT',
    timeframe: '1h',
    start: '2024-01-01',
    end: '2024-03-01',
    exchange: 'binance',
    useCache: true,
    config: { trainRatio: 0.6, testRatio: 0.4 },
    strategy: { params: { emaFast: 20, emaSlow: 50, atr: 14 } },
  },
  portfolio: { symbols: ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'], timeframe: '1h', start: '2024-01-01', end: '2024-01-15', exchange: 'binance', useCache: true },
  optimize: {
    symbol: 'BTCUSDT',
    timeframe: '1h',
    start: '2024-01-01',
    end: '2024-02-01',
    exchange: 'binance',
    useCache: true,
    grid: { emaFast: [16, 20, 24], emaSlow: [45, 50, 55], atr: [12, 14] },
    objective: 'sharpe',
  },
} as const;

const offline = <T extends object>(payload: T) => ({ ...payload, exchange: 'demo' });

let handle: SparkDb;
let md: Awaited<ReturnType<typeof testMarketData>>;
let callers: Awaited<ReturnType<typeof callersFor>>;

beforeAll(async () => {
  handle = await createTestPglite();
  md = await testMarketData();
  callers = await callersFor(await testDeps(handle, { marketData: md.marketData }));
});
afterAll(async () => {
  await md.close();
  await handle.close();
});

describe.each(['real', 'mock'] as const)('canary payloads (%s)', (mode) => {
  beforeAll(async () => {
    for (const key of ['run', 'walkforward', 'portfolio', 'optimize'] as const) await setFeatureFlag(handle.db, key, mode, 'test');
  });

  it('run: 14 days of hourly demo candles give metrics, trades and a labelled source', async () => {
    const { mock, result } = await callers.viewer.backtest.run(offline(canaryPayloads.run) as never);
    expect(mock).toBe(mode === 'mock');
    expect(result.equity).toHaveLength(336);
    expect(result.metrics).toHaveProperty('maxDrawdown');
    if (mode === 'real') expect(result.data).toMatchObject({ source: 'demo', demo: true, bars: 336 });
    else expect(result.data.source).toBe('mock');
  });

  it('walkforward: train/test Sharpe, ratio and a verdict', async () => {
    const { result } = await callers.viewer.backtest.walkforward(offline(canaryPayloads.walkforward) as never);
    expect(result.kind).toBe('simple');
    if (result.kind !== 'simple') return;
    expect(result.train.bars + result.test.bars).toBeLessThanOrEqual(60 * 24);
    expect(result.threshold).toBe(0.6);
    expect(['overfit', 'robust', 'inconclusive']).toContain(result.verdict);
    if (result.trainSharpe > 0) expect(result.ratio).toBeCloseTo(result.testSharpe / result.trainSharpe, 10);
    else expect(result.ratio).toBeNull();
  });

  it('portfolio: a 3x3 symmetric correlation matrix with unit diagonal and the diversification benefit', async () => {
    const { result } = await callers.viewer.backtest.portfolio(offline(canaryPayloads.portfolio) as never);
    const m = result.correlation.matrix;
    expect(m).toHaveLength(3);
    for (let i = 0; i < 3; i++) {
      expect(m[i]![i]).toBe(1);
      for (let j = 0; j < 3; j++) expect(m[i]![j]).toBeCloseTo(m[j]![i]!, 12);
    }
    expect(result.diversificationBenefit).toBeCloseTo(result.metrics.sharpe - result.individualAvgSharpe, 10);
    expect(result.perSymbol.map((p) => p.symbol)).toEqual(['BTCUSDT', 'ETHUSDT', 'BNBUSDT']);
    for (const p of result.perSymbol) {
      expect(p.equity.map(([t]) => t)).toEqual(result.equity.map(([t]) => t));
      expect(p.equity[0]![1]).toBeCloseTo(100_000, 6);
    }
  });

  it('optimize: 18 combinations tested, best params and a top-5 leaderboard', async () => {
    const { result } = await callers.trader.backtest.optimize(offline(canaryPayloads.optimize) as never);
    expect(result.combinations).toBe(18);
    expect(result.evaluated).toBe(18);
    expect(result.leaderboard).toHaveLength(5);
    expect(result.leaderboard[0]!.params).toEqual(result.best.params);
    const scores = result.leaderboard.map((e) => e.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });
});

describe('optimizer methods and limits', () => {
  beforeAll(async () => setFeatureFlag(handle.db, 'optimize', 'real', 'test'));

  it('TPE searches the same grid within its budget', async () => {
    const { result } = await callers.trader.backtest.optimize({ ...offline(canaryPayloads.optimize), method: 'tpe', budget: 8, seed: 7 } as never);
    expect(result.method).toBe('tpe');
    expect(result.evaluated).toBeLessThanOrEqual(8);
  });

  it('refuses a grid past OPTIMIZER_MAX_COMBINATIONS before loading any data', async () => {
    const grid = { emaFast: Array.from({ length: 30 }, (_, i) => i + 2), emaSlow: Array.from({ length: 30 }, (_, i) => i + 100) };
    const before = (await md.service.stats()).counters.requests;
    await expect(callers.trader.backtest.optimize({ ...offline(canaryPayloads.optimize), grid } as never)).rejects.toThrow(
      /grid has 900 valid combinations \(0 invalid skipped\); the limit is 500/,
    );
    expect((await md.service.stats()).counters.requests).toBe(before);
  });

  it('runs a multi-fold walk-forward with PBO, deflated Sharpe and Monte Carlo percentiles', async () => {
    const { result, runId } = await callers.viewer.backtest.walkforward({
      ...offline(canaryPayloads.walkforward),
      config: { folds: 3, grid: { emaFast: [10, 20], emaSlow: [40, 60] }, monteCarloSamples: 200 },
    } as never);
    expect(result.kind).toBe('folds');
    if (result.kind !== 'folds') return;
    expect(result.folds).toHaveLength(3);
    expect(result.pbo.pbo).toBeGreaterThanOrEqual(0);
    expect(result.pbo.pbo).toBeLessThanOrEqual(1);
    expect(result.monteCarlo.finalReturn.p5).toBeLessThanOrEqual(result.monteCarlo.finalReturn.p95);
    expect(result.verdictReasons.length).toBeGreaterThan(0);
    const run = await callers.viewer.runs.byId({ id: runId });
    expect(run.artifacts).toEqual(['result.json', 'equity.csv', 'trades.csv', 'folds.csv', 'trials.csv']);
    const folds = renderArtifact({ id: run.id, status: run.status, result: run.result }, 'folds.csv')!.body.trim().split('\n');
    expect(folds[0]).toBe('fold,in_sample_start,in_sample_end,out_of_sample_start,out_of_sample_end,params,in_sample_sharpe,out_of_sample_sharpe,out_of_sample_return');
    expect(folds).toHaveLength(4);
    expect(folds[1]).toMatch(/^1,\d{4}-\d\d-\d\dT[^,]+,[^,]+,[^,]+,[^,]+,"\{.*\}",-?[\d.e-]+,-?[\d.e-]+,-?[\d.e-]+$/);
  });

  it('searches params that a fixed one would break with its defaults: rules apply per combination', async () => {
    const { result } = await callers.trader.backtest.optimize({
      ...offline(canaryPayloads.optimize),
      strategy: { name: 'emaCross', params: { emaFast: 60 } },
      grid: { emaSlow: [30, 70, 90] },
    } as never);
    expect(result.combinations).toBe(2);
    expect(result.skippedInvalid).toBe(1);
  });
});

describe('catalog', () => {
  it('lists the strategies with their parameter specs and the demo feed with its symbols', async () => {
    const { strategies, timeframes } = await callers.viewer.catalog.strategies();
    const ema = strategies.find((s) => s.name === 'emaCross')!;
    expect(ema.params.map((p) => [p.name, p.default])).toEqual(expect.arrayContaining([['emaFast', 20], ['emaSlow', 50], ['atr', 14], ['atrMult', 2]]));
    expect(strategies.length).toBeGreaterThanOrEqual(4);
    expect(timeframes).toEqual(['1m', '5m', '15m', '30m', '1h', '4h', '1d']);
    const { exchanges } = await callers.viewer.catalog.exchanges();
    expect(exchanges.find((e) => e.name === 'demo')?.symbols).toEqual(expect.arrayContaining(['BTCUSDT', 'ETHUSDT', 'BNBUSDT']));
  });
});
