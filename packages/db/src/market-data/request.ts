/**
 * Validation of caller input. Every rejection names the field, the value and
 * the rule, so the API can pass the message straight to the user.
 */
import { describeValue, invalid } from './errors';
import { TIMEFRAMES, TIMEFRAME_MS, isTimeframe, type CandleRequest, type Timeframe } from './types';

/** Binance documents symbols as `^[A-Z0-9-_.]{1,20}$`; the same rule guards every exchange and import. */
export const SYMBOL_PATTERN = /^[A-Z0-9_.-]{1,20}$/;

/** Exchange names: the live ones, 'demo', or the name an import chose. */
export const EXCHANGE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,31}$/;

/** 2100-01-01T00:00Z: later times are certainly a unit mistake (µs or ns instead of ms). */
export const MAX_EPOCH_MS = 4_102_444_800_000;

export interface NormalizedRequest {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
  stepMs: number;
  start: number;
  end: number;
  useCache: boolean;
}

export function normalizeExchange(value: unknown, field = 'exchange'): string {
  if (typeof value !== 'string') throw invalid(field, `must be a string such as "binance"; got ${describeValue(value)}`);
  const exchange = value.trim().toLowerCase();
  if (!EXCHANGE_PATTERN.test(exchange)) {
    throw invalid(
      field,
      `${describeValue(value)} is not a valid exchange name: use 1-32 lower-case letters, digits, "-" or "_", starting with a letter or digit`,
    );
  }
  return exchange;
}

export function normalizeSymbol(value: unknown, field = 'symbol'): string {
  if (typeof value !== 'string') throw invalid(field, `must be a string such as "BTCUSDT"; got ${describeValue(value)}`);
  const symbol = value.trim().toUpperCase();
  if (!SYMBOL_PATTERN.test(symbol)) {
    throw invalid(
      field,
      `${describeValue(value)} is not a valid symbol: use 1-20 characters from A-Z, 0-9, "-", "_" or "." (e.g. "BTCUSDT")`,
    );
  }
  return symbol;
}

export function normalizeTimeframe(value: unknown, field = 'timeframe'): Timeframe {
  if (!isTimeframe(value)) {
    throw invalid(field, `${describeValue(value)} is not a supported timeframe; use one of ${TIMEFRAMES.join(', ')}`);
  }
  return value;
}

export function normalizeEpochMs(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalid(field, `must be a finite number of epoch milliseconds; got ${describeValue(value)}`);
  }
  if (!Number.isInteger(value)) throw invalid(field, `must be a whole number of epoch milliseconds; got ${value}`);
  if (value < 0 || value > MAX_EPOCH_MS) {
    throw invalid(
      field,
      `${value} is outside 0..${MAX_EPOCH_MS} (1970-01-01 to 2100-01-01 in epoch milliseconds); check the unit`,
    );
  }
  return value;
}

/** Validates a candle request; throws MarketDataError('INVALID_REQUEST') naming the first bad field. */
export function validateCandleRequest(input: unknown): NormalizedRequest {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw invalid('request', `must be an object { exchange, symbol, timeframe, start, end }; got ${describeValue(input)}`);
  }
  const r = input as Partial<Record<keyof CandleRequest, unknown>>;
  const exchange = normalizeExchange(r.exchange);
  const symbol = normalizeSymbol(r.symbol);
  const timeframe = normalizeTimeframe(r.timeframe);
  const start = normalizeEpochMs(r.start, 'start');
  const end = normalizeEpochMs(r.end, 'end');
  if (end <= start) {
    throw invalid('end', `must be after start (end is exclusive); got start=${start}, end=${end}`);
  }
  if (r.useCache !== undefined && typeof r.useCache !== 'boolean') {
    throw invalid('useCache', `must be true, false or absent; got ${describeValue(r.useCache)}`);
  }
  return { exchange, symbol, timeframe, stepMs: TIMEFRAME_MS[timeframe], start, end, useCache: r.useCache !== false };
}
