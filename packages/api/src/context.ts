import type { SparkDb } from '@spark/db';

/** Long-lived dependencies, built once per process (or per test) and injected into every request. */
export interface ApiDeps {
  database: SparkDb;
  safeMode: boolean;
  version: string;
  /** Injectable clock (epoch ms) so tests control time. */
  now: () => number;
  startedAtMs: number;
}

export interface RequestInfo {
  ip: string;
  userAgent: string;
  authorization: string | undefined;
}

export interface Context {
  deps: ApiDeps;
  request: RequestInfo;
}

/** Builds the per-request context from the incoming HTTP request. */
export function createRequestContext(deps: ApiDeps, req: Request): Context {
  const forwarded = req.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return {
    deps,
    request: {
      ip: forwarded || req.headers.get('x-real-ip') || 'unknown',
      userAgent: req.headers.get('user-agent') ?? '',
      authorization: req.headers.get('authorization') ?? undefined,
    },
  };
}

/** A request-free context for caller tests and in-process use. */
export function createInternalContext(deps: ApiDeps, request: Partial<RequestInfo> = {}): Context {
  return {
    deps,
    request: { ip: request.ip ?? '127.0.0.1', userAgent: request.userAgent ?? 'internal', authorization: request.authorization },
  };
}
