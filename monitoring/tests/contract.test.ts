/**
 * The exposition reader against prom-client itself (the library the app serves /metrics
 * with), on the service's own registry: an independent writer of the format.
 */
import { describe, expect, it } from 'vitest';
import { SeriesCatalog } from '../src/catalog';
import { exportedSeriesNames, parseExposition } from '../src/exposition';
import { contractFamilies, observedContractRegistry } from './support/contract';

describe('the metrics contract read back from prom-client\'s exposition', () => {
  it('yields every registered family with its type', async () => {
    const { registry } = observedContractRegistry();
    const families = parseExposition(await registry.metrics());
    const expected = Object.fromEntries(contractFamilies().map((f) => [f.name, f.type]));
    expect(Object.fromEntries([...families.values()].map((f) => [f.name, f.type]))).toEqual(expected);
  });

  it('yields the label names prom-client wrote on the samples, plus le on buckets', async () => {
    const { registry } = observedContractRegistry();
    const families = parseExposition(await registry.metrics());
    expect([...(families.get('backtest_runs_total')?.samples.get('backtest_runs_total') ?? [])].sort()).toEqual(['kind', 'status']);
    expect([...(families.get('spark_backtest_run_latency_ms')?.samples.get('spark_backtest_run_latency_ms_bucket') ?? [])].sort()).toEqual(['le', 'size']);
    expect([...(families.get('spark_backtest_opt_latency_ms')?.samples.get('spark_backtest_opt_latency_ms_count') ?? [])]).toEqual(['combinations']);
  });

  it('exports the series names the catalog derives from the contract, and no others', async () => {
    const { registry } = observedContractRegistry();
    const exported = exportedSeriesNames(parseExposition(await registry.metrics()));
    const catalog = new SeriesCatalog();
    contractFamilies().forEach((f) => catalog.addFamily(f));
    expect([...exported].sort()).toEqual(catalog.names());
  });

  it('has the 29 or more spark_backtest_* / backtest_* families the API issue asks for', () => {
    expect(contractFamilies().filter((f) => /^(spark_backtest_|backtest_)/.test(f.name)).length).toBeGreaterThanOrEqual(29);
  });
});
