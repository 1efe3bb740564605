import { EngineError, describeValue } from '../errors';
import { getStrategy } from './registry';
import type { ParamSpec, ParamValues, StrategyDefinition } from './types';

/** Checks one value against its spec; null when valid, otherwise the rule it breaks and the value received. */
export function checkParamValue(spec: ParamSpec, value: unknown): string | null {
  switch (spec.type) {
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value)) {
        return `must be an integer in [${spec.min}, ${spec.max}]; got ${describeValue(value)}`;
      }
      if (value < spec.min || value > spec.max) return `must be an integer in [${spec.min}, ${spec.max}]; got ${value}`;
      return null;
    case 'real': {
      const range = `${spec.exclusiveMin ? '(' : '['}${spec.min}, ${spec.max}]`;
      if (typeof value !== 'number' || !Number.isFinite(value)) return `must be a finite number in ${range}; got ${describeValue(value)}`;
      const belowMin = spec.exclusiveMin ? value <= spec.min : value < spec.min;
      if (belowMin || value > spec.max) return `must be a number in ${range}; got ${value}`;
      return null;
    }
    case 'enum':
      if (typeof value !== 'string' || !spec.options.includes(value)) {
        return `must be one of ${spec.options.join(', ')}; got ${describeValue(value)}`;
      }
      return null;
  }
}

/** The first cross-parameter rule the params break, or null. Params must already be individually valid. */
export function checkConstraints(strategy: StrategyDefinition, params: ParamValues): { field: string; message: string } | null {
  for (const c of strategy.constraints) {
    const message = c.check(params);
    if (message !== null) return { field: c.field, message };
  }
  return null;
}

/**
 * Validates params against a strategy's specs and fills defaults. Returns a
 * new object with every declared parameter, in declaration order. Unknown
 * keys, wrong types, out-of-range values and broken constraints are
 * INVALID_PARAMS errors whose field is `${field}.${param}`.
 */
export function validateStrategyParams(
  strategy: string | StrategyDefinition,
  params: Record<string, unknown> | undefined,
  field = 'strategy.params',
): ParamValues {
  const def = typeof strategy === 'string' ? getStrategy(strategy) : strategy;
  const input = params ?? {};
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new EngineError('INVALID_PARAMS', field, `${field} must be an object of parameter values; got ${describeValue(input)}`);
  }
  const known = new Set(def.params.map((p) => p.name));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) {
      throw new EngineError(
        'INVALID_PARAMS',
        `${field}.${key}`,
        `${field}.${key} is not a parameter of ${def.name}; allowed: ${[...known].join(', ')}`,
      );
    }
  }
  const out: ParamValues = {};
  for (const spec of def.params) {
    const raw = (input as Record<string, unknown>)[spec.name];
    const value = raw === undefined ? spec.default : raw;
    const problem = checkParamValue(spec, value);
    if (problem !== null) throw new EngineError('INVALID_PARAMS', `${field}.${spec.name}`, `${field}.${spec.name} ${problem}`);
    out[spec.name] = value as number | string;
  }
  const broken = checkConstraints(def, out);
  if (broken !== null) throw new EngineError('INVALID_PARAMS', `${field}.${broken.field}`, `${field}.${broken.message}`);
  return out;
}

/** Default values of every parameter of a strategy. */
export function defaultParams(strategy: string | StrategyDefinition): ParamValues {
  const def = typeof strategy === 'string' ? getStrategy(strategy) : strategy;
  const out: ParamValues = {};
  for (const spec of def.params) out[spec.name] = spec.default;
  return out;
}
