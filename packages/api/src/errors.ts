/**
 * The one table that turns domain errors into tRPC errors. The engine and the
 * market-data layer throw typed errors with closed code sets; every code has a
 * row here (a test covers each), so a new code fails the build until mapped.
 * Anything else that escapes a procedure is an internal error whose message
 * says what failed without leaking a stack trace.
 */
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { engineErrorCodes, type EngineError, type EngineErrorCode } from '@spark/engine';
import { marketDataErrorCodes, type MarketDataError, type MarketDataErrorCode } from '@spark/db/market-data';
import { ZodError } from 'zod';

export type AppCode =
  | EngineErrorCode
  | MarketDataErrorCode
  | 'RUN_ENGINE_ERROR'
  | 'RATE_LIMITED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'QUEUE_FULL'
  | 'VALIDATION_FAILED'
  | 'CONFLICT'
  | 'INTERNAL';

/*
 * Next.js evaluates the workspace modules twice in one process (instrumentation,
 * which builds the process runtime, and the route bundles, which serve
 * requests), so an error class from one copy fails `instanceof` against the
 * other. Errors are therefore recognised by brand or by name and code.
 */
const apiErrorBrand = Symbol.for('spark.api.ApiError');

function hasName(value: unknown, name: string): value is Error & Record<string, unknown> {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === name;
}

export function isEngineError(value: unknown): value is EngineError {
  return hasName(value, 'EngineError') && (engineErrorCodes as readonly unknown[]).includes(value.code) && typeof value.field === 'string';
}

export function isMarketDataError(value: unknown): value is MarketDataError {
  return hasName(value, 'MarketDataError') && (marketDataErrorCodes as readonly unknown[]).includes(value.code);
}

export function isTrpcError(value: unknown): value is TRPCError {
  return value instanceof TRPCError || (hasName(value, 'TRPCError') && typeof value.code === 'string');
}

export function isZodError(value: unknown): value is ZodError {
  return value instanceof ZodError || (hasName(value, 'ZodError') && Array.isArray(value.issues));
}

export function isApiError(value: unknown): value is ApiError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[apiErrorBrand] === true;
}

/** An error raised by the API itself, carrying what the client needs to act on it. */
export class ApiError extends TRPCError {
  readonly [apiErrorBrand] = true;
  readonly appCode: AppCode;
  readonly field: string | undefined;
  readonly upstream: string | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: TRPC_ERROR_CODE_KEY,
    appCode: AppCode,
    message: string,
    extra: { field?: string; upstream?: string; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super({ code, message, cause: extra.cause });
    this.appCode = appCode;
    this.field = extra.field;
    this.upstream = extra.upstream;
    this.retryAfterSeconds = extra.retryAfterSeconds;
  }
}

export const engineErrorTable: Record<EngineErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_CANDLES: 'BAD_REQUEST',
  INVALID_PARAMS: 'BAD_REQUEST',
  INVALID_CONFIG: 'BAD_REQUEST',
  INSUFFICIENT_DATA: 'BAD_REQUEST',
  TOO_MANY_COMBINATIONS: 'BAD_REQUEST',
  CANCELLED: 'CLIENT_CLOSED_REQUEST',
};

export const marketDataErrorTable: Record<MarketDataErrorCode, TRPC_ERROR_CODE_KEY> = {
  INVALID_REQUEST: 'BAD_REQUEST',
  TOO_MANY_BARS: 'BAD_REQUEST',
  UNKNOWN_EXCHANGE: 'BAD_REQUEST',
  UNKNOWN_SYMBOL: 'BAD_REQUEST',
  IMPORT_MALFORMED: 'BAD_REQUEST',
  // Our own rate limit answers 429; an exchange limiting *us* is the service being unavailable.
  UPSTREAM_RATE_LIMITED: 'SERVICE_UNAVAILABLE',
  UPSTREAM_UNAVAILABLE: 'BAD_GATEWAY',
  UPSTREAM_MALFORMED: 'BAD_GATEWAY',
  UPSTREAM_REJECTED: 'BAD_GATEWAY',
  UPSTREAM_TIMEOUT: 'GATEWAY_TIMEOUT',
  CACHE_ERROR: 'INTERNAL_SERVER_ERROR',
  CANCELLED: 'CLIENT_CLOSED_REQUEST',
};

/** Prefix for an error's field path when the domain layer names a request field relative to a sub-object. */
export interface ConversionOptions {
  /** e.g. 'symbols[2]' for a portfolio's third series, prefixed to market-data fields. */
  fieldPrefix?: string;
}

function joinField(prefix: string | undefined, field: string | undefined): string | undefined {
  if (!field) return prefix;
  if (!prefix) return field;
  return field.startsWith('[') ? `${prefix}${field}` : `${prefix}.${field}`;
}

/** Converts anything thrown inside a procedure into the error the client sees. */
export function toApiError(error: unknown, options: ConversionOptions = {}): ApiError {
  if (error instanceof ApiError) return error;
  if (isApiError(error)) {
    // From the other module copy: rebuild it so tRPC, which checks instanceof, keeps its code.
    return new ApiError(error.code, error.appCode, error.message, {
      ...(error.field ? { field: error.field } : {}),
      ...(error.upstream ? { upstream: error.upstream } : {}),
      ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      cause: error,
    });
  }
  if (isTrpcError(error) && isZodError(error.cause)) {
    const issues = error.cause.issues;
    return new ApiError('BAD_REQUEST', 'VALIDATION_FAILED', issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`).join('; '), {
      field: formatIssuePath(issues[0]?.path ?? []),
      cause: error.cause,
    });
  }
  if (isTrpcError(error) && error.cause && !isZodError(error.cause)) {
    const inner = toApiError(error.cause, options);
    if (inner.appCode !== 'INTERNAL' || error.code === 'INTERNAL_SERVER_ERROR') return inner;
  }
  if (isEngineError(error)) {
    return new ApiError(engineErrorTable[error.code], error.code, error.message, {
      field: joinField(options.fieldPrefix, error.field),
      cause: error,
    });
  }
  if (isMarketDataError(error)) {
    const field = error.field ? joinField(options.fieldPrefix, error.field) : undefined;
    return new ApiError(marketDataErrorTable[error.code], error.code, error.message, {
      ...(field ? { field } : {}),
      ...(error.upstream ? { upstream: error.upstream } : {}),
      cause: error,
    });
  }
  if (isTrpcError(error)) {
    const appCode: AppCode =
      error.code === 'BAD_REQUEST'
        ? 'VALIDATION_FAILED'
        : error.code === 'NOT_FOUND'
          ? 'NOT_FOUND'
          : error.code === 'UNAUTHORIZED'
            ? 'UNAUTHENTICATED'
            : error.code === 'FORBIDDEN'
              ? 'FORBIDDEN'
              : error.code === 'TOO_MANY_REQUESTS'
                ? 'RATE_LIMITED'
                : 'INTERNAL';
    return new ApiError(error.code, appCode, error.message, { cause: error.cause ?? error });
  }
  return new ApiError('INTERNAL_SERVER_ERROR', 'INTERNAL', 'internal error: the server failed to complete the request', {
    cause: error,
  });
}

/** Wraps an unexpected failure inside an engine computation, as the run records it. */
export function engineFailure(error: unknown): ApiError {
  if (isEngineError(error) || isMarketDataError(error) || isTrpcError(error) || isApiError(error)) return toApiError(error);
  const what = error instanceof Error ? error.message : String(error);
  return new ApiError('INTERNAL_SERVER_ERROR', 'RUN_ENGINE_ERROR', `the backtest engine failed: ${what}`, { cause: error });
}

/** `a.b[2].c` from a zod issue path. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(input)';
}
