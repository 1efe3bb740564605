import { describe, expect, it } from 'vitest';
import { EngineError, engineErrorCodes, engineErrorFromJSON, isEngineError } from './errors';

describe('EngineError', () => {
  it('has a closed, exported set of codes', () => {
    expect(engineErrorCodes).toEqual(['INVALID_CANDLES', 'INVALID_PARAMS', 'INVALID_CONFIG', 'INSUFFICIENT_DATA', 'TOO_MANY_COMBINATIONS', 'CANCELLED']);
  });

  it('carries code, field and message and survives a JSON round trip', () => {
    const e = new EngineError('INVALID_PARAMS', 'strategy.params.emaSlow', 'strategy.params.emaSlow must be greater than emaFast (20); got 10');
    expect(e).toBeInstanceOf(Error);
    expect(isEngineError(e)).toBe(true);
    const back = engineErrorFromJSON(JSON.parse(JSON.stringify(e)));
    expect(back).toBeInstanceOf(EngineError);
    expect(back?.code).toBe('INVALID_PARAMS');
    expect(back?.field).toBe('strategy.params.emaSlow');
    expect(back?.message).toBe(e.message);
  });

  it('does not rebuild objects that are not engine errors', () => {
    expect(engineErrorFromJSON({ name: 'EngineError', code: 'NOPE', field: 'x', message: 'y' })).toBeNull();
    expect(engineErrorFromJSON(new Error('x'))).toBeNull();
    expect(engineErrorFromJSON(null)).toBeNull();
  });
});
