import { describe, expect, test } from 'vitest';
import { MarketDataError } from './errors';
import { validateCandleRequest } from './request';

const ok = { exchange: 'binance', symbol: 'BTCUSDT', timeframe: '1h', start: Date.parse('2024-01-01T00:00:00Z'), end: Date.parse('2024-02-01T00:00:00Z') };

function rejection(input: unknown): MarketDataError {
  try {
    validateCandleRequest(input);
  } catch (error) {
    expect(error).toBeInstanceOf(MarketDataError);
    return error as MarketDataError;
  }
  throw new Error('expected a rejection');
}

describe('candle request validation', () => {
  test('normalises case and reports the bar length', () => {
    expect(validateCandleRequest({ ...ok, exchange: ' Binance ', symbol: 'btcusdt' })).toEqual({
      exchange: 'binance',
      symbol: 'BTCUSDT',
      timeframe: '1h',
      stepMs: 3_600_000,
      start: ok.start,
      end: ok.end,
      useCache: true,
    });
    expect(validateCandleRequest({ ...ok, useCache: false }).useCache).toBe(false);
  });

  test.each([
    [{ ...ok, symbol: 'BTC/USDT' }, 'symbol', /"BTC\/USDT" is not a valid symbol: use 1-20 characters/],
    [{ ...ok, symbol: 42 }, 'symbol', /must be a string such as "BTCUSDT"; got 42/],
    [{ ...ok, timeframe: '2h' }, 'timeframe', /"2h" is not a supported timeframe; use one of 1m, 5m, 15m, 30m, 1h, 4h, 1d/],
    [{ ...ok, start: 1.5 }, 'start', /must be a whole number of epoch milliseconds; got 1.5/],
    [{ ...ok, start: Number.NaN }, 'start', /must be a finite number of epoch milliseconds; got NaN/],
    [{ ...ok, end: ok.end * 1000 }, 'end', /outside 0\.\.4102444800000 .* check the unit/],
    [{ ...ok, end: ok.start }, 'end', /must be after start \(end is exclusive\)/],
    [{ ...ok, exchange: 'Bin ance' }, 'exchange', /is not a valid exchange name/],
    [{ ...ok, useCache: 'no' }, 'useCache', /must be true, false or absent; got "no"/],
    [null, 'request', /must be an object/],
  ])('rejects %j naming the field, value and rule', (input, field, message) => {
    const error = rejection(input);
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
  });
});
