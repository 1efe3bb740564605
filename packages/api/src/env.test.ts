import { describe, expect, it } from 'vitest';
import { readApiEnv } from './env';

describe('readApiEnv', () => {
  it('treats an unset REAL_ROUTES as "all real, keep operator choices"', () => {
    expect(readApiEnv({}).realRoutes).toBeUndefined();
  });
  it('parses a comma list of procedure keys', () => {
    expect(readApiEnv({ REAL_ROUTES: ' run, optimize ' }).realRoutes).toEqual(['run', 'optimize']);
  });
  it('rejects an unknown procedure in REAL_ROUTES, naming it and the allowed keys', () => {
    expect(() => readApiEnv({ REAL_ROUTES: 'run,backtest' })).toThrow(/REAL_ROUTES: unknown procedure\(s\) backtest; allowed: run, walkforward, portfolio, optimize/);
  });
  it('turns EXECUTOR_SAFE_MODE=1 into safe mode and rejects other spellings', () => {
    expect(readApiEnv({ EXECUTOR_SAFE_MODE: '1' }).safeMode).toBe(true);
    expect(readApiEnv({}).safeMode).toBe(false);
    expect(() => readApiEnv({ EXECUTOR_SAFE_MODE: 'yes' })).toThrow(/EXECUTOR_SAFE_MODE/);
  });
});
