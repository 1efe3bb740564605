import { EngineError, describeValue } from '../errors';
import { checkConstraints, checkParamValue, validateStrategyParams } from '../strategies/params';
import type { ParamSpec, ParamValue, ParamValues, StrategyDefinition } from '../strategies/types';

/** A parameter's candidate values: an explicit list, or an inclusive numeric range with a step. */
export type ParamRange = readonly ParamValue[] | { min: number; max: number; step: number };
/** Candidate values per parameter name; parameters not listed keep their fixed or default value. */
export type SearchSpaceInput = Record<string, ParamRange>;

/** A Cartesian product of value lists that would need more enumeration than this is refused outright. */
export const MAX_SPACE_SIZE = 1_000_000;
const MAX_VALUES_PER_PARAM = 10_000;

/**
 * A discrete search space: for each searched parameter its sorted values
 * (numbers ascending, enum options in declaration order), plus base values for
 * the rest. Combination k is decoded in mixed radix with the first parameter
 * varying slowest, so enumeration order is lexicographic and deterministic.
 */
export class SearchSpace {
  readonly strategy: StrategyDefinition;
  readonly names: readonly string[];
  readonly values: readonly (readonly ParamValue[])[];
  readonly specs: readonly ParamSpec[];
  readonly base: ParamValues;
  /** Product of the value counts (valid or not). */
  readonly size: number;
  private readonly radix: Int32Array;

  constructor(strategy: StrategyDefinition, names: string[], values: ParamValue[][], specs: ParamSpec[], base: ParamValues) {
    this.strategy = strategy;
    this.names = names;
    this.values = values;
    this.specs = specs;
    this.base = base;
    this.radix = Int32Array.from(values, (v) => v.length);
    let size = 1;
    for (const v of values) size *= v.length;
    this.size = size;
  }

  get dimensions(): number {
    return this.names.length;
  }

  /** Value counts per dimension. */
  get cardinalities(): Int32Array {
    return this.radix;
  }

  /** Writes the per-dimension value indices of combination `index` into `out`. */
  decode(index: number, out: Int32Array): Int32Array {
    let rest = index;
    for (let d = this.radix.length - 1; d >= 0; d--) {
      const r = this.radix[d]!;
      out[d] = rest % r;
      rest = Math.floor(rest / r);
    }
    return out;
  }

  encode(indices: ArrayLike<number>): number {
    let k = 0;
    for (let d = 0; d < this.radix.length; d++) k = k * this.radix[d]! + indices[d]!;
    return k;
  }

  /** The full parameter object of a combination (base values plus the searched ones), in declaration order. */
  params(index: number): ParamValues {
    const idx = this.decode(index, new Int32Array(this.radix.length));
    const out: ParamValues = { ...this.base };
    for (let d = 0; d < idx.length; d++) out[this.names[d]!] = this.values[d]![idx[d]!]!;
    return out;
  }

  /** Whether the combination satisfies the strategy's cross-parameter constraints. */
  isValid(index: number): boolean {
    return checkConstraints(this.strategy, this.params(index)) === null;
  }

  /** Indices of all valid combinations in enumeration order. */
  validIndices(): Int32Array {
    const out = new Int32Array(this.size);
    let k = 0;
    for (let i = 0; i < this.size; i++) if (this.isValid(i)) out[k++] = i;
    return out.slice(0, k);
  }

  /**
   * The largest numeric value of each parameter across the space (base values
   * for the rest): indicator warm-up grows with every period parameter, so
   * this bounds the bars any combination needs.
   */
  maxParams(): ParamValues {
    const out: ParamValues = { ...this.base };
    for (let d = 0; d < this.names.length; d++) {
      const vals = this.values[d]!;
      const last = vals[vals.length - 1]!;
      if (typeof last === 'number') out[this.names[d]!] = last;
    }
    return out;
  }
}

function expandRange(range: { min: number; max: number; step: number }, field: string): number[] {
  const { min, max, step } = range;
  if (typeof min !== 'number' || !Number.isFinite(min) || typeof max !== 'number' || !Number.isFinite(max) || max < min) {
    throw new EngineError('INVALID_PARAMS', field, `${field} must have finite min <= max; got min=${describeValue(min)}, max=${describeValue(max)}`);
  }
  if (typeof step !== 'number' || !Number.isFinite(step) || step <= 0) {
    throw new EngineError('INVALID_PARAMS', `${field}.step`, `${field}.step must be a finite number > 0; got ${describeValue(step)}`);
  }
  const count = Math.floor((max - min) / step + 1e-9) + 1;
  if (count > MAX_VALUES_PER_PARAM) {
    throw new EngineError('TOO_MANY_COMBINATIONS', field, `${field} expands to ${count} values; at most ${MAX_VALUES_PER_PARAM} per parameter`);
  }
  const out: number[] = [];
  // Rounding to 12 significant digits keeps 0.1-steps from producing 0.30000000000000004.
  for (let k = 0; k < count; k++) out.push(Number((min + k * step).toPrecision(12)));
  return out;
}

/**
 * Validates a search space against a strategy: every searched name must be a
 * parameter, every value must satisfy its spec (INVALID_PARAMS naming
 * `${field}.${name}[k]`), lists must be non-empty without duplicates; the
 * fixed params fill the other parameters (defaults where absent). Numeric
 * values are sorted ascending.
 */
export function resolveSpace(
  strategy: StrategyDefinition,
  space: SearchSpaceInput,
  fixed: Record<string, unknown> | undefined,
  field = 'grid',
): SearchSpace {
  if (typeof space !== 'object' || space === null || Array.isArray(space)) {
    throw new EngineError('INVALID_PARAMS', field, `${field} must be an object mapping parameter names to value lists; got ${describeValue(space)}`);
  }
  const specByName = new Map(strategy.params.map((p) => [p.name, p]));
  const names: string[] = [];
  const values: ParamValue[][] = [];
  const specs: ParamSpec[] = [];
  for (const spec of strategy.params) {
    if (!Object.prototype.hasOwnProperty.call(space, spec.name)) continue;
    const f = `${field}.${spec.name}`;
    const raw = space[spec.name];
    let list: ParamValue[];
    if (Array.isArray(raw)) list = [...(raw as ParamValue[])];
    else if (typeof raw === 'object' && raw !== null) {
      if (spec.type === 'enum') throw new EngineError('INVALID_PARAMS', f, `${f} is an enum parameter: give a list of options, not a range`);
      list = expandRange(raw as { min: number; max: number; step: number }, f);
    } else {
      throw new EngineError('INVALID_PARAMS', f, `${f} must be a list of values or {min, max, step}; got ${describeValue(raw)}`);
    }
    if (list.length === 0) throw new EngineError('INVALID_PARAMS', f, `${f} must list at least one value; got an empty list`);
    if (list.length > MAX_VALUES_PER_PARAM) {
      throw new EngineError('TOO_MANY_COMBINATIONS', f, `${f} lists ${list.length} values; at most ${MAX_VALUES_PER_PARAM} per parameter`);
    }
    const seen = new Set<ParamValue>();
    list.forEach((v, k) => {
      const problem = checkParamValue(spec, v);
      if (problem !== null) throw new EngineError('INVALID_PARAMS', `${f}[${k}]`, `${f}[${k}] ${problem}`);
      if (seen.has(v)) throw new EngineError('INVALID_PARAMS', `${f}[${k}]`, `${f}[${k}] repeats the value ${describeValue(v)}; list each value once`);
      seen.add(v);
    });
    if (spec.type === 'enum') list.sort((a, b) => spec.options.indexOf(a as string) - spec.options.indexOf(b as string));
    else list.sort((a, b) => (a as number) - (b as number));
    names.push(spec.name);
    values.push(list);
    specs.push(spec);
  }
  for (const key of Object.keys(space)) {
    if (!specByName.has(key)) {
      throw new EngineError('INVALID_PARAMS', `${field}.${key}`, `${field}.${key} is not a parameter of ${strategy.name}; allowed: ${[...specByName.keys()].join(', ')}`);
    }
  }
  if (names.length === 0) {
    throw new EngineError('INVALID_PARAMS', field, `${field} must search at least one parameter of ${strategy.name} (${[...specByName.keys()].join(', ')})`);
  }
  // Enumerating the product (validIndices) allocates one slot per combination: refuse an oversized space first.
  const size = values.reduce((n, v) => n * v.length, 1);
  if (size > MAX_SPACE_SIZE) {
    throw new EngineError(
      'TOO_MANY_COMBINATIONS',
      field,
      `${field} spans ${values.map((v) => v.length).join(' x ')} = ${size} combinations; at most ${MAX_SPACE_SIZE} can be searched (narrow the value lists)`,
    );
  }
  const fixedInput: Record<string, unknown> = { ...(fixed ?? {}) };
  for (const name of names) delete fixedInput[name];
  // Individual checks only: constraints are judged per combination, where breaking them means "skipped".
  const base = validateBase(strategy, fixedInput);
  return new SearchSpace(strategy, names, values, specs, base);
}

function validateBase(strategy: StrategyDefinition, fixed: Record<string, unknown>): ParamValues {
  const noConstraints: StrategyDefinition = { ...strategy, constraints: [] };
  return validateStrategyParams(noConstraints, fixed, 'strategy.params');
}

/** Stable string key of a parameter object (declaration order), for de-duplication. */
export function paramsKey(params: ParamValues): string {
  return JSON.stringify(params);
}
