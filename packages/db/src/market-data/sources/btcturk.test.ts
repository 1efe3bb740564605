import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { generateDemoCandles } from '../demo/generator';
import { MarketDataError } from '../errors';
import { startFakeExchange, type FakeExchange } from '../testing/fake-exchange';
import { testPolicy } from '../testing/helpers';
import { concatCandles } from '../types';
import { BtcturkClient } from './btcturk';

const MIN5 = 300_000;
const FROM = Date.parse('2025-03-01T00:00:00Z');
const TO = FROM + 2_300 * MIN5;

let exchange: FakeExchange;

beforeAll(async () => {
  exchange = await startFakeExchange();
});
afterAll(async () => {
  await exchange.close();
});
beforeEach(() => {
  exchange.requests.length = 0;
  exchange.faultWhen(undefined);
});

async function collect(symbol = 'BTCUSDT') {
  const client = new BtcturkClient({ baseUrl: exchange.baseUrl, http: testPolicy() });
  const pages = [];
  for await (const p of client.fetchPages({ symbol, timeframe: '5m', from: FROM, to: TO })) pages.push(p);
  return pages;
}

describe('BTCTurk klines client against a loopback exchange', () => {
  test('asks for windows of 1000 bars in epoch seconds with minute resolutions and rebuilds the series', async () => {
    const data = generateDemoCandles('ETHUSDT', '5m', FROM, TO);
    exchange.setSeries('BTCUSDT', '5m', data);
    const pages = await collect();
    const calls = exchange.requests.map((r) => r.params);
    expect(calls.map((c) => [c.resolution, Number(c.from), Number(c.to)])).toEqual([
      ['5', FROM / 1000, (FROM + 1000 * MIN5) / 1000 - 1],
      ['5', (FROM + 1000 * MIN5) / 1000, (FROM + 2000 * MIN5) / 1000 - 1],
      ['5', (FROM + 2000 * MIN5) / 1000, TO / 1000 - 1],
    ]);
    expect(concatCandles(pages.map((p) => p.candles))).toEqual(data);
    expect(pages.at(-1)!.span).toEqual({ from: FROM + 2000 * MIN5, to: TO });
  });

  test('treats {"s":"no_data"} as a window without bars', async () => {
    const pages = await collect('NOPETRY');
    expect(pages.every((p) => p.candles.openTime.length === 0)).toBe(true);
  });

  test('rejects parallel arrays of different lengths as malformed, naming btcturk', async () => {
    exchange.faultWhen(() => ({ kind: 'malformed', body: JSON.stringify({ s: 'ok', t: [FROM / 1000], o: [1], h: [1], l: [1], c: [1], v: [] }) }));
    await expect(collect()).rejects.toMatchObject({
      code: 'UPSTREAM_MALFORMED',
      upstream: 'btcturk',
      message: expect.stringMatching(/btcturk returned a malformed kline page .*field v is not an array of 1 values/),
    });
  });

  test('maps an error status naming the pair to UNKNOWN_SYMBOL', async () => {
    exchange.faultWhen(() => ({ kind: 'malformed', body: JSON.stringify({ s: 'error', errmsg: 'Invalid pair symbol' }) }));
    const error = await collect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MarketDataError);
    expect(error).toMatchObject({ code: 'UNKNOWN_SYMBOL', field: 'symbol', upstream: 'btcturk' });
  });
});
