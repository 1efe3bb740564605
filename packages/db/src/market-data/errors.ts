/**
 * The market-data layer's one error type. The API maps each code to a tRPC
 * code in a single table, so the set is closed: add a code only together with
 * its row in that table.
 */
export const marketDataErrorCodes = [
  /** The caller's request or option is invalid; `field` names it. */
  'INVALID_REQUEST',
  /** The range needs more bars than the configured limit; nothing was fetched. */
  'TOO_MANY_BARS',
  /** No source, import or demo feed answers to this exchange name. */
  'UNKNOWN_EXCHANGE',
  /** The exchange (or import, or demo feed) has no such symbol. */
  'UNKNOWN_SYMBOL',
  /** The exchange could not be reached or kept failing (network error, 5xx) after retries. */
  'UPSTREAM_UNAVAILABLE',
  /** The exchange kept rate-limiting (429/418) or asked for a wait longer than allowed. */
  'UPSTREAM_RATE_LIMITED',
  /** The exchange did not answer within the timeout, after retries. */
  'UPSTREAM_TIMEOUT',
  /** The exchange answered with something that is not a valid kline page. */
  'UPSTREAM_MALFORMED',
  /** The exchange refused the request for a reason other than an unknown symbol (a 4xx). */
  'UPSTREAM_REJECTED',
  /** A CSV import file is unreadable or has an invalid line; the message names the line. */
  'IMPORT_MALFORMED',
  /** The candle cache (DuckDB) failed. */
  'CACHE_ERROR',
  /** The caller's AbortSignal fired. */
  'CANCELLED',
] as const;

export type MarketDataErrorCode = (typeof marketDataErrorCodes)[number];

export type Upstream = 'binance' | 'btcturk';

export interface MarketDataErrorOptions {
  /** The caller's input at fault, e.g. 'symbol', 'end', 'file'. */
  field?: string;
  /** The exchange at fault. */
  upstream?: Upstream;
  /** HTTP status of the last upstream answer, when there was one. */
  status?: number;
  /** 1-based line of an import file. */
  line?: number;
  cause?: unknown;
}

export class MarketDataError extends Error {
  override readonly name = 'MarketDataError';
  readonly code: MarketDataErrorCode;
  readonly field: string | undefined;
  readonly upstream: Upstream | undefined;
  readonly status: number | undefined;
  readonly line: number | undefined;

  constructor(code: MarketDataErrorCode, message: string, options: MarketDataErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.field = options.field;
    this.upstream = options.upstream;
    this.status = options.status;
    this.line = options.line;
  }
}

export function isMarketDataError(error: unknown): error is MarketDataError {
  return error instanceof MarketDataError;
}

/** Shorthand for the caller-at-fault case. */
export function invalid(field: string, message: string): MarketDataError {
  return new MarketDataError('INVALID_REQUEST', `${field}: ${message}`, { field });
}

/** Renders epoch ms as ISO-8601 UTC for messages; shows the raw value when it is not a valid time. */
export function isoTime(ms: number): string {
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return String(ms);
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) {
    return String(value);
  }
  if (Array.isArray(value)) return `an array of ${value.length}`;
  return `a ${typeof value}`;
}
