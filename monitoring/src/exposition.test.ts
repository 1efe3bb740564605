import { describe, expect, it } from 'vitest';
import { ExpositionError, exportedSeriesNames, parseExposition, seriesNames } from './exposition';

// Shaped like prom-client's output (Prometheus text format 0.0.4), written by hand.
const sample = `# HELP spark_backtest_run_latency_ms Single backtest wall time, ms
# TYPE spark_backtest_run_latency_ms histogram
spark_backtest_run_latency_ms_bucket{le="50",size="1k"} 1
spark_backtest_run_latency_ms_bucket{le="+Inf",size="1k"} 2
spark_backtest_run_latency_ms_sum{size="1k"} 71.5
spark_backtest_run_latency_ms_count{size="1k"} 2
# HELP backtest_runs_total Runs finished
# TYPE backtest_runs_total counter
backtest_runs_total{kind="run",status="done"} 3
# HELP spark_backtest_cached_candles_total Candles held in the cache
# TYPE spark_backtest_cached_candles_total gauge
spark_backtest_cached_candles_total 0
# HELP spark_backtest_opt_latency_ms Optimization wall time, ms
# TYPE spark_backtest_opt_latency_ms histogram
# TYPE rpc_duration_seconds summary
rpc_duration_seconds{quantile="0.5"} 4.773e-05
rpc_duration_seconds_sum 1.7560473e+07
rpc_duration_seconds_count 2693
# a free-form comment line is allowed
spark_backtest_build_info{version="0.1.0",note="a \\"quoted\\" } brace"} 1
weird_untyped_total NaN
negative_gauge -Inf 1700000000000
nodejs_eventloop_lag_mean_seconds Nan
`;

describe('parseExposition', () => {
  const families = parseExposition(sample);

  it('reads each family with its declared type', () => {
    expect(Object.fromEntries([...families.values()].map((f) => [f.name, f.type]))).toEqual({
      spark_backtest_run_latency_ms: 'histogram',
      backtest_runs_total: 'counter',
      spark_backtest_cached_candles_total: 'gauge',
      spark_backtest_opt_latency_ms: 'histogram',
      rpc_duration_seconds: 'summary',
      spark_backtest_build_info: 'untyped',
      weird_untyped_total: 'untyped',
      negative_gauge: 'untyped',
      nodejs_eventloop_lag_mean_seconds: 'untyped',
    });
  });

  it('files a histogram\'s _bucket, _sum and _count samples under the histogram', () => {
    const h = families.get('spark_backtest_run_latency_ms');
    expect([...(h?.samples.keys() ?? [])].sort()).toEqual([
      'spark_backtest_run_latency_ms_bucket',
      'spark_backtest_run_latency_ms_count',
      'spark_backtest_run_latency_ms_sum',
    ]);
    expect([...(h?.samples.get('spark_backtest_run_latency_ms_bucket') ?? [])].sort()).toEqual(['le', 'size']);
  });

  it('reads label names past escaped quotes and braces inside values', () => {
    expect([...(families.get('spark_backtest_build_info')?.samples.get('spark_backtest_build_info') ?? [])].sort()).toEqual(['note', 'version']);
  });

  it('exports a histogram\'s series names even before any observation', () => {
    const names = exportedSeriesNames(families);
    expect(names.has('spark_backtest_opt_latency_ms_bucket')).toBe(true);
    expect(names.has('spark_backtest_opt_latency_ms_count')).toBe(true);
    expect(names.has('spark_backtest_opt_latency_ms')).toBe(false);
    expect(names.has('rpc_duration_seconds')).toBe(true);
  });

  it.each([
    ['{a="b"} 1', 1, 'must start with a metric name'],
    ['x{a="b} 1', 1, 'unterminated'],
    ['x{a=b} 1', 1, 'no quoted value'],
    ['\n# TYPE x gauge\nx one', 3, 'is not a number'],
    ['# TYPE x distribution', 1, 'unknown metric type "distribution"'],
    ['x', 1, 'is not a number'],
  ])('rejects %j at line %i, saying why', (text, line, detail) => {
    expect(() => parseExposition(text)).toThrow(ExpositionError);
    expect(() => parseExposition(text)).toThrow(`exposition line ${line}: `);
    expect(() => parseExposition(text)).toThrow(detail);
  });
});

describe('seriesNames', () => {
  it('follows the exposition format\'s naming per type', () => {
    expect(seriesNames('h', 'histogram')).toEqual(['h_bucket', 'h_sum', 'h_count']);
    expect(seriesNames('s', 'summary')).toEqual(['s', 's_sum', 's_count']);
    expect(seriesNames('c_total', 'counter')).toEqual(['c_total']);
    expect(seriesNames('g', 'gauge')).toEqual(['g']);
  });
});
