/**
 * The Prometheus metrics the service exports. Names and labels here are a
 * contract with monitoring/ (alerts, recording rules, dashboards): a test there
 * checks every query against a live /metrics. Labels are low-cardinality only
 * (never a run id, symbol list or raw parameter value).
 *
 * prom-client is external to the Next.js bundle and the registry lives on
 * globalThis, so instrumentation and route bundles share one registry, and a
 * dev reload re-uses the registered metrics instead of throwing.
 */
import client from 'prom-client';

// 8000 sits on the backtest latency alert's threshold, so its p95 is not interpolated across 5-10 s.
const latencyBucketsMs = [50, 100, 250, 500, 1000, 2500, 5000, 8000, 10000];
const longLatencyBucketsMs = [50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 120000];

function createMetrics(registry: client.Registry) {
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new client.Counter<L>({ name, help, labelNames, registers: [registry] });
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []) =>
    new client.Gauge<L>({ name, help, labelNames, registers: [registry] });
  const histogram = <L extends string>(name: string, help: string, buckets: number[], labelNames: readonly L[] = []) =>
    new client.Histogram<L>({ name, help, buckets, labelNames, registers: [registry] });

  return {
    buildInfo: gauge('spark_backtest_build_info', 'Always 1; the version label names the running build', ['version']),
    apiRequests: counter('spark_backtest_api_requests_total', 'tRPC/REST calls by procedure and result code', ['procedure', 'code']),
    latency: histogram('spark_backtest_latency_ms', 'Wall time of every backtest-family procedure, ms', latencyBucketsMs, ['procedure']),
    mockResponses: counter('spark_backtest_mock_responses_total', 'Responses served by a mock implementation', ['procedure']),
    flagChanges: counter('spark_backtest_flag_changes_total', 'Feature flag changes made through flags.set', ['procedure', 'mode']),
    procedureMode: gauge('spark_backtest_procedure_mode', '1 for the mode each procedure serves now (real or mock), 0 for the other', ['procedure', 'mode']),

    runJobs: counter('spark_backtest_run_jobs_total', 'Single backtests run', ['exchange', 'timeframe']),
    runErrors: counter('spark_backtest_run_errors_total', 'Failed backtest-family calls by procedure and error code', ['procedure', 'code']),
    runLatency: histogram('spark_backtest_run_latency_ms', 'Single backtest wall time (data + engine), ms, by series size class', latencyBucketsMs, ['size']),
    runBars: histogram('spark_backtest_run_bars', 'Bars per backtest', [1000, 5000, 10000, 50000, 100000, 500000]),

    cacheHits: counter('spark_backtest_cache_hit_total', 'Candle requests served entirely from the cache'),
    cacheMisses: counter('spark_backtest_cache_miss_total', 'Candle requests that had to fetch from an exchange'),
    cachedCandles: gauge('spark_backtest_cached_candles_total', 'Candles held in the DuckDB cache'),
    candlesFetched: counter('spark_backtest_candles_fetched_total', 'Candles fetched from an upstream exchange', ['exchange']),
    upstreamErrors: counter('spark_backtest_upstream_errors_total', 'Upstream exchange failures by exchange and error code', ['exchange', 'code']),
    dataLatency: histogram('spark_backtest_data_latency_ms', 'Candle load wall time, ms, by source', latencyBucketsMs, ['source']),

    wfoRuns: counter('spark_backtest_wfo_runs_total', 'Walk-forward validations run', ['mode']),
    wfoLatency: histogram('spark_backtest_wfo_latency_ms', 'Walk-forward wall time, ms', longLatencyBucketsMs, ['mode']),
    wfoRatio: histogram('spark_backtest_wfo_ratio', 'Test Sharpe / train Sharpe of simple walk-forwards', [-1, 0, 0.25, 0.5, 0.6, 0.75, 1, 1.5, 2]),
    wfoFolds: counter('spark_backtest_wfo_folds_total', 'Walk-forward folds evaluated'),
    wfoPbo: gauge('spark_backtest_wfo_last_pbo', 'Probability of backtest overfitting of the last multi-fold walk-forward'),
    wfoVerdicts: counter('spark_backtest_wfo_verdicts_total', 'Walk-forward verdicts', ['verdict']),
    overfittingDetected: counter('spark_backtest_overfitting_detected_total', 'Walk-forwards whose verdict was overfit'),

    portfolioRuns: counter('spark_backtest_portfolio_runs_total', 'Portfolio backtests run', ['rebalance']),
    portfolioLatency: histogram('spark_backtest_portfolio_latency_ms', 'Portfolio backtest wall time, ms', latencyBucketsMs, ['symbols_count']),
    portfolioDiversification: gauge('spark_backtest_portfolio_diversification_benefit', 'Combined Sharpe minus average individual Sharpe of the last portfolio'),

    optRuns: counter('spark_backtest_opt_runs_total', 'Optimizations run', ['method']),
    optLatency: histogram('spark_backtest_opt_latency_ms', 'Optimization wall time, ms, by combination count class', longLatencyBucketsMs, ['combinations']),
    optEvaluations: counter('spark_backtest_opt_evaluations_total', 'Parameter sets evaluated by optimizers', ['method']),
    optRejected: counter('spark_backtest_opt_rejected_total', 'Optimizations refused before any work', ['reason']),
    optCancelled: counter('spark_backtest_opt_cancelled_total', 'Optimizations cancelled by the user'),
    optPoolThreads: gauge('spark_backtest_opt_pool_threads', 'Worker threads in the optimizer pool'),

    queueDepth: gauge('spark_backtest_queue_depth', 'Long jobs waiting in the queue'),
    queueRejections: counter('spark_backtest_queue_rejections_total', 'Jobs refused because the queue was full'),

    runsTotal: counter('backtest_runs_total', 'Runs finished, by kind and final status', ['kind', 'status']),
    runDuration: histogram('backtest_duration_seconds', 'Run duration from start to finish, seconds', [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300], ['kind']),
    activeRuns: gauge('backtest_active_runs', 'Runs currently executing'),
    artifacts: counter('backtest_artifacts_generated_total', 'Run artifacts generated for download', ['type']),

    rateLimitRejections: counter('spark_ratelimit_rejections_total', 'Requests refused by a rate limit', ['limit']),
    authFailures: counter('spark_auth_failures_total', 'Requests refused for a missing, invalid or insufficient credential', ['reason']),
  };
}

export type SparkMetrics = ReturnType<typeof createMetrics>;

/**
 * Labelled counters appear at their first increment, and rate()/increase()
 * cannot see that first event; starting the known label values at zero makes
 * the first failure of a kind visible to the alerts.
 */
function initialiseKnownSeries(m: SparkMetrics): void {
  const kinds = ['run', 'walkforward', 'portfolio', 'optimize'];
  for (const kind of kinds) {
    for (const status of ['done', 'failed']) m.runsTotal.inc({ kind, status }, 0);
    m.mockResponses.inc({ procedure: kind }, 0);
  }
  for (const limit of ['global', 'viewer_backtest', 'optimize']) m.rateLimitRejections.inc({ limit }, 0);
  for (const reason of ['malformed_header', 'invalid_token', 'revoked_or_unknown_key', 'insufficient_role']) m.authFailures.inc({ reason }, 0);
  for (const type of ['result.json', 'equity.csv', 'trades.csv', 'folds.csv', 'trials.csv', 'correlation.csv']) m.artifacts.inc({ type }, 0);
  m.cacheHits.inc(0);
  m.cacheMisses.inc(0);
  m.overfittingDetected.inc(0);
}

interface MetricsHolder {
  registry: client.Registry;
  metrics: SparkMetrics;
}

const holderKey = Symbol.for('spark.backtest.metrics');
type GlobalWithMetrics = typeof globalThis & { [holderKey]?: MetricsHolder };

/** The process-wide registry (with Node's default process metrics) and the service's metrics. */
export function getMetrics(): MetricsHolder {
  const g = globalThis as GlobalWithMetrics;
  if (!g[holderKey]) {
    const registry = new client.Registry();
    client.collectDefaultMetrics({ register: registry });
    const metrics = createMetrics(registry);
    initialiseKnownSeries(metrics);
    g[holderKey] = { registry, metrics };
  }
  return g[holderKey];
}

/** A separate registry for tests, so counts start at zero. */
export function createTestMetrics(): MetricsHolder {
  const registry = new client.Registry();
  const metrics = createMetrics(registry);
  initialiseKnownSeries(metrics);
  return { registry, metrics };
}

/** Size class label for a bar count: keeps `size` to four values. */
export function barSizeClass(bars: number): '1k' | '5k' | '50k' | '500k' {
  if (bars <= 1_000) return '1k';
  if (bars <= 5_000) return '5k';
  if (bars <= 50_000) return '50k';
  return '500k';
}

/** Combination-count class label for optimizer latency. */
export function combinationClass(combinations: number): '1-50' | '51-200' | '201-500' | '501+' {
  if (combinations <= 50) return '1-50';
  if (combinations <= 200) return '51-200';
  if (combinations <= 500) return '201-500';
  return '501+';
}
