import { runInput, walkforwardInput } from '@spark/api/schemas';
import { describe, expect, it } from 'vitest';
import { describeApiError, errorAt, formatPath, issuesToErrors, parsePath, sameValueAt, unclaimedErrors, withoutFieldPrefix } from './field-errors';
import { validateRequest } from './validate';

const base = { exchange: 'demo', symbol: 'BTCUSDT', timeframe: '1h', start: '2024-01-01', end: '2024-03-01' };

describe('client-side validation with the API schemas', () => {
  it('keys errors by the same paths the API reports', () => {
    expect(formatPath(['symbols', 2])).toBe('symbols[2]');
    expect(formatPath(['strategy', 'params', 'emaSlow'])).toBe('strategy.params.emaSlow');
    expect(formatPath([])).toBe('(input)');
  });

  it('names each bad field with its rule', () => {
    const errors = validateRequest(runInput, { ...base, symbol: 'btc usdt', timeframe: '2h', end: '2023-01-01', feeBps: -1 });
    expect(errors.symbol).toBe('must be 2-20 upper-case letters or digits, e.g. BTCUSDT');
    expect(errors.timeframe).toMatch(/^must be one of 1m, 5m, 15m, 30m, 1h, 4h, 1d/);
    expect(errors.feeBps).toBe('must be >= 0');
  });

  it('puts the date-range rule on the end date', () => {
    expect(validateRequest(runInput, { ...base, end: '2023-12-01' }).end).toMatch(/^must be after start/);
    expect(validateRequest(runInput, { ...base, end: '2027-01-01' }).end).toBe('the range from start to end must be at most 2 years');
  });

  it('says "is required" for an empty number field and quotes text that is not a number', () => {
    const request = { ...base, initialCapital: '', config: { trainRatio: 'abc' } };
    const parsed = walkforwardInput.safeParse(request);
    expect(parsed.success).toBe(false);
    const errors = issuesToErrors(parsed.error!.issues, request);
    expect(errors.initialCapital).toBe('is required');
    expect(errors['config.trainRatio']).toBe('must be a number; got "abc"');
  });

  it('shows a nested error under its field, and leaves the rest to the summary', () => {
    const errors = { 'grid.emaFast[3]': 'repeats the value 20', 'strategy.params.foo': 'is not a parameter of emaCross', symbol: 'bad' };
    expect(errorAt(errors, 'grid.emaFast')).toBe('[3]: repeats the value 20');
    expect(errorAt(errors, 'symbol')).toBe('bad');
    expect(unclaimedErrors(errors, ['symbol', 'grid', 'strategy.params.emaFast'])).toEqual([{ field: 'strategy.params.foo', message: 'is not a parameter of emaCross' }]);
  });
});

/** What a TRPCClientError carries after the API's errorFormatter (packages/api/src/trpc.ts). */
function clientError(message: string, data: Record<string, unknown>) {
  return Object.assign(new Error(message), { data: { code: 'BAD_REQUEST', httpStatus: 400, path: 'backtest.run', ...data } });
}

describe('describeApiError', () => {
  it('maps validation issues to their fields', () => {
    const view = describeApiError(
      clientError('symbol: must be 2-20 upper-case letters; end: must be after start', {
        appCode: 'VALIDATION_FAILED',
        field: 'symbol',
        issues: [
          { path: 'symbol', message: 'must be 2-20 upper-case letters' },
          { path: 'end', message: 'must be after start' },
        ],
      }),
    );
    expect(view).toMatchObject({ title: 'Some inputs are not valid', code: 'VALIDATION_FAILED', fields: { symbol: 'must be 2-20 upper-case letters', end: 'must be after start' } });
  });

  it('puts a domain error on its field without repeating the path', () => {
    const view = describeApiError(
      clientError('symbol: the demo feed has no symbol "DOGEUSDT"; known: BTCUSDT, ETHUSDT', { appCode: 'UNKNOWN_SYMBOL', field: 'symbol' }),
    );
    expect(view.fields).toEqual({ symbol: 'the demo feed has no symbol "DOGEUSDT"; known: BTCUSDT, ETHUSDT' });
    expect(view.title).toBe('Unknown symbol');
    expect(withoutFieldPrefix('strategy.params.emaSlow must be > 3', 'strategy.params.emaSlow')).toBe('must be > 3');
  });

  it('explains rate limits with the wait, and errors without a field only in the summary', () => {
    const view = describeApiError(clientError('rate limit exceeded', { code: 'TOO_MANY_REQUESTS', appCode: 'RATE_LIMITED', retryAfterSeconds: 12 }));
    expect(view).toMatchObject({ title: 'Too many requests — retry in 12 s', fields: {}, retryAfterSeconds: 12 });
    expect(describeApiError(new TypeError('Failed to fetch')).title).toBe('The server could not be reached');
  });
});

describe('server errors stay until their value changes', () => {
  it('reads paths with indices', () => {
    expect(parsePath('symbols[2]')).toEqual(['symbols', 2]);
    expect(parsePath('grid.emaFast[3]')).toEqual(['grid', 'emaFast', 3]);
    const before = { symbols: ['BTCUSDT', 'DOGEUSDT'], strategy: { params: { emaFast: 20 } } };
    expect(sameValueAt(before, { ...before, feeBps: 5 }, 'symbols[1]')).toBe(true);
    expect(sameValueAt(before, { ...before, symbols: ['BTCUSDT', 'SOLUSDT'] }, 'symbols[1]')).toBe(false);
    expect(sameValueAt(before, { ...before, strategy: { params: { emaFast: 21 } } }, 'strategy.params.emaFast')).toBe(false);
  });
});
