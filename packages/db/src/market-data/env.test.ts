import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readMarketDataEnv } from '../env';

describe('market-data environment', () => {
  test('defaults to the public APIs and a cache file in the data folder', () => {
    expect(readMarketDataEnv({ SPARK_DATA_DIR: '/srv/spark' })).toEqual({
      candleCachePath: join('/srv/spark', 'candles.duckdb'),
      binanceBaseUrl: 'https://api.binance.com',
      btcturkBaseUrl: 'https://graph-api.btcturk.com',
      maxBars: 500_000,
      requestTimeoutMs: 15_000,
      retries: 3,
    });
  });

  test('reads every variable, trimming a trailing slash from URLs', () => {
    expect(
      readMarketDataEnv({
        CANDLE_CACHE_PATH: '/tmp/x/candles.duckdb',
        BINANCE_BASE_URL: 'http://127.0.0.1:9000/',
        BTCTURK_BASE_URL: 'http://127.0.0.1:9001',
        MARKET_DATA_MAX_BARS: '1000',
        MARKET_DATA_TIMEOUT_MS: '2500',
        MARKET_DATA_RETRIES: '0',
      }),
    ).toEqual({
      candleCachePath: '/tmp/x/candles.duckdb',
      binanceBaseUrl: 'http://127.0.0.1:9000',
      btcturkBaseUrl: 'http://127.0.0.1:9001',
      maxBars: 1000,
      requestTimeoutMs: 2500,
      retries: 0,
    });
  });

  test.each([
    [{ BINANCE_BASE_URL: 'ftp://example.com' }, 'invalid environment: BINANCE_BASE_URL: BINANCE_BASE_URL must be an http:// or https:// URL'],
    [{ MARKET_DATA_MAX_BARS: '5e5' }, 'invalid environment: MARKET_DATA_MAX_BARS: MARKET_DATA_MAX_BARS must be a whole number from 1 to 50000000; got "5e5"'],
    [{ MARKET_DATA_RETRIES: '11' }, 'invalid environment: MARKET_DATA_RETRIES: MARKET_DATA_RETRIES must be a whole number from 0 to 10; got "11"'],
    [{ MARKET_DATA_TIMEOUT_MS: '10' }, 'invalid environment: MARKET_DATA_TIMEOUT_MS: MARKET_DATA_TIMEOUT_MS must be a whole number from 100 to 600000; got "10"'],
  ])('rejects %j with the variable, the value and the rule', (env, message) => {
    expect(() => readMarketDataEnv(env)).toThrow(message);
  });
});
