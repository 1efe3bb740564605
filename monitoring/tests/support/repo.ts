/** The repository's monitoring files, loaded once per test file. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadDashboard, type Dashboard } from '../../src/dashboards';
import { grafanaDir, prometheusDir, runbookPath } from '../../src/paths';
import { loadPromtoolTestFile, loadRuleFiles, yamlFiles, type AlertRule, type RecordingRule, type RuleGroup } from '../../src/rule-files';

export const alertFiles = () => yamlFiles(join(prometheusDir, 'alerts'));
export const recordingFiles = () => yamlFiles(join(prometheusDir, 'rules'));
export const promtoolTestFiles = () => yamlFiles(join(prometheusDir, 'tests'));
export const prometheusConfigPath = join(prometheusDir, 'prometheus.yml');

export function ruleGroups(): { alerts: RuleGroup[]; recording: RuleGroup[] } {
  return { alerts: loadRuleFiles(alertFiles()), recording: loadRuleFiles(recordingFiles()) };
}

export function alertRules(): AlertRule[] {
  return ruleGroups().alerts.flatMap((g) => g.rules.filter((r): r is AlertRule => r.kind === 'alert'));
}

/** Recording rules in the order Prometheus evaluates them within each group. */
export function recordingRules(): RecordingRule[] {
  return ruleGroups().recording.flatMap((g) => g.rules.filter((r): r is RecordingRule => r.kind === 'record'));
}

export const promtoolTests = () => promtoolTestFiles().map(loadPromtoolTestFile);

export function dashboards(): Dashboard[] {
  const dir = join(grafanaDir, 'dashboards');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => loadDashboard(join(dir, f)));
}

export const runbook = () => readFileSync(runbookPath, 'utf8');

export interface PrometheusConfig {
  global?: { scrape_interval?: string; evaluation_interval?: string; scrape_timeout?: string };
  rule_files?: string[];
  alerting?: unknown;
  scrape_configs?: { job_name: string; metrics_path?: string; scheme?: string; scrape_interval?: string; scrape_timeout?: string; static_configs?: { targets: string[] }[] }[];
}

export const prometheusConfig = () => parse(readFileSync(prometheusConfigPath, 'utf8')) as PrometheusConfig;

export function provisioning() {
  const read = (sub: string) => yamlFiles(join(grafanaDir, 'provisioning', sub)).map((f) => ({ file: f, doc: parse(readFileSync(f, 'utf8')) as Record<string, unknown> }));
  return { datasources: read('datasources'), dashboards: read('dashboards') };
}

/** The job name alerts and dashboards select on. */
export const jobName = 'spark-backtest';
