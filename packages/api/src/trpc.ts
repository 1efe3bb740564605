/**
 * The only initTRPC call. Cross-cutting behaviour is declared per procedure in
 * `meta` and applied by one middleware chain, so a handler only unpacks, calls
 * a service and returns:
 *   - `role`: the least role allowed (viewer when omitted);
 *   - `limits`: rate limits beyond the global per-IP one;
 *   - `flag`: the procedure key whose feature flag picks the real or mock
 *     implementation, injected as `ctx.impl` (handlers never branch on flags);
 *   - `audit`: the audit event a call writes, success or failure;
 *   - `openapi`: the REST route (trpc-to-openapi).
 */
import { initTRPC } from '@trpc/server';
import { transformer } from './transformer';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { Context } from './context';
import { ApiError, formatIssuePath, isApiError, isZodError, toApiError } from './errors';
import type { ProcedureKey } from './procedure-keys';
import { audit } from './services/audit';
import { authenticate, isAuthFailure, roleRank, type Principal, type Role } from './services/auth';
import type { LimitName } from './services/rate-limits';
import { selectImplementation } from './services/procedure-modes';

export type ProcedureMeta = OpenApiMeta<{
  role?: Role;
  limits?: Exclude<LimitName, 'global'>[];
  flag?: ProcedureKey;
  audit?: string;
}>;

/** Procedures exempt from the global per-IP limit: probes must work while an IP is throttled. */
const unlimitedPaths = new Set(['health']);

const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
    transformer,
    errorFormatter({ shape, error }) {
      const { stack: _stack, ...data } = shape.data;
      const zod = isZodError(error.cause) ? error.cause : undefined;
      if (zod) {
        const issues = zod.issues.map((i) => ({ path: formatIssuePath(i.path), message: i.message }));
        return {
          ...shape,
          message: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
          data: { ...data, appCode: 'VALIDATION_FAILED', field: issues[0]?.path, issues },
        };
      }
      const api = isApiError(error) ? error : undefined;
      return {
        ...shape,
        // Internal errors keep their safe summary; the cause (and its stack) stays in the server log.
        message: error.message,
        data: {
          ...data,
          appCode: api?.appCode ?? (error.code === 'INTERNAL_SERVER_ERROR' ? 'INTERNAL' : undefined),
          field: api?.field,
          upstream: api?.upstream,
          retryAfterSeconds: api?.retryAfterSeconds,
        },
      };
    },
  });

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;

const base = t.procedure
  // Metrics and error conversion wrap everything else.
  .use(async ({ ctx, path, next }) => {
    const result = await next();
    const { metrics } = ctx.deps;
    if (result.ok) {
      metrics.apiRequests.inc({ procedure: path, code: 'OK' });
      return result;
    }
    const error = toApiError(result.error);
    metrics.apiRequests.inc({ procedure: path, code: error.code });
    if (error.code === 'INTERNAL_SERVER_ERROR') ctx.deps.log(`${path} failed`, error.cause ?? error);
    throw error;
  })
  .use(async ({ ctx, meta, path, next }) => {
    const { deps, request } = ctx;
    let principal: Principal;
    try {
      principal = await authenticate(deps.database.db, deps.auth, request.authorization, request.ip, deps.now);
    } catch (error) {
      if (!isAuthFailure(error)) throw error;
      deps.metrics.authFailures.inc({ reason: error.reason });
      await audit(deps.database.db, {
        event: 'auth.failure',
        actor: `unknown@${request.ip}`,
        role: 'none',
        ip: request.ip,
        userAgent: request.userAgent,
        summary: { procedure: path, reason: error.reason },
      }, (e) => deps.log('audit write failed', e));
      throw new ApiError('UNAUTHORIZED', 'UNAUTHENTICATED', `${error.message}; send "Authorization: Bearer <API key>" or no header to act as a viewer`);
    }
    const required = meta?.role ?? 'viewer';
    if (roleRank[principal.role] < roleRank[required]) {
      deps.metrics.authFailures.inc({ reason: 'insufficient_role' });
      await audit(deps.database.db, {
        event: 'auth.forbidden',
        actor: principal.actor,
        role: principal.role,
        ip: request.ip,
        userAgent: request.userAgent,
        summary: { procedure: path, required },
      }, (e) => deps.log('audit write failed', e));
      throw new ApiError(
        principal.role === 'viewer' ? 'UNAUTHORIZED' : 'FORBIDDEN',
        principal.role === 'viewer' ? 'UNAUTHENTICATED' : 'FORBIDDEN',
        `${path} requires the ${required} role; you are ${principal.role === 'viewer' ? 'not authenticated (viewer)' : `a ${principal.role}`}`,
      );
    }
    return next({ ctx: { principal } });
  })
  .use(async ({ ctx, meta, path, next }) => {
    const { deps, request, principal } = ctx;
    const checks: [LimitName, string][] = [];
    if (!unlimitedPaths.has(path)) checks.push(['global', request.ip]);
    for (const limit of meta?.limits ?? []) {
      if (limit === 'viewer_backtest' && principal.role === 'viewer') checks.push([limit, request.ip]);
      if (limit === 'optimize') checks.push([limit, principal.keyId ?? principal.actor]);
    }
    for (const [limit, key] of checks) {
      const rejection = await deps.rateLimits.consume(limit, key);
      if (rejection) {
        deps.metrics.rateLimitRejections.inc({ limit });
        throw new ApiError('TOO_MANY_REQUESTS', 'RATE_LIMITED', rejection.message, { retryAfterSeconds: rejection.retryAfterSeconds });
      }
    }
    return next();
  })
  .use(async ({ ctx, meta, next, getRawInput }) => {
    if (!meta?.audit) return next();
    const result = await next();
    const { deps, request, principal } = ctx;
    const data = result.ok ? (result.data as Record<string, unknown> | undefined) : undefined;
    const runId = typeof data?.runId === 'string' ? data.runId : null;
    await audit(deps.database.db, {
      event: meta.audit,
      runId,
      actor: principal.actor,
      role: principal.role,
      ip: request.ip,
      userAgent: request.userAgent,
      summary: { outcome: result.ok ? 'ok' : toApiError(result.error).code, input: await getRawInput().catch(() => undefined) },
    }, (e) => deps.log('audit write failed', e));
    return result;
  });

/** Anyone; rate limited per IP. Procedures raise the bar with `meta.role`. */
export const publicProcedure = base;

/**
 * A procedure served by the real engine or its deterministic mock, as the
 * feature flag named by `meta.flag` says at this request (so a flag change
 * needs no restart). The choice arrives as `ctx.impl` and `ctx.mock`.
 */
export const flaggedProcedure = base.use(async ({ ctx, meta, path, next }) => {
  if (!meta?.flag) throw new Error(`${path} is a flagged procedure without meta.flag`);
  const { impl, mock } = await selectImplementation(ctx.deps, meta.flag);
  return next({ ctx: { impl, mock } });
});
