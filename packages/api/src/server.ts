/**
 * The process-wide server runtime and the HTTP entry points the Next.js route
 * handlers delegate to. One database, candle cache, job runner and metrics
 * registry per process, kept on globalThis because Next.js evaluates
 * workspace modules twice (instrumentation and route bundles).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createRunSeriesStore, findWorkspaceRoot, openDatabase, readDbEnv } from '@spark/db';
import { createOptimizerPool } from '@spark/engine/pool';
import type { ApiDeps } from './context';
import { createApiDeps } from './deps';
import { readApiEnv } from './env';
import * as http from './http';
import { ensureBootstrapAdmin } from './services/auth';
import { openMarketData } from './services/market-data';
import { applyBootFlags } from './services/procedure-modes';

export async function createServerDeps(): Promise<ApiDeps> {
  const apiEnv = readApiEnv();
  const dbEnv = readDbEnv();
  const database = await openDatabase(dbEnv);
  await applyBootFlags(database.db, apiEnv.realRoutes);
  const bootstrapToken = await ensureBootstrapAdmin(database.db, apiEnv.adminToken !== undefined);
  if (bootstrapToken) {
    console.log(
      `\n[spark] No ADMIN_TOKEN is set, so an admin API key was created. It is shown this once and stored only as a hash:\n\n    ${bootstrapToken}\n\n` +
        '[spark] Keep it in a password manager; send it as "Authorization: Bearer <key>". Set ADMIN_TOKEN to use your own instead.\n',
    );
  }
  const marketData = await openMarketData();
  // Kept warm for the life of the process: starting workers per request would cost more than small grids take.
  const workerFile = apiEnv.optimizerWorkerFile ?? join(findWorkspaceRoot(), 'packages', 'engine', 'dist', 'optimizer-worker.mjs');
  const optimizerPool = existsSync(/*turbopackIgnore: true*/ workerFile)
    ? createOptimizerPool({ maxThreads: apiEnv.optimizerMaxConcurrency, workerFile })
    : undefined;
  const deps = await createApiDeps({ database, runSeries: createRunSeriesStore(database, dbEnv.dataDir), marketData, env: apiEnv, optimizerPool });
  if (optimizerPool) deps.metrics.optPoolThreads.set(optimizerPool.threads);
  else deps.log(`optimizer worker bundle not found at ${workerFile}; optimizations run on the request thread (build @spark/engine to enable the pool)`);
  // The embedded database belongs to this process alone, so every unfinished run is an orphan of the last one.
  await deps.jobs.sweepOrphans(deps, database.kind === 'pglite' ? 0 : undefined);
  deps.jobs.start(deps);
  return deps;
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

/** The Next.js route handlers' entry points, bound to this process's runtime. */
export const handleTrpcRequest = async (req: Request) => http.handleTrpcRequest(await getServerDeps(), req);
export const handleRestRequest = async (req: Request) => http.handleRestRequest(await getServerDeps(), req);
export const handleArtifactRequest = async (id: string, name: string) => http.handleArtifactRequest(await getServerDeps(), id, name);
export const handleMetricsRequest = async () => http.handleMetricsRequest(await getServerDeps());
export const openApiDocument = async (baseUrl: string) => http.openApiDocument(baseUrl, (await getServerDeps()).config.version);

export { getMetrics } from './metrics/registry';
