import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { generateDemoCandles } from './demo/generator';
import { MarketDataError } from './errors';
import { windowCandles } from './merge';
import { createMarketData, type MarketDataOptions, type MarketDataService } from './service';
import { startFakeExchange, type FakeExchange } from './testing/fake-exchange';
import { fixedClock, recordingSleep, tempDir, withoutBars } from './testing/helpers';
import type { Candles } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const t = (iso: string) => Date.parse(iso);
const NOW = t('2024-05-01T10:30:00Z');
/** Bar of 2024-03-01 05:00 is missing, as after an exchange halt. */
const HALT = t('2024-03-01T05:00:00Z');

let exchange: FakeExchange;
/** Hourly BTCUSDT up to and including the bar forming at NOW. */
let btc: Candles;

beforeAll(async () => {
  exchange = await startFakeExchange();
  btc = withoutBars(generateDemoCandles('BTCUSDT', '1h', t('2023-06-01T00:00:00Z'), t('2024-05-01T11:00:00Z')), [HALT]);
  exchange.setSeries('BTCUSDT', '1h', btc);
  exchange.setSeries('ETHUSDT', '1h', generateDemoCandles('ETHUSDT', '1h', t('2023-06-01T00:00:00Z'), t('2024-05-01T11:00:00Z')));
  exchange.setSeries('BNBUSDT', '4h', generateDemoCandles('BNBUSDT', '4h', t('2023-06-01T00:00:00Z'), t('2024-05-01T12:00:00Z')));
});

afterAll(async () => {
  await exchange.close();
});

let dir: { dir: string; cleanup: () => void };
let md: MarketDataService;
let clock: ReturnType<typeof fixedClock>;

function open(options: Partial<MarketDataOptions> = {}): MarketDataService {
  return createMarketData({
    cachePath: join(dir.dir, 'candles.duckdb'),
    binanceBaseUrl: exchange.baseUrl,
    btcturkBaseUrl: exchange.baseUrl,
    clock,
    sleep: recordingSleep().sleep,
    retries: 1,
    retryBaseDelayMs: 1,
    timeoutMs: 2_000,
    ...options,
  });
}

beforeEach(() => {
  dir = tempDir();
  clock = fixedClock(NOW);
  md = open();
  exchange.requests.length = 0;
  exchange.faultWhen(undefined);
});

afterEach(async () => {
  await md.close();
  dir.cleanup();
});

const req = (start: string, end: string, extra: Record<string, unknown> = {}) => ({
  exchange: 'binance',
  symbol: 'BTCUSDT',
  timeframe: '1h' as const,
  start: t(start),
  end: t(end),
  ...extra,
});

function expected(from: string, to: string): Candles {
  return windowCandles(btc, t(from), t(to));
}

async function rejection(promise: Promise<unknown>): Promise<MarketDataError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MarketDataError);
    return error as MarketDataError;
  }
  throw new Error('expected a MarketDataError');
}

describe('loadOrFetch over a DuckDB file and a loopback Binance', () => {
  test('a cold load fetches from the exchange; the warm load serves the same bars without touching the network', async () => {
    const cold = await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'));
    expect(cold.report).toMatchObject({ source: 'binance', bars: 744, fetchedBars: 744, cachedBars: 0, upstreamRequests: 1, gaps: [], demo: false });
    expect(cold.candles).toEqual(expected('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'));
    const requestsAfterCold = exchange.requests.length;

    const warm = await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'));
    expect(exchange.requests.length).toBe(requestsAfterCold);
    expect(warm.report).toMatchObject({ source: 'cache', bars: 744, fetchedBars: 0, cachedBars: 744, upstreamRequests: 0 });
    expect(warm.candles).toEqual(cold.candles);
  });

  test('the cache survives closing and reopening the file', async () => {
    await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-08T00:00:00Z'));
    await md.close();
    md = open();
    exchange.requests.length = 0;
    const again = await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-08T00:00:00Z'));
    expect(exchange.requests).toHaveLength(0);
    expect(again.report.source).toBe('cache');
    expect(again.candles).toEqual(expected('2024-01-01T00:00:00Z', '2024-01-08T00:00:00Z'));
  });

  test('a partially cached range fetches only the missing part', async () => {
    await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-02-01T00:00:00Z'));
    exchange.requests.length = 0;
    const r = await md.loadOrFetch(req('2023-12-25T00:00:00Z', '2024-02-15T00:00:00Z'));
    const asked = exchange.klineRequests().map((q) => [Number(q.params.startTime), Number(q.params.endTime) + 1]);
    expect(asked).toEqual([
      [t('2023-12-25T00:00:00Z'), t('2024-01-01T00:00:00Z')],
      [t('2024-02-01T00:00:00Z'), t('2024-02-15T00:00:00Z')],
    ]);
    expect(r.report).toMatchObject({ source: 'mixed', cachedBars: 744, fetchedBars: 7 * 24 + 14 * 24 });
    expect(r.candles).toEqual(expected('2023-12-25T00:00:00Z', '2024-02-15T00:00:00Z'));
  });

  test('an exchange gap is reported, not filled, and is not refetched on the next load', async () => {
    const first = await md.loadOrFetch(req('2024-03-01T00:00:00Z', '2024-03-02T00:00:00Z'));
    const gap = { from: HALT, to: HALT + HOUR, missingBars: 1 };
    expect(first.report.gaps).toEqual([gap]);
    expect(first.report.bars).toBe(23);
    expect(Array.from(first.candles.openTime)).not.toContain(HALT);
    exchange.requests.length = 0;
    const second = await md.loadOrFetch(req('2024-03-01T00:00:00Z', '2024-03-02T00:00:00Z'));
    expect(exchange.requests).toHaveLength(0);
    expect(second.report).toMatchObject({ source: 'cache', gaps: [gap] });
  });

  test('the bar still forming is served but never cached; once closed it is stored with its final values', async () => {
    const forming = t('2024-05-01T10:00:00Z');
    const r = await md.loadOrFetch(req('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z'));
    expect(r.report).toMatchObject({ bars: 11, lastBarForming: true, to: forming + HOUR });
    expect(r.candles.openTime.at(-1)).toBe(forming);
    let stats = await md.stats();
    expect(stats.series.find((s) => s.symbol === 'BTCUSDT')).toMatchObject({ rows: 10, lastOpenTime: forming - HOUR });

    exchange.requests.length = 0;
    await md.loadOrFetch(req('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z'));
    expect(exchange.klineRequests().map((q) => Number(q.params.startTime))).toEqual([forming]);

    // Two hours later the 10:00 bar has closed with different values than it showed while forming.
    const closedBar = { ...btc };
    const final = generateDemoCandles('ETHUSDT', '1h', t('2024-05-01T10:00:00Z'), t('2024-05-01T13:00:00Z'));
    const extended = withoutBars(generateDemoCandles('BTCUSDT', '1h', t('2023-06-01T00:00:00Z'), t('2024-05-01T10:00:00Z')), [HALT]);
    const next: Candles = {
      openTime: Float64Array.from([...extended.openTime, ...final.openTime]),
      open: Float64Array.from([...extended.open, ...final.open]),
      high: Float64Array.from([...extended.high, ...final.high]),
      low: Float64Array.from([...extended.low, ...final.low]),
      close: Float64Array.from([...extended.close, ...final.close]),
      volume: Float64Array.from([...extended.volume, ...final.volume]),
    };
    exchange.setSeries('BTCUSDT', '1h', next);
    clock.set(t('2024-05-01T12:30:00Z'));
    try {
      const later = await md.loadOrFetch(req('2024-05-01T00:00:00Z', '2024-05-02T00:00:00Z'));
      expect(later.report).toMatchObject({ bars: 13, lastBarForming: true });
      stats = await md.stats();
      expect(stats.series.find((s) => s.symbol === 'BTCUSDT')).toMatchObject({ rows: 12 });
      clock.set(t('2024-05-01T13:30:00Z'));
      const cachedOnly = await md.loadOrFetch(req('2024-05-01T10:00:00Z', '2024-05-01T12:00:00Z'));
      expect(cachedOnly.report.source).toBe('cache');
      expect(Array.from(cachedOnly.candles.close)).toEqual(Array.from(final.close.subarray(0, 2)));
    } finally {
      exchange.setSeries('BTCUSDT', '1h', closedBar);
    }
  });

  test('a failed fetch leaves no trace of the failing page: what was fully fetched is kept, and the retry fetches only the rest', async () => {
    const from = t('2024-01-01T00:00:00Z');
    exchange.faultWhen((q) =>
      q.path === '/api/v3/klines' && Number(q.params.startTime) === from + 1000 * HOUR
        ? { kind: 'malformed', body: '[[1707206400000,"1","0.5","2","1","1",0,"0",0,"0","0","0"]]' }
        : undefined,
    );
    const error = await rejection(md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-03-01T00:00:00Z')));
    expect(error.code).toBe('UPSTREAM_MALFORMED');
    let stats = await md.stats();
    expect(stats.series).toEqual([expect.objectContaining({ symbol: 'BTCUSDT', rows: 1000, coveredSpans: 1, lastOpenTime: from + 999 * HOUR })]);

    exchange.faultWhen(undefined);
    exchange.requests.length = 0;
    const ok = await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-03-01T00:00:00Z'));
    expect(exchange.klineRequests().map((q) => Number(q.params.startTime))).toEqual([from + 1000 * HOUR]);
    expect(ok.report).toMatchObject({ source: 'mixed', cachedBars: 1000, fetchedBars: 440 });
    expect(ok.candles).toEqual(expected('2024-01-01T00:00:00Z', '2024-03-01T00:00:00Z'));
    stats = await md.stats();
    expect(stats.series[0]).toMatchObject({ rows: 1440, coveredSpans: 1 });
  });

  test('an exchange that keeps failing leaves the cache empty and the error names binance', async () => {
    exchange.faultWhen(() => ({ kind: 'status', status: 500, body: '{"code":-1000,"msg":"An unknown error occurred"}' }));
    const error = await rejection(md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z')));
    expect(error).toMatchObject({ code: 'UPSTREAM_UNAVAILABLE', upstream: 'binance', status: 500 });
    const stats = await md.stats();
    expect(stats.totalRows).toBe(0);
    expect(stats.series.every((s) => s.coveredSpans === 0)).toBe(true);
  });

  test('a range over the bar limit is rejected before any request', async () => {
    await md.close();
    md = open({ maxBars: 100 });
    const error = await rejection(md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-10T00:00:00Z')));
    expect(error.code).toBe('TOO_MANY_BARS');
    expect(error.field).toBe('end');
    expect(error.message).toBe(
      'end: 2024-01-01T00:00:00Z to 2024-01-10T00:00:00Z spans 216 1h bars; the limit is 100 per request. Narrow the range or use a longer timeframe',
    );
    expect(exchange.requests).toHaveLength(0);
  });

  test('two concurrent requests for the same missing range fetch it once', async () => {
    const [a, b] = await Promise.all([
      md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-03-01T00:00:00Z')),
      md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-03-01T00:00:00Z')),
    ]);
    expect(exchange.klineRequests()).toHaveLength(2);
    expect(a.candles).toEqual(b.candles);
    expect([a.report.source, b.report.source].sort()).toEqual(['binance', 'cache']);
  });

  test('many concurrent loads across series never surface a DuckDB write conflict', async () => {
    const loads = [];
    for (let week = 0; week < 6; week++) {
      const start = t('2024-01-01T00:00:00Z') + week * 7 * DAY;
      for (const [symbol, timeframe] of [['BTCUSDT', '1h'], ['ETHUSDT', '1h'], ['BNBUSDT', '4h']] as const) {
        loads.push(md.loadOrFetch({ exchange: 'binance', symbol, timeframe, start, end: start + 10 * DAY }));
      }
    }
    const results = await Promise.all(loads);
    expect(results.every((r) => r.report.bars > 0)).toBe(true);
    const stats = await md.stats();
    expect(stats.series.map((s) => [s.symbol, s.timeframe, s.rows])).toEqual([
      ['BNBUSDT', '4h', (7 * 5 + 10) * 6],
      ['BTCUSDT', '1h', (7 * 5 + 10) * 24],
      ['ETHUSDT', '1h', (7 * 5 + 10) * 24],
    ]);
  });

  test('useCache: false refetches the whole range and rewrites it without duplicating rows', async () => {
    await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z'));
    exchange.requests.length = 0;
    const r = await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z', { useCache: false }));
    expect(exchange.klineRequests()).toHaveLength(1);
    expect(r.report).toMatchObject({ source: 'binance', cachedBars: 0, fetchedBars: 48 });
    expect((await md.stats()).totalRows).toBe(48);
  });

  test('useCache: false still validates the request before any network call', async () => {
    const error = await rejection(md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z', { useCache: false, symbol: 'BTC USDT' })));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'symbol' });
    expect(exchange.requests).toHaveLength(0);
  });

  test('an unknown exchange names the known ones; an unknown Binance symbol caches nothing', async () => {
    const unknown = await rejection(md.loadOrFetch({ ...req('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'), exchange: 'kraken' }));
    expect(unknown).toMatchObject({ code: 'UNKNOWN_EXCHANGE', field: 'exchange' });
    expect(unknown.message).toBe('exchange: no source or import is called "kraken"; known: binance, btcturk, demo');
    const symbol = await rejection(md.loadOrFetch({ ...req('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'), symbol: 'NOPEUSDT' }));
    expect(symbol).toMatchObject({ code: 'UNKNOWN_SYMBOL', field: 'symbol', upstream: 'binance' });
    expect((await md.stats()).series).toEqual([]);
  });

  test('a start after the bar forming now is rejected', async () => {
    const error = await rejection(md.loadOrFetch(req('2024-05-02T00:00:00Z', '2024-05-03T00:00:00Z')));
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', field: 'start' });
    expect(error.message).toMatch(/after the bar forming now \(2024-05-01T10:00:00Z\)/);
  });

  test('BTCTurk ranges go through the same cache', async () => {
    exchange.setSeries('BTCTRY', '1h', generateDemoCandles('BTCUSDT', '1h', t('2024-01-01T00:00:00Z'), t('2024-02-01T00:00:00Z')));
    const cold = await md.loadOrFetch({ ...req('2024-01-10T00:00:00Z', '2024-01-20T00:00:00Z'), exchange: 'btcturk', symbol: 'BTCTRY' });
    const warm = await md.loadOrFetch({ ...req('2024-01-10T00:00:00Z', '2024-01-20T00:00:00Z'), exchange: 'btcturk', symbol: 'BTCTRY' });
    expect(cold.report).toMatchObject({ source: 'btcturk', bars: 240 });
    expect(warm.report).toMatchObject({ source: 'cache', bars: 240 });
    expect(warm.candles).toEqual(cold.candles);
  });
});

describe('the demo feed through the service', () => {
  test('serves labelled synthetic candles offline, closed bars only', async () => {
    const r = await md.loadOrFetch({ exchange: 'demo', symbol: 'ethusdt', timeframe: '1h', start: t('2024-04-30T00:00:00Z'), end: t('2024-05-02T00:00:00Z') });
    expect(r.report).toMatchObject({ source: 'demo', demo: true, bars: 34, to: t('2024-05-01T10:00:00Z'), lastBarForming: false });
    expect(r.report.warnings).toContain('demo data: synthetic candles from a seeded generator, not market prices');
    expect(exchange.requests).toHaveLength(0);
    expect(r.candles).toEqual(generateDemoCandles('ETHUSDT', '1h', t('2024-04-30T00:00:00Z'), t('2024-05-01T10:00:00Z')));
  });

  test('names the symbols it offers when asked for another', async () => {
    const error = await rejection(md.loadOrFetch({ exchange: 'demo', symbol: 'DOGEUSDT', timeframe: '1h', start: t('2024-01-01T00:00:00Z'), end: t('2024-01-02T00:00:00Z') }));
    expect(error).toMatchObject({ code: 'UNKNOWN_SYMBOL', field: 'symbol' });
    expect(error.message).toBe('symbol: the demo feed has no "DOGEUSDT"; it offers BTCUSDT, ETHUSDT, BNBUSDT, SOLUSDT, XRPUSDT, ADAUSDT');
  });

  test('reports the time before a listing as a gap', async () => {
    const r = await md.loadOrFetch({ exchange: 'demo', symbol: 'SOLUSDT', timeframe: '1d', start: t('2020-08-01T00:00:00Z'), end: t('2020-08-21T00:00:00Z') });
    expect(r.report.gaps).toEqual([{ from: t('2020-08-01T00:00:00Z'), to: t('2020-08-11T00:00:00Z'), missingBars: 10 }]);
    expect(r.report.bars).toBe(10);
  });
});

describe('cache statistics and cleanup', () => {
  test('counts hits and misses and sizes the file', async () => {
    await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'));
    await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'));
    await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z'));
    const stats = await md.stats();
    expect(stats.counters).toMatchObject({ requests: 3, hits: 1, misses: 1, partialHits: 1, fetchedBars: 48, cachedBars: 48 });
    expect(stats.persistent).toBe(true);
    expect(stats.sizeBytes).toBeGreaterThan(0);
    expect(stats.totalRows).toBe(48);
  });

  test('deletes by symbol, or bars older than a date, and refuses an empty filter', async () => {
    await md.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z'));
    await md.loadOrFetch({ ...req('2024-01-01T00:00:00Z', '2024-01-03T00:00:00Z'), symbol: 'ETHUSDT' });
    const older = await md.cleanup({ exchange: 'binance', olderThan: t('2024-01-02T00:00:00Z') });
    expect(older).toMatchObject({ deletedRows: 48, deletedSeries: 0 });
    exchange.requests.length = 0;
    const reload = await md.loadOrFetch(req('2024-01-01T12:00:00Z', '2024-01-03T00:00:00Z'));
    expect(exchange.klineRequests().map((q) => [Number(q.params.startTime), Number(q.params.endTime) + 1])).toEqual([
      [t('2024-01-01T12:00:00Z'), t('2024-01-02T00:00:00Z')],
    ]);
    expect(reload.report.source).toBe('mixed');

    const bySymbol = await md.cleanup({ symbol: 'ethusdt' });
    expect(bySymbol).toMatchObject({ deletedRows: 24, deletedSeries: 1 });
    expect((await md.stats()).series.map((s) => s.symbol)).toEqual(['BTCUSDT']);

    await expect(md.cleanup({})).rejects.toMatchObject({ code: 'INVALID_REQUEST', field: 'filter' });
    await expect(md.cleanup({ timeframe: '2h' as never })).rejects.toMatchObject({ code: 'INVALID_REQUEST', field: 'timeframe' });
    const all = await md.cleanup({ all: true });
    expect(all.deletedSeries).toBe(1);
    expect((await md.stats()).totalRows).toBe(0);
  });
});

describe('the demo feed without a usable cache', () => {
  test('still serves demo candles when the cache file cannot be opened', async () => {
    // The cache's folder would have to be created inside a regular file: impossible.
    const blocker = join(dir.dir, 'not-a-folder');
    writeFileSync(blocker, 'x');
    const broken = createMarketData({ cachePath: join(blocker, 'candles.duckdb'), clock: fixedClock(NOW) });
    try {
      const r = await broken.loadOrFetch({ exchange: 'demo', symbol: 'BTCUSDT', timeframe: '1d', start: t('2024-01-01T00:00:00Z'), end: t('2024-01-10T00:00:00Z') });
      expect(r.report).toMatchObject({ source: 'demo', bars: 9 });
      await expect(broken.loadOrFetch(req('2024-01-01T00:00:00Z', '2024-01-02T00:00:00Z'))).rejects.toMatchObject({
        code: 'CACHE_ERROR',
        message: expect.stringMatching(/^candle cache: opening .*not-a-folder\/candles\.duckdb failed: EEXIST: file already exists, mkdir /),
      });
    } finally {
      await broken.close();
    }
  });
});
