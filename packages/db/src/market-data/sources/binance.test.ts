import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { generateDemoCandles } from '../demo/generator';
import { MarketDataError } from '../errors';
import { startFakeExchange, type FakeExchange } from '../testing/fake-exchange';
import { fixedClock, recordingSleep, testPolicy } from '../testing/helpers';
import { concatCandles, type Candles } from '../types';
import { BinanceClient } from './binance';
import type { HttpPolicy } from './http';
import type { SourceRange } from './source';

const HOUR = 3_600_000;
const FROM = Date.parse('2024-01-01T00:00:00Z');
/** 2,500 hourly bars: two full pages of 1000 and a short one of 500. */
const TO = FROM + 2_500 * HOUR;
const range: SourceRange = { symbol: 'BTCUSDT', timeframe: '1h', from: FROM, to: TO };

let exchange: FakeExchange;
let dataset: Candles;

beforeAll(async () => {
  exchange = await startFakeExchange();
  dataset = generateDemoCandles('BTCUSDT', '1h', FROM, TO);
  exchange.setSeries('BTCUSDT', '1h', dataset);
});

afterAll(async () => {
  await exchange.close();
});

beforeEach(() => {
  exchange.requests.length = 0;
  exchange.enqueueFaults();
  exchange.faultWhen(undefined);
  exchange.setUsedWeight(undefined);
});

async function collect(client: BinanceClient, r: SourceRange = range, signal?: AbortSignal) {
  const pages = [];
  for await (const page of client.fetchPages(r, signal ? { signal } : {})) pages.push(page);
  return pages;
}

async function failure(promise: Promise<unknown>): Promise<MarketDataError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MarketDataError);
    return error as MarketDataError;
  }
  throw new Error('expected a MarketDataError');
}

function client(policy: Partial<HttpPolicy> = {}, extra: { weightLimit?: number } = {}) {
  return new BinanceClient({ baseUrl: exchange.baseUrl, http: testPolicy(policy), ...extra });
}

describe('Binance klines client against a loopback exchange', () => {
  test('pages through 1000 klines per request, each page starting after the last bar of the previous', async () => {
    const pages = await collect(client());
    const calls = exchange.klineRequests();
    expect(calls.map((c) => Number(c.params.startTime))).toEqual([FROM, FROM + 1000 * HOUR, FROM + 2000 * HOUR]);
    expect(calls.every((c) => c.params.limit === '1000' && c.params.interval === '1h' && c.params.endTime === String(TO - 1))).toBe(true);
    expect(pages.map((p) => p.candles.openTime.length)).toEqual([1000, 1000, 500]);
    expect(pages.map((p) => p.span)).toEqual([
      { from: FROM, to: FROM + 1000 * HOUR },
      { from: FROM + 1000 * HOUR, to: FROM + 2000 * HOUR },
      { from: FROM + 2000 * HOUR, to: TO },
    ]);
    const all = concatCandles(pages.map((p) => p.candles));
    expect(all).toEqual(dataset);
  });

  test('waits for the next minute when X-MBX-USED-WEIGHT-1M says the budget is nearly spent', async () => {
    const now = Date.parse('2026-01-01T00:00:20Z');
    const rec = recordingSleep();
    exchange.setUsedWeight(5_900);
    await collect(client({ sleep: rec.sleep, clock: fixedClock(now) }));
    // 6000 * 0.9 = 5400 < 5900: before pages 2 and 3 the client waits out the rest of the minute.
    expect(rec.waits).toEqual([40_250, 40_250]);
  });

  test('does not pause while the used weight is well under the limit', async () => {
    const rec = recordingSleep();
    exchange.setUsedWeight(120);
    await collect(client({ sleep: rec.sleep }));
    expect(rec.waits).toEqual([]);
  });

  test('honours Retry-After on a 429 and then succeeds', async () => {
    const rec = recordingSleep();
    exchange.enqueueFaults({ kind: 'status', status: 429, retryAfter: '7' });
    const pages = await collect(client({ sleep: rec.sleep }));
    expect(rec.waits).toEqual([7_000]);
    expect(concatCandles(pages.map((p) => p.candles))).toEqual(dataset);
    expect(exchange.klineRequests()).toHaveLength(4);
  });

  test('fails at once, naming the ban, when a 418 asks for a longer wait than allowed', async () => {
    const rec = recordingSleep();
    exchange.enqueueFaults({ kind: 'status', status: 418, retryAfter: '7200' });
    const error = await failure(collect(client({ sleep: rec.sleep })));
    expect(error.code).toBe('UPSTREAM_RATE_LIMITED');
    expect(error.upstream).toBe('binance');
    expect(error.status).toBe(418);
    expect(error.message).toMatch(/binance asked to wait 7200 s .*HTTP 418: the IP is banned/);
    expect(rec.waits).toEqual([]);
  });

  test('retries a 500 with backoff and recovers', async () => {
    const rec = recordingSleep();
    exchange.enqueueFaults({ kind: 'status', status: 500, body: 'internal error' }, { kind: 'status', status: 503, body: '' });
    const pages = await collect(client({ sleep: rec.sleep, retryBaseDelayMs: 100, maxRetryDelayMs: 1_000 }));
    expect(concatCandles(pages.map((p) => p.candles))).toEqual(dataset);
    expect(rec.waits).toHaveLength(2);
    expect(rec.waits[0]).toBeGreaterThanOrEqual(50);
    expect(rec.waits[0]).toBeLessThanOrEqual(100);
    expect(rec.waits[1]).toBeGreaterThanOrEqual(100);
    expect(rec.waits[1]).toBeLessThanOrEqual(200);
  });

  test('gives up after the configured retries with an error naming binance and the last status', async () => {
    exchange.faultWhen(() => ({ kind: 'status', status: 502, body: '<html>bad gateway</html>' }));
    const error = await failure(collect(client({ retries: 2 })));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.status).toBe(502);
    expect(error.message).toMatch(/^binance failed klines BTCUSDT 1h from 2024-01-01T00:00:00Z after 3 attempts; last: HTTP 502 "<html>bad gateway<\/html>"/);
    expect(exchange.klineRequests()).toHaveLength(3);
  });

  test('times out a hung request and retries it', async () => {
    exchange.enqueueFaults({ kind: 'hang' });
    const pages = await collect(client({ timeoutMs: 150 }));
    expect(concatCandles(pages.map((p) => p.candles))).toEqual(dataset);
  });

  test('reports UPSTREAM_TIMEOUT when every attempt hangs, including a body that stops midway', async () => {
    exchange.enqueueFaults({ kind: 'hang' }, { kind: 'stall-body' });
    const error = await failure(collect(client({ timeoutMs: 150, retries: 1 })));
    expect(error.code).toBe('UPSTREAM_TIMEOUT');
    expect(error.message).toMatch(/binance did not answer klines BTCUSDT 1h .* after 2 attempts; last: no complete answer within 150 ms/);
  });

  test('turns a body that is not JSON into UPSTREAM_MALFORMED without retrying', async () => {
    exchange.enqueueFaults({ kind: 'malformed', body: '<!doctype html><title>maintenance</title>' });
    const error = await failure(collect(client()));
    expect(error.code).toBe('UPSTREAM_MALFORMED');
    expect(error.upstream).toBe('binance');
    expect(error.message).toMatch(/binance answered klines BTCUSDT 1h .* with HTTP 200 but a body that is not JSON: "<!doctype html>/);
    expect(exchange.klineRequests()).toHaveLength(1);
  });

  test.each([
    ['an object instead of an array', '{"rows":[]}', /expected a JSON array, got an object/],
    ['a short row', '[[1704067200000,"1","2"]]', /row 0 is not an array of at least 6 fields/],
    ['a non-numeric price', '[[1704067200000,"1","abc","0.5","1","1",0,"0",0,"0","0","0"]]', /row 0 \(2024-01-01T00:00:00Z\): high NaN is not a positive number/],
    ['a high below the low', '[[1704067200000,"1","0.4","0.5","1","1",0,"0",0,"0","0","0"]]', /prices are inconsistent \(open 1, high 0.4, low 0.5, close 1\)/],
    ['a bar off the hour', '[[1704067260000,"1","1","1","1","1",0,"0",0,"0","0","0"]]', /open time 2024-01-01T00:01:00Z is not on a 60-minute boundary/],
    ['a bar outside the asked window', '[[1703980800000,"1","1","1","1","1",0,"0",0,"0","0","0"]]', /is outside the asked window/],
  ])('rejects %s with a message naming the row', async (_what, body, message) => {
    exchange.enqueueFaults({ kind: 'malformed', body });
    const error = await failure(collect(client()));
    expect(error.code).toBe('UPSTREAM_MALFORMED');
    expect(error.message).toMatch(message);
  });

  test('maps code -1121 to UNKNOWN_SYMBOL on the symbol field', async () => {
    const error = await failure(collect(client(), { ...range, symbol: 'NOPEUSDT' }));
    expect(error.code).toBe('UNKNOWN_SYMBOL');
    expect(error.field).toBe('symbol');
    expect(error.message).toBe('symbol: binance does not list "NOPEUSDT" on spot (code -1121 "Invalid symbol.")');
  });

  test('reports a refused connection as UPSTREAM_UNAVAILABLE after retrying', async () => {
    const closed = await startFakeExchange();
    const url = closed.baseUrl;
    await closed.close();
    const c = new BinanceClient({ baseUrl: url, http: testPolicy({ retries: 1 }) });
    const error = await failure(collect(c));
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.message).toMatch(/binance failed klines BTCUSDT 1h .* after 2 attempts; last: network error: fetch failed \(.*ECONNREFUSED/);
  });

  test('passes other client errors on as UPSTREAM_REJECTED with Binance\'s code and message', async () => {
    exchange.enqueueFaults({ kind: 'status', status: 403, body: '{"code":-2015,"msg":"Forbidden by WAF."}' });
    const error = await failure(collect(client()));
    expect(error).toMatchObject({ code: 'UPSTREAM_REJECTED', upstream: 'binance', status: 403 });
    expect(error.message).toMatch(/binance refused klines BTCUSDT 1h from 2024-01-01T00:00:00Z with HTTP 403: code -2015 "Forbidden by WAF."/);
    expect(exchange.klineRequests()).toHaveLength(1);
  });

  test('stops with CANCELLED when the caller aborts during a hung request', async () => {
    exchange.enqueueFaults({ kind: 'hang' });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user navigated away')), 50);
    const error = await failure(collect(client({ timeoutMs: 5_000 }), range, controller.signal));
    expect(error.code).toBe('CANCELLED');
    expect(error.message).toMatch(/user navigated away/);
  });
});
