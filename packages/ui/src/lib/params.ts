/** Validation and text for strategy parameter fields. */
import type { ParamSpec, ParamValue, ParamValues } from '../types';
import { describeValue } from './errors';
import { formatNumber } from './format';

export function optionValues(spec: ParamSpec): string[] {
  return (spec.options ?? []).map((o) => (typeof o === 'string' ? o : o.value));
}

function formatBound(v: number, type: ParamSpec['type']): string {
  return type === 'int' ? formatNumber(v, { digits: 0 }) : String(v);
}

/** "integer, 2 to 500, default 20" — the allowed values of a parameter in words. */
export function describeParamRule(spec: ParamSpec): string {
  const parts: string[] = [];
  if (spec.type === 'enum') {
    parts.push(`one of ${optionValues(spec).join(', ')}`);
  } else {
    parts.push(spec.type === 'int' ? 'integer' : 'number');
    const { min, max } = spec;
    if (min !== undefined && spec.exclusiveMin) {
      parts.push(max !== undefined ? `above ${formatBound(min, spec.type)} up to ${formatBound(max, spec.type)}` : `above ${formatBound(min, spec.type)}`);
    } else if (min !== undefined && max !== undefined) parts.push(`${formatBound(min, spec.type)} to ${formatBound(max, spec.type)}`);
    else if (min !== undefined) parts.push(`at least ${formatBound(min, spec.type)}`);
    else if (max !== undefined) parts.push(`at most ${formatBound(max, spec.type)}`);
  }
  if (spec.default !== undefined) parts.push(`default ${spec.default}`);
  return parts.join(', ');
}

/**
 * Checks one value against its spec; returns an error message naming the
 * parameter, the value and the rule, or null when the value is allowed.
 * Text that is not a number (a half-typed "1e" or an empty field) reaches
 * here as a string and is reported as such.
 */
export function validateParamValue(spec: ParamSpec, value: ParamValue | undefined): string | null {
  const name = spec.name;
  if (value === undefined || value === '') {
    return `${name} is required (${describeParamRule(spec)})`;
  }
  if (spec.type === 'enum') {
    const allowed = optionValues(spec);
    if (typeof value !== 'string' || !allowed.includes(value)) {
      return `${name} must be one of ${allowed.join(', ')}; got ${describeValue(value)}`;
    }
    return null;
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    return `${name} must be ${spec.type === 'int' ? 'an integer' : 'a number'}; got ${describeValue(value)}`;
  }
  if (spec.type === 'int' && !Number.isInteger(value)) {
    return `${name} must be an integer; got ${value}`;
  }
  if (spec.min !== undefined && spec.exclusiveMin && value <= spec.min) {
    return `${name} must be greater than ${formatBound(spec.min, spec.type)}; got ${value}`;
  }
  if (spec.min !== undefined && value < spec.min) {
    return `${name} must be at least ${formatBound(spec.min, spec.type)}; got ${value}`;
  }
  if (spec.max !== undefined && value > spec.max) {
    return `${name} must be at most ${formatBound(spec.max, spec.type)}; got ${value}`;
  }
  return null;
}

/** Errors for every parameter in `specs`, keyed by name (empty when all are valid). */
export function validateParamValues(specs: readonly ParamSpec[], values: ParamValues): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const spec of specs) {
    const message = validateParamValue(spec, values[spec.name]);
    if (message) errors[spec.name] = message;
  }
  return errors;
}

/** The defaults of every parameter that declares one. */
export function defaultParamValues(specs: readonly ParamSpec[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const spec of specs) if (spec.default !== undefined) out[spec.name] = spec.default;
  return out;
}

/**
 * What a numeric input's text means: a finite number, or the raw text when it
 * is not one (yet) so validation can say so. Accepts "1e3", "-0.5", " 12 ";
 * rejects "", "1e", "0x10", "Infinity".
 */
export function parseNumberInput(text: string): ParamValue {
  const trimmed = text.trim();
  if (trimmed === '' || !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return text;
  const n = Number(trimmed);
  return Number.isFinite(n) ? n : text;
}
