/**
 * The process-wide server runtime: one database (and, later, candle cache and
 * worker pool) per process, kept on globalThis because Next.js evaluates
 * workspace modules twice (instrumentation and route bundles).
 */
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { openDatabase, readDbEnv } from '@spark/db';
import { createRequestContext, type ApiDeps } from './context';
import { readApiEnv } from './env';
import { metricsResponse } from './metrics/http';
import { appRouter } from './routers';
import { applyBootFlags } from './services/procedure-modes';

export async function createServerDeps(): Promise<ApiDeps> {
  const apiEnv = readApiEnv();
  const database = await openDatabase(readDbEnv());
  await applyBootFlags(database.db, apiEnv.realRoutes);
  return { database, safeMode: apiEnv.safeMode, version: apiEnv.version, now: Date.now, startedAtMs: Date.now() };
}

const runtimeKey = Symbol.for('spark.backtest.server-runtime');
type GlobalWithRuntime = typeof globalThis & { [runtimeKey]?: Promise<ApiDeps> };

/** The runtime of this process, created on first use (instrumentation warms it at start). */
export function getServerDeps(): Promise<ApiDeps> {
  const g = globalThis as GlobalWithRuntime;
  g[runtimeKey] ??= createServerDeps().catch((error) => {
    delete g[runtimeKey];
    throw error;
  });
  return g[runtimeKey];
}

/** Serves tRPC over fetch Request/Response at `endpoint` (the Next route handler calls this). */
export async function handleTrpcRequest(req: Request, endpoint = '/api/trpc'): Promise<Response> {
  const deps = await getServerDeps();
  return fetchRequestHandler({
    endpoint,
    req,
    router: appRouter,
    createContext: () => createRequestContext(deps, req),
  });
}

/** GET /metrics: the process registry in Prometheus text format. */
export async function handleMetricsRequest(): Promise<Response> {
  const deps = await getServerDeps();
  return metricsResponse(deps.version);
}

export { getMetrics } from './metrics/registry';
