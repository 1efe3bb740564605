/**
 * HTTP entry points over fetch Request/Response, for any server: the Next.js
 * route handlers (with the process runtime) and the API's own loopback tests.
 */
import { getRun } from '@spark/db';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { createOpenApiFetchHandler, generateOpenApiDocument } from 'trpc-to-openapi';
import { createRequestContext, type ApiDeps } from './context';
import { isApiError, type ApiError } from './errors';
import { metricsResponse } from './metrics/http';
import { appRouter } from './routers';
import { artifactNames, renderArtifact, type ArtifactName } from './services/artifacts';
import { loadRunResult } from './services/runs';

/** Retry-After on rate-limit answers, for REST and tRPC clients alike. */
function responseMeta({ errors }: { errors: readonly unknown[] }) {
  const limited = errors.find((e): e is ApiError => isApiError(e) && e.retryAfterSeconds !== undefined);
  return limited ? { headers: { 'retry-after': String(limited.retryAfterSeconds) } } : {};
}

/** Serves tRPC over fetch Request/Response at `endpoint` (the Next route handler calls this). */
export async function handleTrpcRequest(deps: ApiDeps, req: Request, endpoint = '/api/trpc'): Promise<Response> {
  return fetchRequestHandler({
    endpoint,
    req,
    router: appRouter,
    createContext: () => createRequestContext(deps, req),
    responseMeta,
  });
}

/**
 * Serves the REST surface (`POST /api/backtest/run`, `GET /api/backtest/status`, ...).
 * A validation error's message names every field and rule, as over tRPC.
 */
export async function handleRestRequest(deps: ApiDeps, req: Request, endpoint = '/api'): Promise<Response> {
  const response = await createOpenApiFetchHandler({
    endpoint: endpoint as `/${string}`,
    req,
    router: appRouter,
    createContext: () => createRequestContext(deps, req),
    responseMeta,
  });
  if (response.ok || !response.headers.get('content-type')?.includes('application/json')) return response;
  const body = (await response.json()) as { message?: string; data?: { issues?: { path: string; message: string }[] } };
  if (body.data?.issues?.length) body.message = body.data.issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  const headers = new Headers(response.headers);
  headers.delete('content-length');
  return new Response(JSON.stringify(body), { status: response.status, headers });
}

/** GET /api/openapi.json */
export function openApiDocument(baseUrl: string, version: string) {
  return generateOpenApiDocument(appRouter, {
    title: 'Spark Backtest API',
    description: 'Backtests, walk-forward validation, portfolios and optimizers over exchange candles. The same procedures are served over tRPC at /api/trpc.',
    version,
    baseUrl,
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A trader or admin API key' } },
  });
}

/** GET /api/runs/{id}/artifacts/{name}: a finished run's artifact as a download. */
export async function handleArtifactRequest(deps: ApiDeps, id: string, name: string): Promise<Response> {
  if (!(artifactNames as readonly string[]).includes(name)) {
    return Response.json({ message: `unknown artifact ${JSON.stringify(name)}; allowed: ${artifactNames.join(', ')}`, code: 'BAD_REQUEST' }, { status: 400 });
  }
  if (!/^bt-[0-9TZ]{16}-[0-9a-f]{10}$/.test(id)) {
    return Response.json({ message: 'id: must be a run id like bt-20240101T000000Z-0123456789', code: 'BAD_REQUEST' }, { status: 400 });
  }
  const run = await getRun(deps.database.db, id);
  if (!run) return Response.json({ message: `no run with id ${id}`, code: 'NOT_FOUND' }, { status: 404 });
  const artifact = renderArtifact({ ...run, result: await loadRunResult(deps, run) }, name as ArtifactName);
  if (!artifact) {
    const why = run.status === 'done' ? `run ${id} (${run.kind}) has no ${name}` : `run ${id} is ${run.status}; artifacts exist once it is done`;
    return Response.json({ message: why, code: 'NOT_FOUND' }, { status: 404 });
  }
  deps.metrics.artifacts.inc({ type: name });
  return new Response(artifact.body, {
    headers: {
      'content-type': artifact.contentType,
      'content-disposition': `attachment; filename="${artifact.filename}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}

/** GET /metrics: the process registry in Prometheus text format. */
export function handleMetricsRequest(deps: ApiDeps): Promise<Response> {
  return metricsResponse(deps.config.version);
}

/** Routes a request under /api (or /metrics) to the right handler: what a plain Node server needs. */
export async function routeApiRequest(deps: ApiDeps, req: Request): Promise<Response> {
  const { pathname } = new URL(req.url);
  if (pathname.startsWith('/api/trpc')) return handleTrpcRequest(deps, req);
  if (pathname === '/metrics' || pathname === '/api/metrics') return handleMetricsRequest(deps);
  if (pathname === '/api/openapi.json') return Response.json(openApiDocument(`${new URL(req.url).origin}/api`, deps.config.version));
  const artifact = /^\/api\/runs\/([^/]+)\/artifacts\/([^/]+)$/.exec(pathname);
  if (artifact) return handleArtifactRequest(deps, decodeURIComponent(artifact[1]!), decodeURIComponent(artifact[2]!));
  return handleRestRequest(deps, req);
}
