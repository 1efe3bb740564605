/**
 * The one table that turns domain errors into tRPC errors. The engine and the
 * market-data layer throw typed errors with closed code sets; every code has a
 * row here (a test covers each), so a new code fails the build until mapped.
 * Anything else that escapes a procedure is an internal error whose message
 * says what failed without leaking a stack trace.
 */
import { TRPCError } from '@trpc/server';
import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import { EngineError, type EngineErrorCode } from '@spark/engine';
import { MarketDataError, type MarketDataErrorCode } from '@spark/db/market-data';
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

/** An error raised by the API itself, carrying what the client needs to act on it. */
export class ApiError extends TRPCError {
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
  if (error instanceof TRPCError && error.cause instanceof ZodError) {
    const issues = error.cause.issues;
    return new ApiError('BAD_REQUEST', 'VALIDATION_FAILED', issues.map((i) => `${formatIssuePath(i.path)}: ${i.message}`).join('; '), {
      field: formatIssuePath(issues[0]?.path ?? []),
      cause: error.cause,
    });
  }
  if (error instanceof TRPCError && error.cause && !(error.cause instanceof ZodError)) {
    const inner = toApiError(error.cause, options);
    if (inner.appCode !== 'INTERNAL' || error.code === 'INTERNAL_SERVER_ERROR') return inner;
  }
  if (error instanceof EngineError) {
    return new ApiError(engineErrorTable[error.code], error.code, error.message, {
      field: joinField(options.fieldPrefix, error.field),
      cause: error,
    });
  }
  if (error instanceof MarketDataError) {
    const field = error.field ? joinField(options.fieldPrefix, error.field) : undefined;
    return new ApiError(marketDataErrorTable[error.code], error.code, error.message, {
      ...(field ? { field } : {}),
      ...(error.upstream ? { upstream: error.upstream } : {}),
      cause: error,
    });
  }
  if (error instanceof TRPCError) {
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
  if (error instanceof EngineError || error instanceof MarketDataError || error instanceof TRPCError) return toApiError(error);
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
