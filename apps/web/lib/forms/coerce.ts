/**
 * Tolerant readers for form state coming from a query string (every value a
 * string) or from a stored preset (typed JSON written by any client). A value
 * of the wrong shape falls back to the default; a value that is merely not a
 * number yet ("1e", "abc") is kept as typed, so validation can say what is
 * wrong with it instead of silently replacing it.
 */
import type { NumText, ParamValue } from './types';

const NUMERIC = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T/;

export function isNumericText(text: string): boolean {
  return NUMERIC.test(text.trim());
}

/** A number as typed: numbers pass, numeric text becomes a number, other text is kept for the error message. */
export function toNumText(value: unknown, fallback: NumText): NumText {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'string') return isNumericText(value) ? Number(value.trim()) : value;
  return fallback;
}

/** Optional numbers: absent is the empty string (the API default applies). */
export function toOptionalNumText(value: unknown): NumText {
  if (value === undefined || value === null) return '';
  return toNumText(value, '');
}

export function toText(value: unknown, fallback: string): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return fallback;
}

export function toChoice<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** A list from an array or a comma-separated string. */
export function toList(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((v) => typeof v === 'string' || typeof v === 'number').map((v) => String(v).trim()).filter(Boolean);
  if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

/** A strategy parameter: numeric text becomes a number, option names stay text. */
export function toParamValue(value: unknown): ParamValue | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return isNumericText(value) ? Number(value.trim()) : value.trim();
  return undefined;
}

/** What a request should carry for a number field: a number when the text is one, the text otherwise. */
export function numberOrText(value: NumText): number | string {
  if (typeof value === 'number') return value;
  return isNumericText(value) ? Number(value.trim()) : value;
}

/**
 * A calendar date `YYYY-MM-DD` for a date input. Timestamps (ISO text or
 * epoch milliseconds) are cut to their UTC date; the date inputs work in days.
 */
export function toDateText(value: unknown, fallback: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value).toISOString().slice(0, 10);
  if (typeof value !== 'string') return fallback;
  const text = value.trim();
  if (DATE_ONLY.test(text)) return text;
  const iso = ISO_DATE_TIME.exec(text);
  if (iso) return iso[1]!;
  if (/^\d{10,13}$/.test(text)) {
    const ms = Number(text);
    const date = new Date(ms);
    return Number.isNaN(date.getTime()) ? text : date.toISOString().slice(0, 10);
  }
  return text;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
