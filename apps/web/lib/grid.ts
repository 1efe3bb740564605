/**
 * The optimizer's grid builder: turns per-parameter ranges or lists into the
 * value lists the API takes, and counts the combinations with the engine's own
 * search-space code, so the count the page shows (and refuses past the limit)
 * is exactly the count the server's pre-check computes.
 */
import { getStrategy, resolveSpace } from '@spark/engine';
import { isNumericText, isRecord, toList, toParamValue } from './forms/coerce';
import type { GridAxisForm, GridForm, NumText, ParamValue } from './forms/types';

/** OPTIMIZER_MAX_COMBINATIONS's default; the server refuses a grid search with more valid combinations. */
export const DEFAULT_MAX_COMBINATIONS = 500;
/** gridSchema: at most 200 values per parameter. */
export const MAX_VALUES_PER_PARAM = 200;

export interface GridParamSpec {
  name: string;
  type: 'int' | 'real' | 'enum';
  min?: number;
  max?: number;
  default: number | string;
  options?: readonly string[];
}

type AxisResult = { values: ParamValue[] } | { error: string };

function asNumber(value: NumText): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  return isNumericText(value) ? Number(value.trim()) : null;
}

/** Rounds away binary noise so 0.1-steps give 0.3, not 0.30000000000000004 (as the engine's expandRange does). */
function clean(value: number): number {
  return Number(value.toPrecision(12));
}

/** The values one axis searches, or what is wrong with it in words. */
export function expandAxis(axis: GridAxisForm): AxisResult {
  if (axis.mode === 'list') {
    const values = toList(axis.list).map((v) => toParamValue(v) ?? v);
    if (values.length === 0) return { error: 'list at least one value, e.g. 10, 20, 30' };
    if (values.length > MAX_VALUES_PER_PARAM) return { error: `lists ${values.length} values; at most ${MAX_VALUES_PER_PARAM}` };
    return { values };
  }
  const min = asNumber(axis.min);
  const max = asNumber(axis.max);
  const step = asNumber(axis.step);
  if (min === null) return { error: `"from" must be a number; got ${JSON.stringify(String(axis.min))}` };
  if (max === null) return { error: `"to" must be a number; got ${JSON.stringify(String(axis.max))}` };
  if (step === null) return { error: `"step" must be a number; got ${JSON.stringify(String(axis.step))}` };
  if (max < min) return { error: `"to" (${max}) must be at least "from" (${min})` };
  if (step <= 0) return { error: `"step" must be greater than 0; got ${step}` };
  const count = Math.floor((max - min) / step + 1e-9) + 1;
  if (count > MAX_VALUES_PER_PARAM) return { error: `${min} to ${max} in steps of ${step} is ${count} values; at most ${MAX_VALUES_PER_PARAM} per parameter` };
  const values: number[] = [];
  for (let k = 0; k < count; k++) values.push(clean(min + k * step));
  return { values };
}

/** The request's `grid` (searched axes in form order), and an error per axis (`grid.<name>`) that cannot be expanded. */
export function gridToRequest(grid: GridForm): { grid: Record<string, ParamValue[]>; errors: Record<string, string> } {
  const out: Record<string, ParamValue[]> = {};
  const errors: Record<string, string> = {};
  for (const [name, axis] of Object.entries(grid)) {
    if (!axis.on) continue;
    const result = expandAxis(axis);
    if ('error' in result) errors[`grid.${name}`] = result.error;
    else out[name] = result.values;
  }
  return { grid: out, errors };
}

/** A 1-2-5 step near `raw`, so default ranges read like a person chose them. */
export function niceStep(raw: number, integer: boolean): number {
  if (!(raw > 0)) return integer ? 1 : 0.1;
  const exp = Math.floor(Math.log10(raw));
  const base = 10 ** exp;
  const f = raw / base;
  const step = (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * base;
  return integer ? Math.max(1, Math.round(step)) : clean(step);
}

/** A five-value range around the parameter's default, inside its bounds; enums list every option. */
export function defaultAxis(spec: GridParamSpec, on = false): GridAxisForm {
  if (spec.type === 'enum') {
    return { on, mode: 'list', min: '', max: '', step: '', list: String(spec.default) };
  }
  const d = typeof spec.default === 'number' ? spec.default : 1;
  const step = niceStep(Math.abs(d) / 4, spec.type === 'int');
  let min = clean(d - 2 * step);
  let max = clean(d + 2 * step);
  if (spec.min !== undefined && min < spec.min) min = spec.min === 0 && spec.type === 'real' ? step : spec.min;
  if (spec.max !== undefined && max > spec.max) max = spec.max;
  return { on, mode: 'range', min, max, step, list: '' };
}

/** The default grid: the first two numeric parameters searched, the rest available but off. */
export function defaultGrid(specs: readonly GridParamSpec[]): GridForm {
  const grid: GridForm = {};
  let searched = 0;
  for (const spec of specs) {
    const on = spec.type !== 'enum' && searched < 2;
    if (on) searched++;
    grid[spec.name] = defaultAxis(spec, on);
  }
  return grid;
}

/** An evenly spaced list of three or more numbers reads back as a range; anything else as a list. */
export function axisFromValues(values: readonly ParamValue[]): GridAxisForm {
  const nums = values.every((v) => typeof v === 'number') ? (values as number[]) : null;
  if (nums && nums.length >= 3) {
    const sorted = [...nums].sort((a, b) => a - b);
    const step = clean(sorted[1]! - sorted[0]!);
    const even = step > 0 && sorted.every((v, i) => Math.abs(v - clean(sorted[0]! + i * step)) <= Math.abs(step) * 1e-9);
    if (even) return { on: true, mode: 'range', min: sorted[0]!, max: sorted[sorted.length - 1]!, step, list: '' };
  }
  return { on: true, mode: 'list', min: '', max: '', step: '', list: values.map(String).join(', ') };
}

/** Reads a request's grid (arrays from a preset, comma text from a URL) into the builder's form. */
export function gridFromRequest(value: unknown): GridForm {
  const grid: GridForm = {};
  if (!isRecord(value)) return grid;
  for (const [name, raw] of Object.entries(value)) {
    const values = toList(raw).map((v) => toParamValue(v) ?? v);
    if (values.length > 0) grid[name] = axisFromValues(values);
  }
  return grid;
}

/** Fills axes the form does not mention (off, with a default range) so every parameter has a row. */
export function completeGrid(grid: GridForm, specs: readonly GridParamSpec[]): GridForm {
  const hasAny = Object.values(grid).some((a) => a.on);
  const base = hasAny ? Object.fromEntries(specs.map((s) => [s.name, defaultAxis(s, false)])) : defaultGrid(specs);
  return { ...base, ...grid };
}

export type CombinationCount =
  | { ok: true; size: number; valid: number; skipped: number }
  | { ok: false; field: string; message: string };

/**
 * Valid combinations of a grid, exactly as the server's pre-check counts them
 * (the engine's resolveSpace + validIndices: combinations that break a rule
 * such as emaSlow > emaFast are skipped, not run). A space past the engine's
 * MAX_SPACE_SIZE is refused by resolveSpace itself, before any enumeration.
 */
export function countCombinations(strategy: string, grid: Record<string, ParamValue[]>, fixed: Record<string, ParamValue>): CombinationCount {
  try {
    const def = getStrategy(strategy, 'strategy.name');
    const space = resolveSpace(def, grid, fixed, 'grid');
    const valid = space.validIndices().length;
    return { ok: true, size: space.size, valid, skipped: space.size - valid };
  } catch (error) {
    const field = typeof (error as { field?: unknown }).field === 'string' ? (error as { field: string }).field : 'grid';
    return { ok: false, field, message: error instanceof Error ? error.message : String(error) };
  }
}
