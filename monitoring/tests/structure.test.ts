/**
 * The conventions the monitoring files promise, checked without running anything: alert
 * names, severities, annotations and runbook anchors; a promtool test pair around every
 * alert's `for`; recording rules that never lag; a dashboard wired to one datasource with
 * no overlapping panels; a runbook whose panels and queries exist. Label names are checked
 * against the metrics contract (packages/api/src/metrics/registry.ts).
 */
import { describe, expect, it } from 'vitest';
import { SeriesCatalog } from '../src/catalog';
import { legendLabels } from '../src/dashboards';
import { parseDuration } from '../src/durations';
import { inferLabels, metricNames, parsePromql, selectors } from '../src/promql';
import { headingAnchors, panelReferences, promqlBlocks, sections } from '../src/runbook';
import { contractFamilies } from './support/contract';
import {
  alertFiles,
  alertRules,
  dashboards,
  jobName,
  prometheusConfig,
  promtoolTests,
  provisioning,
  recordingFiles,
  recordingRules,
  ruleGroups,
  runbook,
} from './support/repo';

const alerts = alertRules();
const recording = recordingRules();
const config = prometheusConfig();
const evaluationIntervalMs = parseDuration(config.global?.evaluation_interval ?? '1m');

/** Series names known without a live app: the contract, Prometheus' own, recording outputs. */
function staticCatalog() {
  const catalog = new SeriesCatalog();
  contractFamilies().forEach((f) => catalog.addFamily(f));
  catalog.addPrometheusSeries();
  const problems = catalog.addRecordingRules(recording);
  return { catalog, problems };
}

// prom-client's default process metrics are checked by name against the live /metrics
// (tests/live.test.ts); statically only their prefix is known.
const defaultMetricPrefix = /^(process|nodejs)_/;

describe('the issue\'s alerts', () => {
  it.each([
    ['SparkBacktestLatencyHigh', '15m'],
    ['SparkOptimizerLatencyHigh', undefined],
    ['SparkOverfittingDetectionsHigh', undefined],
    ['SparkCacheMissRatioHigh', '15m'],
    ['SparkRunFailureRateHigh', '10m'],
    ['SparkRunsStalled', undefined],
    ['SparkServiceDown', '30s'],
    ['SparkMetricsStale', '2m'],
    ['SparkRateLimitRejectionsSpiking', undefined],
    ['SparkAuthFailuresSpiking', undefined],
  ])('include %s (for: %s where the issue fixes it)', (name, forDuration) => {
    const alert = alerts.find((a) => a.name === name);
    expect(alert, `${name} is missing`).toBeDefined();
    if (forDuration) expect(parseDuration(alert!.for ?? '0s')).toBe(parseDuration(forDuration));
  });

  it('encode the issue\'s thresholds', () => {
    const expr = (name: string) => alerts.find((a) => a.name === name)?.expr ?? '';
    expect(expr('SparkBacktestLatencyHigh')).toMatch(/\{size="50k"\} > 8000/);
    expect(expr('SparkOptimizerLatencyHigh')).toMatch(/> 30000/);
    expect(expr('SparkOverfittingDetectionsHigh')).toMatch(/increase1h > 3$/);
    expect(expr('SparkCacheMissRatioHigh')).toMatch(/miss_ratio:rate5m > 0\.5/);
    expect(expr('SparkRunFailureRateHigh')).toMatch(/failure_ratio:rate5m > 0\.2$/);
    // Runs stalled: no completion in the 15 m window, for another 15 m = 30 m.
    expect(expr('SparkRunsStalled')).toContain('increase(backtest_runs_total[15m])');
    expect(alerts.find((a) => a.name === 'SparkRunsStalled')?.for).toBe('15m');
  });
});

describe('every alert', () => {
  const anchors = new Set(headingAnchors(runbook()));

  it('has a unique Spark<Component><Condition> name', () => {
    const names = alerts.map((a) => a.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n, n).toMatch(/^Spark(?:[A-Z][a-z0-9]+){2,}$/);
  });

  it.each(alerts.map((a) => [a.name, a] as const))('%s has severity, a one-line summary, a templated description and a runbook anchor that exists', (name, alert) => {
    expect(['critical', 'warning', 'info']).toContain(alert.labels.severity);
    expect(Object.keys(alert.annotations).sort()).toEqual(['description', 'runbook_url', 'summary']);
    const summary = alert.annotations.summary ?? '';
    expect(summary.trim().length).toBeGreaterThan(10);
    expect(summary).not.toMatch(/\n/);
    expect(summary.length).toBeLessThanOrEqual(100);
    expect(alert.annotations.description).toMatch(/\{\{.*\$(value|labels)/);
    expect(alert.annotations.runbook_url).toBe(`monitoring/runbook.md#${name.toLowerCase()}`);
    expect(anchors.has(name.toLowerCase()), `runbook.md has no heading for #${name.toLowerCase()}`).toBe(true);
  });

  it.each(alerts.map((a) => [a.name, a] as const))('%s waits a for that is a whole number of evaluation intervals', (_name, alert) => {
    const forMs = parseDuration(alert.for ?? '0s');
    expect(forMs).toBeGreaterThan(0);
    expect(forMs % evaluationIntervalMs).toBe(0);
  });

  it.each(alerts.map((a) => [a.name, a] as const))('%s only templates labels its expression keeps', (_name, alert) => {
    const { catalog } = staticCatalog();
    const { labels, problems } = inferLabels(alert.expr, catalog.labels);
    expect(problems).toEqual([]);
    const used = [...Object.values(alert.annotations).join(' ').matchAll(/\$labels\.([a-zA-Z_][a-zA-Z0-9_]*)/g)].map((m) => m[1]!);
    expect(labels, 'the labels of this expression should be known from the contract').toBeDefined();
    for (const label of used) expect([...labels!], `annotation uses $labels.${label}`).toContain(label);
  });

  it('selects the scrape job by the name prometheus.yml gives it', () => {
    expect((config.scrape_configs ?? []).map((j) => j.job_name)).toEqual([jobName]);
    for (const alert of alerts) {
      for (const s of selectors(alert.expr)) {
        for (const m of s.matchers.filter((x) => x.label === 'job')) expect(m.value, `${alert.name}: ${alert.expr}`).toBe(jobName);
      }
    }
  });
});

describe('the promtool unit tests', () => {
  const tests = promtoolTests();

  it.each(alerts.map((a) => [a.name, a] as const))(
    '%s is silent but pending one evaluation before for, and firing at for, with labels and annotations checked',
    (name, alert) => {
      const forMs = parseDuration(alert.for ?? '0s');
      const found = tests.flatMap((file) => {
        const step = parseDuration(file.evaluationInterval);
        return file.groups.flatMap((g) => {
          const cases = g.alertCases.filter((c) => c.alertname === name);
          return cases
            .filter((c) => c.expAlerts.length > 0)
            .flatMap((firing) => {
              const at = parseDuration(firing.evalTime);
              const silent = cases.find((c) => c.expAlerts.length === 0 && parseDuration(c.evalTime) === at - step);
              const pending = g.exprCases.find(
                (e) =>
                  parseDuration(e.evalTime) === at - step &&
                  metricNames(e.expr).includes('ALERTS') &&
                  e.expr.includes(`alertname="${name}"`) &&
                  e.expSamples.some((s) => s.labels.includes('alertstate="pending"')),
              );
              return silent && pending ? [{ file: file.file, group: g.name, firing, at, step }] : [];
            });
        });
      });
      expect(found.length, `${name} needs a test group with: exp_alerts at T, none at T - evaluation_interval, and ALERTS{alertstate="pending"} at T - evaluation_interval`).toBeGreaterThan(0);
      for (const { firing } of found) {
        for (const exp of firing.expAlerts) {
          expect(exp.expLabels.severity).toBe(alert.labels.severity);
          expect(Object.keys(exp.expAnnotations).sort()).toEqual(['description', 'runbook_url', 'summary']);
          expect(exp.expAnnotations.summary).toBe(alert.annotations.summary);
          expect(exp.expAnnotations.runbook_url).toBe(alert.annotations.runbook_url);
          expect(exp.expAnnotations.description).not.toMatch(/\{\{|\$value|\$labels/);
        }
      }
      // A firing time before `for` has elapsed would be impossible: a sanity check on the pair.
      for (const f of found) expect(f.at).toBeGreaterThanOrEqual(forMs);
    },
  );

  it.each(alerts.map((a) => [a.name] as const))('%s also has a case that must stay silent', (name) => {
    const silentGroups = tests.flatMap((t) => t.groups).filter((g) => g.alertCases.some((c) => c.alertname === name) && g.alertCases.filter((c) => c.alertname === name).every((c) => c.expAlerts.length === 0));
    expect(silentGroups.length).toBeGreaterThan(0);
  });

  it('evaluate every recording group before the alert groups, as promtool otherwise picks a random order', () => {
    const { alerts: alertGroups, recording: recordingGroups } = ruleGroups();
    for (const t of tests) {
      const loaded = [...alertGroups, ...recordingGroups].filter((g) => t.ruleFiles.includes(g.file));
      if (!loaded.some((g) => alertGroups.includes(g))) continue;
      const order = t.groupEvalOrder;
      expect([...order].sort(), `${t.file}: group_eval_order lists every group it loads`).toEqual(loaded.map((g) => g.name).sort());
      const lastRecording = Math.max(...recordingGroups.map((g) => order.indexOf(g.name)));
      const firstAlert = Math.min(...alertGroups.filter((g) => loaded.includes(g)).map((g) => order.indexOf(g.name)));
      expect(lastRecording, t.file).toBeLessThan(firstAlert);
    }
  });

  it('load the rule files by paths that exist', () => {
    const files = new Set([...alertFiles(), ...recordingFiles()]);
    for (const t of promtoolTests()) for (const f of t.ruleFiles) expect(files.has(f), `${t.file}: ${f}`).toBe(true);
  });
});

describe('the recording rules', () => {
  it('are named level:metric:operations, once each', () => {
    const names = recording.map((r) => r.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n).toMatch(/^[a-z_]+:[a-z0-9_]+:[a-z0-9_]+$/);
  });

  it('read another recording rule only if it is evaluated earlier in the same group', () => {
    const { recording: groups } = ruleGroups();
    const recorded = new Set(recording.map((r) => r.name));
    for (const g of groups) {
      const earlier = new Set<string>();
      for (const r of g.rules) {
        for (const n of metricNames(r.expr).filter((x) => recorded.has(x))) {
          expect(earlier.has(n), `${r.name} reads ${n}, which is not evaluated before it in group ${g.name}`).toBe(true);
        }
        earlier.add(r.name);
      }
    }
  });

  it('use only labels the contract gives their inputs', () => {
    expect(staticCatalog().problems).toEqual([]);
  });

  it('and the alerts read only contract series, Prometheus\' own series and recording outputs', () => {
    const { catalog } = staticCatalog();
    for (const r of [...recording, ...alerts]) {
      for (const n of metricNames(r.expr)) {
        expect(catalog.has(n) || defaultMetricPrefix.test(n), `${r.name} reads ${n}`).toBe(true);
      }
    }
  });
});

describe('prometheus.yml', () => {
  it('loads every rule file through its rule_files globs', () => {
    const globs = config.rule_files ?? [];
    expect(globs.sort()).toEqual(['alerts/*.yml', 'rules/*.yml']);
  });

  it('scrapes the app\'s /metrics over http', () => {
    const job = config.scrape_configs?.[0];
    expect(job?.metrics_path).toBe('/metrics');
    expect(job?.static_configs?.[0]?.targets.length).toBeGreaterThan(0);
  });
});

describe('the Grafana dashboards and provisioning', () => {
  const boards = dashboards();
  const { datasources, dashboards: providers } = provisioning();
  const provisioned = datasources.flatMap((d) => (d.doc.datasources as { uid: string; type: string; jsonData?: { timeInterval?: string } }[]) ?? []);

  it('provision one Prometheus datasource whose minimum interval is the scrape interval', () => {
    expect(provisioned.map((d) => d.type)).toEqual(['prometheus']);
    expect(provisioned[0]?.jsonData?.timeInterval).toBe(config.global?.scrape_interval);
  });

  it('provision the dashboards folder from files', () => {
    const list = providers.flatMap((p) => (p.doc.providers as { type: string; options?: { path?: string } }[]) ?? []);
    expect(list.length).toBeGreaterThan(0);
    for (const p of list) {
      expect(p.type).toBe('file');
      expect(p.options?.path).toMatch(/^\//);
    }
  });

  it('have unique uids and titles', () => {
    expect(new Set(boards.map((b) => b.uid)).size).toBe(boards.length);
    expect(boards.length).toBeGreaterThan(0);
  });

  it.each(boards.map((b) => [b.title, b] as const))('%s: every panel and query uses the provisioned datasource uid', (_t, board) => {
    const uid = provisioned[0]?.uid;
    for (const p of board.panels.filter((x) => x.type !== 'row')) {
      expect(p.datasource?.uid, `panel "${p.title}"`).toBe(uid);
      for (const t of p.targets) expect(t.datasource?.uid ?? p.datasource?.uid, `panel "${p.title}" target ${t.refId}`).toBe(uid);
    }
    for (const q of board.queries) expect(q.datasource?.uid, q.where).toBe(uid);
  });

  it.each(boards.map((b) => [b.title, b] as const))('%s: panels have unique ids and titles, a description, and unique refIds', (_t, board) => {
    const panels = board.panels.filter((p) => p.type !== 'row');
    expect(new Set(board.panels.map((p) => p.id)).size).toBe(board.panels.length);
    expect(new Set(panels.map((p) => p.title)).size).toBe(panels.length);
    for (const p of panels) {
      expect(p.description?.length ?? 0, `panel "${p.title}" needs a description`).toBeGreaterThan(20);
      expect(p.targets.length, `panel "${p.title}" has no query`).toBeGreaterThan(0);
      const refIds = p.targets.map((t) => t.refId);
      expect(new Set(refIds).size, `panel "${p.title}" repeats a refId`).toBe(refIds.length);
    }
  });

  it.each(boards.map((b) => [b.title, b] as const))('%s: panels fit the 24-column grid without overlapping', (_t, board) => {
    const boxes = board.panels.map((p) => ({ title: p.title, ...p.gridPos! }));
    for (const b of boxes) {
      expect(b.w, b.title).toBeGreaterThan(0);
      expect(b.x + b.w, b.title).toBeLessThanOrEqual(24);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
        expect(overlap, `"${a.title}" overlaps "${b.title}"`).toBe(false);
      }
    }
  });

  it.each(boards.map((b) => [b.title, b] as const))('%s: every query parses and legends name labels the query keeps', (_t, board) => {
    const { catalog } = staticCatalog();
    for (const q of board.queries) {
      const node = parsePromql(q.expr);
      const { labels, problems } = inferLabels(node, catalog.labels);
      expect(problems, q.where).toEqual([]);
      if (labels && q.legendFormat) for (const l of legendLabels(q.legendFormat)) expect([...labels], `${q.where}: legend {{${l}}}`).toContain(l);
    }
  });

  // The list: each must be a panel reading these series (directly or through a
  // recording rule), so the dashboard cannot silently drop one.
  it.each([
    ['run rate', ['backtest_runs_total']],
    ['duration heatmap', ['backtest_duration_seconds_bucket']],
    ['active runs', ['backtest_active_runs']],
    ['success rate', ['backtest_runs_total']],
    ['artifacts', ['backtest_artifacts_generated_total']],
    ['cache hit ratio', ['spark_backtest_cache_hit_total', 'spark_backtest_cache_miss_total']],
    ['optimizer latency by combinations', ['spark_backtest_opt_latency_ms_bucket']],
    ['portfolio latency', ['spark_backtest_portfolio_latency_ms_bucket']],
    ['overfitting rate', ['spark_backtest_overfitting_detected_total']],
    ['rate-limit rejections', ['spark_ratelimit_rejections_total']],
    ['auth failures', ['spark_auth_failures_total']],
    ['upstream errors', ['spark_backtest_upstream_errors_total']],
  ])('show the %s', (_what, metrics) => {
    const { catalog } = staticCatalog();
    const panelsReading = boards.flatMap((b) => b.panels).filter((p) => {
      const read = catalog.underlyingMetrics(p.targets.flatMap((t) => (t.expr ? metricNames(t.expr) : [])));
      return metrics.every((m) => read.has(m));
    });
    expect(panelsReading.length).toBeGreaterThan(0);
  });

  it('show run durations as a heatmap of histogram buckets', () => {
    const heatmaps = boards.flatMap((b) => b.panels).filter((p) => p.type === 'heatmap');
    expect(heatmaps.some((p) => p.targets.some((t) => t.expr?.includes('backtest_duration_seconds_bucket') && (t as { format?: string }).format === 'heatmap'))).toBe(true);
  });
});

describe('the runbook', () => {
  const md = runbook();
  const all = sections(md);
  const titles = new Set(dashboards().flatMap((b) => b.panels.map((p) => p.title)));

  it.each(alerts.map((a) => [a.name] as const))('%s: says what to check on which dashboard panels, with queries, and how to mitigate', (name) => {
    const section = all.find((s) => s.heading === name);
    expect(section, `no "### ${name}" section`).toBeDefined();
    const body = section!.body;
    const panels = panelReferences(body);
    expect(panels.length, 'a "- **Dashboard panels:**" line').toBeGreaterThan(0);
    for (const p of panels) expect(titles.has(p), `panel "${p}" is not in the dashboard`).toBe(true);
    expect(promqlBlocks(body).length).toBeGreaterThan(0);
    expect(body).toMatch(/\*\*Check:\*\*/);
    expect(body).toMatch(/\*\*Mitigate/);
    expect(body).toMatch(/\*\*Resolved when:\*\*/);
    expect(body).toMatch(/\*\*Severity:\*\* (critical|warning|info)\./);
    const severity = /\*\*Severity:\*\* (\w+)/.exec(body)?.[1];
    expect(severity).toBe(alerts.find((a) => a.name === name)?.labels.severity);
  });

  it('gives queries that parse and use only labels their series carry', () => {
    const { catalog } = staticCatalog();
    for (const q of promqlBlocks(md)) expect(inferLabels(q, catalog.labels).problems, q).toEqual([]);
  });

  it('links only to anchors it has', () => {
    const anchors = new Set(headingAnchors(md));
    for (const m of md.matchAll(/\]\(#([^)]+)\)/g)) expect(anchors.has(m[1]!), `#${m[1]}`).toBe(true);
  });

  it('documents the rollback to mock and GO/NO-GO criteria on the canary\'s evidence', () => {
    expect(md).toContain('"key":"run","mode":"mock"');
    expect(md).toContain('flags.set');
    expect(md).toContain('EXECUTOR_SAFE_MODE=1');
    const go = all.find((s) => /GO \/ NO-GO/.test(s.heading));
    expect(go?.body).toContain('evidence/canary/<timestamp>/');
    expect(go?.body).toContain('metrics_snapshot.txt');
    expect(go?.body).toContain('test_summary.txt');
  });

  it('lists every alert in its thresholds table', () => {
    const table = all.find((s) => s.heading === 'Thresholds at a glance')?.body ?? '';
    for (const a of alerts) expect(table).toContain(`| ${a.name} |`);
  });
});
