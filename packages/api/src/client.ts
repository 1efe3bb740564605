import { createTRPCClient, httpBatchLink, type TRPCClient } from '@trpc/client';
import { transformer } from './transformer';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from './routers';

export interface SparkClientOptions {
  /** The service's base URL, e.g. http://127.0.0.1:3000 (the tRPC endpoint /api/trpc is appended). */
  url: string;
  /** A trader or admin API key, sent as `Authorization: Bearer <token>`. */
  token?: string;
  fetch?: typeof fetch;
}

/** A typed tRPC client for other services: `await client.health.query()`. */
export function createSparkClient(options: SparkClientOptions): TRPCClient<AppRouter> {
  const base = options.url.replace(/\/+$/, '');
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: `${base}/api/trpc`,
        transformer,
        headers: () => (options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...(options.fetch ? { fetch: options.fetch } : {}),
      }),
    ],
  });
}

export type { AppRouter } from './routers';
/** Request types of every procedure, e.g. `AppRouterInputs['backtest']['run']`. */
export type AppRouterInputs = inferRouterInputs<AppRouter>;
/** Response types of every procedure. */
export type AppRouterOutputs = inferRouterOutputs<AppRouter>;
