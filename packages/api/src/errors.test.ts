import { MarketDataError, marketDataErrorCodes } from '@spark/db/market-data';
import { EngineError, engineErrorCodes } from '@spark/engine';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { describe, expect, it } from 'vitest';
import { engineErrorTable, engineFailure, marketDataErrorTable, toApiError } from './errors';

describe('the error conversion table', () => {
  it.each(engineErrorCodes.map((c) => [c, engineErrorTable[c]]))('maps engine %s to %s and keeps the field', (code, trpcCode) => {
    const converted = toApiError(new EngineError(code, 'strategy.params.emaSlow', `strategy.params.emaSlow broke a rule (${code})`));
    expect(converted.code).toBe(trpcCode);
    expect(converted.appCode).toBe(code);
    expect(converted.field).toBe('strategy.params.emaSlow');
    expect(converted.message).toBe(`strategy.params.emaSlow broke a rule (${code})`);
    expect(getHTTPStatusCodeFromError(converted)).toBeLessThan(500);
  });

  it.each(marketDataErrorCodes.map((c) => [c, marketDataErrorTable[c]]))('maps market-data %s to %s and names the upstream', (code, trpcCode) => {
    const converted = toApiError(new MarketDataError(code, `binance answered badly (${code})`, { upstream: 'binance', field: 'symbol' }), { fieldPrefix: 'symbols[1]' });
    expect(converted.code).toBe(trpcCode);
    expect(converted.appCode).toBe(code);
    expect(converted.upstream).toBe('binance');
    expect(converted.field).toBe('symbols[1].symbol');
  });

  it('maps upstream failures to 5xx and caller mistakes to 4xx', () => {
    const status = (code: (typeof marketDataErrorCodes)[number]) => getHTTPStatusCodeFromError(toApiError(new MarketDataError(code, 'x')));
    expect(status('UPSTREAM_UNAVAILABLE')).toBe(502);
    expect(status('UPSTREAM_TIMEOUT')).toBe(504);
    expect(status('UPSTREAM_RATE_LIMITED')).toBe(503);
    expect(status('TOO_MANY_BARS')).toBe(400);
    expect(status('UNKNOWN_SYMBOL')).toBe(400);
  });

  it('unwraps a domain error that tRPC wrapped as its cause', () => {
    const wrapped = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new EngineError('INVALID_CANDLES', 'candles[3].low', 'candles[3].low is above high') });
    expect(toApiError(wrapped)).toMatchObject({ code: 'BAD_REQUEST', appCode: 'INVALID_CANDLES', field: 'candles[3].low' });
  });

  it('hides the details of an unknown error but keeps it as the cause for the log', () => {
    const secret = new Error('connection string postgres://user:pw@host leaked');
    const converted = toApiError(secret);
    expect(converted).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', appCode: 'INTERNAL' });
    expect(converted.message).not.toContain('postgres://');
    expect(converted.cause).toBe(secret);
  });

  it('reports an unexpected failure inside a computation as RUN_ENGINE_ERROR with what failed', () => {
    expect(engineFailure(new RangeError('offset out of bounds'))).toMatchObject({
      code: 'INTERNAL_SERVER_ERROR',
      appCode: 'RUN_ENGINE_ERROR',
      message: 'the backtest engine failed: offset out of bounds',
    });
  });
});
