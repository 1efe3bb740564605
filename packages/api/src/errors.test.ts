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

describe('errors from a second copy of the modules (Next.js loads them twice: instrumentation and routes)', () => {
  // Classes of the same name but another identity, as the other module copy would throw them.
  class ForeignEngineError extends Error {
    override name = 'EngineError';
    constructor(
      readonly code: string,
      readonly field: string,
      message: string,
    ) {
      super(message);
    }
  }
  class ForeignMarketDataError extends Error {
    override name = 'MarketDataError';
    constructor(
      readonly code: string,
      message: string,
      readonly field?: string,
    ) {
      super(message);
    }
  }

  it('still maps engine and market-data errors by their code, with the field', () => {
    expect(toApiError(new ForeignEngineError('INSUFFICIENT_DATA', 'end', 'end: 12 bars are too few'))).toMatchObject({
      code: 'BAD_REQUEST',
      appCode: 'INSUFFICIENT_DATA',
      field: 'end',
    });
    const wrapped = new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new ForeignMarketDataError('UNKNOWN_SYMBOL', 'demo has no symbol ZZZUSDT', 'symbol') });
    expect(toApiError(wrapped)).toMatchObject({ code: 'BAD_REQUEST', appCode: 'UNKNOWN_SYMBOL', field: 'symbol' });
    expect(engineFailure(new ForeignEngineError('INVALID_PARAMS', 'strategy.params.atr', 'bad atr'))).toMatchObject({ appCode: 'INVALID_PARAMS' });
  });

  it("rebuilds the other copy's ApiError as this copy's, keeping code, appCode and retry time", () => {
    const foreign = Object.assign(new Error('queue full (20/20)'), {
      name: 'TRPCError',
      code: 'SERVICE_UNAVAILABLE',
      appCode: 'QUEUE_FULL',
      retryAfterSeconds: 5,
      [Symbol.for('spark.api.ApiError')]: true,
    });
    const local = toApiError(foreign);
    expect(local).toBeInstanceOf(TRPCError);
    expect(local).toMatchObject({ code: 'SERVICE_UNAVAILABLE', appCode: 'QUEUE_FULL', message: 'queue full (20/20)', retryAfterSeconds: 5 });
  });

  it('does not take an unrelated error with a similar shape for a domain error', () => {
    expect(toApiError(Object.assign(new Error('x'), { name: 'EngineError', code: 'MADE_UP', field: 'f' })).appCode).toBe('INTERNAL');
  });
});
