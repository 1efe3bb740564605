import { EngineError, describeValue } from '../errors';

/** Kernel argument checks, run once before the loop so the loop itself never branches on them. */
export function checkPeriod(period: number, field = 'period', min = 1): void {
  if (!Number.isInteger(period) || period < min) {
    throw new EngineError('INVALID_PARAMS', field, `${field} must be an integer >= ${min}; got ${describeValue(period)}`);
  }
}

export function checkSameLength(out: Float64Array, name: string, n: number, field = 'out'): void {
  if (!(out instanceof Float64Array)) {
    throw new EngineError('INVALID_CONFIG', field, `${field} (${name}) must be a Float64Array; got ${describeValue(out)}`);
  }
  if (out.length !== n) {
    throw new EngineError('INVALID_CONFIG', field, `${field} (${name}) must have the input's length ${n}; got length ${out.length}`);
  }
}
