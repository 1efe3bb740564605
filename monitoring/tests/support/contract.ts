/**
 * The metrics contract: packages/api/src/metrics/registry.ts, read through prom-client itself
 * (a fresh test registry, so nothing is shared with a running app). monitoring/ depends on
 * the API only here, and only for names, types and label names.
 */
import { createTestMetrics } from '../../../packages/api/src/metrics/registry';
import type { FamilySpec } from '../../src/catalog';
import type { MetricType } from '../../src/exposition';

export interface ContractFamily extends FamilySpec {
  labelNames: readonly string[];
  help: string;
}

interface PromClientMetric {
  name: string;
  help: string;
  type: string;
  labelNames?: readonly string[];
}

/** Every family the service registers, with its type and label names. */
export function contractFamilies(): ContractFamily[] {
  const { registry } = createTestMetrics();
  return registry.getMetricsAsArray().map((m) => {
    const metric = m as unknown as PromClientMetric;
    return { name: metric.name, help: metric.help, type: metric.type as MetricType, labelNames: [...(metric.labelNames ?? [])] };
  });
}

/** A registry of the service's metrics with a few observations, for exposition round trips. */
export function observedContractRegistry() {
  const holder = createTestMetrics();
  const { metrics } = holder;
  metrics.buildInfo.set({ version: '0.1.0' }, 1);
  metrics.runsTotal.inc({ kind: 'run', status: 'done' });
  metrics.runLatency.observe({ size: '5k' }, 42);
  metrics.optLatency.observe({ combinations: '1-50' }, 31_000);
  metrics.cacheHits.inc();
  return holder;
}
