import { getMetrics } from './registry';

/** The Prometheus text exposition of the process registry, for GET /metrics. */
export async function metricsResponse(version: string): Promise<Response> {
  const { registry, metrics } = getMetrics();
  metrics.buildInfo.set({ version }, 1);
  return new Response(await registry.metrics(), {
    headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' },
  });
}
