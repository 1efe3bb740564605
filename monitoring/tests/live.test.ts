/**
 * The monitoring files against the running app. One built app (fresh data folder, free
 * port) serves both checks:
 *   - drift: every series an alert, recording rule, dashboard panel or runbook query reads is
 *     exported by the app's live /metrics (or written by Prometheus or a recording rule), with
 *     the labels the metrics contract gives it;
 *   - a real Prometheus from Debian's package, with a config derived from the repository's
 *     and the repository's rule files, scrapes the app, evaluates every rule without error,
 *     runs every dashboard and runbook query, and raises no alert on a healthy app.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prometheusSeries, SeriesCatalog } from '../src/catalog';
import { legendLabels } from '../src/dashboards';
import { exportedSeriesNames, parseExposition, type MetricFamily } from '../src/exposition';
import { inferLabels, metricNamePatterns, metricNames, parsePromql } from '../src/promql';
import { promqlBlocks } from '../src/runbook';
import { generateMonitoringTraffic, startApp, type RunningApp } from './support/app';
import { contractFamilies } from './support/contract';
import { deriveConfig, eventually, startPrometheus, type RunningPrometheus } from './support/prometheus';
import { alertFiles, alertRules, dashboards, jobName, prometheusConfig, recordingFiles, recordingRules, ruleGroups, runbook } from './support/repo';
import { appBuildMissing, describeWithTool, firstMissing, prometheusMissing } from './support/tools';

interface Query {
  where: string;
  expr: string;
  legendFormat?: string;
}

/** Every PromQL expression the monitoring files hold, with where it comes from. */
function allQueries(): Query[] {
  return [
    ...recordingRules().map((r) => ({ where: `recording rule ${r.name}`, expr: r.expr })),
    ...alertRules().map((r) => ({ where: `alert ${r.name}`, expr: r.expr })),
    ...dashboards().flatMap((d) =>
      d.queries.map((q) => ({ where: `${d.title}: ${q.where}`, expr: q.expr, ...(q.legendFormat !== undefined ? { legendFormat: q.legendFormat } : {}) })),
    ),
    ...promqlBlocks(runbook()).map((expr, i) => ({ where: `runbook query #${i + 1}`, expr })),
  ];
}

/** Series and labels as the live app exports them; labels from the contract where it defines the family. */
function liveCatalog(families: Map<string, MetricFamily>): SeriesCatalog {
  const contract = new Map(contractFamilies().map((f) => [f.name, f]));
  const catalog = new SeriesCatalog();
  for (const family of families.values()) {
    const declared = contract.get(family.name);
    const observed = [...family.samples.values()];
    const labelNames = declared?.labelNames ?? (observed.length ? [...new Set(observed.flatMap((s) => [...s]))].filter((l) => l !== 'le' && l !== 'quantile') : undefined);
    catalog.addFamily({ name: family.name, type: family.type, ...(labelNames ? { labelNames } : {}) });
  }
  catalog.addPrometheusSeries();
  catalog.addRecordingRules(recordingRules());
  return catalog;
}

/** Grafana's variables as a Prometheus query would see them after interpolation. */
function interpolateGrafana(expr: string): string {
  return expr
    .replace(/\$\{?__rate_interval\}?|\$\{?__interval\}?|\$\{?__range\}?/g, '1m')
    .replace(/\$\{?job\}?/g, jobName);
}

describeWithTool('monitoring files against the live app', appBuildMissing(), () => {
  let app: RunningApp | undefined;
  let families: Map<string, MetricFamily>;
  let exported: Set<string>;

  beforeAll(async () => {
    app = await startApp();
    await generateMonitoringTraffic(app);
    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(200);
    families = parseExposition(await res.text());
    exported = exportedSeriesNames(families);
  }, 150_000);

  afterAll(async () => {
    await app?.stop();
  });

  describe('drift against /metrics', () => {
    it('exports every family of the metrics contract, with its type', () => {
      const missing = contractFamilies().filter((f) => families.get(f.name)?.type !== f.type).map((f) => `${f.name} (${f.type})`);
      expect(missing).toEqual([]);
      expect([...families.keys()].filter((n) => /^(spark_backtest_|backtest_)/.test(n)).length).toBeGreaterThanOrEqual(29);
    });

    it('serves the same exposition at /api/metrics', async () => {
      const res = await fetch(`${app!.url}/api/metrics`);
      expect(res.status).toBe(200);
      expect([...parseExposition(await res.text()).keys()].sort()).toEqual([...families.keys()].sort());
    });

    it('finds every series an alert, recording rule, dashboard query or runbook query reads', () => {
      const recorded = new Set(recordingRules().map((r) => r.name));
      const problems: string[] = [];
      for (const q of allQueries()) {
        const node = parsePromql(q.expr);
        for (const name of metricNames(node)) {
          const known = exported.has(name) || recorded.has(name) || name in prometheusSeries;
          if (!known) problems.push(`${q.where} reads ${name}, which /metrics does not export`);
        }
        for (const pattern of metricNamePatterns(node)) {
          if (![...exported].some((n) => pattern.test(n))) problems.push(`${q.where}: no exported series matches ${pattern}`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('uses only label names those series carry, in selectors, by(), on() and legends', () => {
      const catalog = liveCatalog(families);
      const problems: string[] = [];
      for (const q of allQueries()) {
        const { labels, problems: found } = inferLabels(q.expr, catalog.labels);
        problems.push(...found.map((p) => `${q.where}: ${p.message}`));
        if (labels && q.legendFormat) {
          for (const l of legendLabels(q.legendFormat)) if (!labels.has(l)) problems.push(`${q.where}: legend uses {{${l}}}, which the query's result does not carry`);
        }
      }
      expect(problems).toEqual([]);
    });
  });

  describeWithTool('a real Prometheus scraping it with the repository\'s config and rules', firstMissing(prometheusMissing), () => {
    let prometheus: RunningPrometheus | undefined;

    beforeAll(async () => {
      const config = deriveConfig(prometheusConfig(), {
        target: `127.0.0.1:${app!.port}`,
        job: jobName,
        ruleFiles: [...recordingFiles(), ...alertFiles()],
      });
      prometheus = await startPrometheus(config);
      const p = prometheus;
      await eventually(`Prometheus has scraped the app once`, 30_000, async () => ((await p.query(`up{job="${jobName}"}`)).length ? true : undefined));
      // A second round of traffic once Prometheus is watching, so it sees the counters move
      // (a labelled counter is born at its first increment, which rate() cannot see).
      await generateMonitoringTraffic(app!);
    }, 90_000);

    afterAll(async () => {
      await prometheus?.stop();
    });

    it('scrapes the app: up == 1 and spark_backtest_* series have samples', async () => {
      const p = prometheus!;
      await eventually(`up{job="${jobName}"} == 1`, 30_000, async () => {
        const r = await p.query(`up{job="${jobName}"}`);
        return r.length === 1 && r[0]!.value[1] === '1' ? true : undefined;
      });
      const count = await eventually('spark_backtest_* series have samples', 30_000, async () => {
        const r = await p.query('count({__name__=~"spark_backtest_.+"})');
        const n = Number(r[0]?.value[1] ?? 0);
        return n > 0 ? n : undefined;
      });
      expect(count).toBeGreaterThan(0);
    }, 90_000);

    it('loads every rule group of the repository and evaluates every rule without error', async () => {
      const { alerts, recording } = ruleGroups();
      const expected = [...recording, ...alerts];
      type Rules = { groups: { name: string; rules: { name: string; health: string; lastError?: string; type: string }[] }[] };
      const groups = await eventually('every rule has been evaluated', 30_000, async () => {
        const data = await prometheus!.api<Rules>('/api/v1/rules');
        const rules = data.groups.flatMap((g) => g.rules);
        return rules.length > 0 && rules.every((r) => r.health !== 'unknown') ? data.groups : undefined;
      });
      expect(groups.map((g) => g.name).sort()).toEqual(expected.map((g) => g.name).sort());
      for (const g of expected) {
        const live = groups.find((x) => x.name === g.name)!;
        expect(live.rules.map((r) => r.name), g.name).toEqual(g.rules.map((r) => r.name));
      }
      const unhealthy = groups.flatMap((g) => g.rules.filter((r) => r.health !== 'ok').map((r) => `${g.name}/${r.name}: ${r.health} ${r.lastError ?? ''}`));
      expect(unhealthy).toEqual([]);
    }, 60_000);

    it('records the shared ratios from the app\'s live series', async () => {
      const r = await eventually('the cache request rate is recorded', 30_000, async () => {
        const v = await prometheus!.query(`job:spark_backtest_cache_requests:rate5m{job="${jobName}"}`);
        return v.length ? v : undefined;
      });
      expect(r.map((s) => s.metric.job)).toEqual([jobName]);
      // Every run of the traffic succeeded: success 1 and failure 0 for each kind, the
      // failure ratio through its fallback (no "failed" series exists).
      const kinds = ['optimize', 'portfolio', 'run', 'walkforward'];
      const byKind = async (rule: string) => {
        const v = await prometheus!.query(`${rule}{job="${jobName}"}`);
        return Object.fromEntries(v.map((s) => [s.metric.kind, Number(s.value[1])]));
      };
      const success = await eventually('the success ratio of every kind is recorded', 30_000, async () => {
        const v = await byKind('job_kind:backtest_runs_success_ratio:rate5m');
        return Object.keys(v).length === kinds.length ? v : undefined;
      });
      expect(success).toEqual(Object.fromEntries(kinds.map((k) => [k, 1])));
      expect(await byKind('job_kind:backtest_runs_failure_ratio:rate5m')).toEqual(Object.fromEntries(kinds.map((k) => [k, 0])));
    }, 60_000);

    it('runs every dashboard and runbook query without error', async () => {
      const failures: string[] = [];
      for (const q of allQueries().filter((x) => !x.where.startsWith('recording rule') && !x.where.startsWith('alert '))) {
        try {
          await prometheus!.query(interpolateGrafana(q.expr));
        } catch (error) {
          failures.push(`${q.where}: ${(error as Error).message}`);
        }
      }
      expect(failures).toEqual([]);
    }, 60_000);

    it('has no alert firing, nor a critical or warning one pending, on a healthy app', async () => {
      // The first evaluations can run before the first scrape (no `up` yet, so
      // SparkMetricsStale is pending for a moment): wait for the state to settle.
      let last: string[] = [];
      const quiet = await eventually('no firing alert and no pending critical or warning alert', 20_000, async () => {
        const active = await prometheus!.query('ALERTS');
        last = active
          .filter((a) => a.metric.alertstate === 'firing' || a.metric.severity !== 'info')
          .map((a) => `${a.metric.alertname} ${a.metric.alertstate}`);
        return last.length === 0 ? true : undefined;
      }).catch(() => false);
      expect(last).toEqual([]);
      expect(quiet).toBe(true);
    }, 30_000);
  });
});
