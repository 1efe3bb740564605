/**
 * Loads Prometheus rule files (alerts and recording rules) and promtool test files, checking
 * their shape so a malformed file fails with the file, group and rule it concerns.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { monitoringRoot } from './paths';

export interface AlertRule {
  kind: 'alert';
  name: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  file: string;
  group: string;
}

export interface RecordingRule {
  kind: 'record';
  name: string;
  expr: string;
  labels: Record<string, string>;
  file: string;
  group: string;
}

export type Rule = AlertRule | RecordingRule;

export interface RuleGroup {
  name: string;
  file: string;
  rules: Rule[];
}

export class RuleFileError extends Error {
  constructor(file: string, detail: string) {
    super(`${relative(monitoringRoot, file)}: ${detail}`);
    this.name = 'RuleFileError';
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function stringMap(value: unknown, file: string, where: string): Record<string, string> {
  if (value === undefined) return {};
  if (!isRecord(value)) throw new RuleFileError(file, `${where} must be a map of strings`);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new RuleFileError(file, `${where}.${k} must be a string, got ${JSON.stringify(v)}`);
    out[k] = v;
  }
  return out;
}

/** The *.yml files of a folder, sorted, as absolute paths. */
export function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml') || f.endsWith('.yaml'))
    .sort()
    .map((f) => join(dir, f));
}

export function loadRuleFile(file: string): RuleGroup[] {
  const doc: unknown = parse(readFileSync(file, 'utf8'));
  if (!isRecord(doc) || !Array.isArray(doc.groups)) throw new RuleFileError(file, 'expected a top-level "groups" list');
  return doc.groups.map((g: unknown, gi: number) => {
    if (!isRecord(g) || typeof g.name !== 'string' || !Array.isArray(g.rules)) {
      throw new RuleFileError(file, `group #${gi + 1} needs a "name" and a "rules" list`);
    }
    const group = g.name;
    const rules = g.rules.map((r: unknown, ri: number): Rule => {
      const where = `group ${group}, rule #${ri + 1}`;
      if (!isRecord(r) || typeof r.expr !== 'string') throw new RuleFileError(file, `${where}: "expr" must be a string`);
      if (typeof r.alert === 'string') {
        if (r.for !== undefined && typeof r.for !== 'string') throw new RuleFileError(file, `${where}: "for" must be a duration string`);
        return {
          kind: 'alert',
          name: r.alert,
          expr: r.expr,
          ...(typeof r.for === 'string' ? { for: r.for } : {}),
          labels: stringMap(r.labels, file, `${where}.labels`),
          annotations: stringMap(r.annotations, file, `${where}.annotations`),
          file,
          group,
        };
      }
      if (typeof r.record === 'string') {
        return { kind: 'record', name: r.record, expr: r.expr, labels: stringMap(r.labels, file, `${where}.labels`), file, group };
      }
      throw new RuleFileError(file, `${where}: needs "alert" or "record"`);
    });
    return { name: group, file, rules };
  });
}

export function loadRuleFiles(files: string[]): RuleGroup[] {
  return files.flatMap(loadRuleFile);
}

export interface PromtoolAlertCase {
  evalTime: string;
  alertname: string;
  expAlerts: { expLabels: Record<string, string>; expAnnotations: Record<string, string> }[];
}

export interface PromtoolExprCase {
  expr: string;
  evalTime: string;
  expSamples: { labels: string; value: number }[];
}

export interface PromtoolTestGroup {
  name: string;
  interval: string;
  alertCases: PromtoolAlertCase[];
  exprCases: PromtoolExprCase[];
}

export interface PromtoolTestFile {
  file: string;
  ruleFiles: string[];
  evaluationInterval: string;
  groupEvalOrder: string[];
  groups: PromtoolTestGroup[];
}

/** A promtool rule test file, with rule_files resolved against the file's folder. */
export function loadPromtoolTestFile(file: string): PromtoolTestFile {
  const doc: unknown = parse(readFileSync(file, 'utf8'));
  if (!isRecord(doc) || !Array.isArray(doc.tests) || !Array.isArray(doc.rule_files)) {
    throw new RuleFileError(file, 'expected "rule_files" and "tests" lists');
  }
  const dir = join(file, '..');
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return {
    file,
    ruleFiles: doc.rule_files.map((f) => join(dir, String(f))),
    evaluationInterval: typeof doc.evaluation_interval === 'string' ? doc.evaluation_interval : '1m',
    groupEvalOrder: list(doc.group_eval_order).map(String),
    groups: doc.tests.map((t: unknown, ti: number) => {
      if (!isRecord(t)) throw new RuleFileError(file, `test #${ti + 1} must be a map`);
      return {
        name: typeof t.name === 'string' ? t.name : `test #${ti + 1}`,
        interval: typeof t.interval === 'string' ? t.interval : '1m',
        alertCases: list(t.alert_rule_test).map((c: unknown) => {
          if (!isRecord(c)) throw new RuleFileError(file, `test #${ti + 1}: alert_rule_test entries must be maps`);
          return {
            evalTime: String(c.eval_time),
            alertname: String(c.alertname),
            expAlerts: list(c.exp_alerts).map((a: unknown) => ({
              expLabels: stringMap(isRecord(a) ? a.exp_labels : undefined, file, `test #${ti + 1} exp_labels`),
              expAnnotations: stringMap(isRecord(a) ? a.exp_annotations : undefined, file, `test #${ti + 1} exp_annotations`),
            })),
          };
        }),
        exprCases: list(t.promql_expr_test).map((c: unknown) => {
          if (!isRecord(c)) throw new RuleFileError(file, `test #${ti + 1}: promql_expr_test entries must be maps`);
          return {
            expr: String(c.expr),
            evalTime: String(c.eval_time),
            expSamples: list(c.exp_samples).map((s: unknown) => ({
              labels: isRecord(s) ? String(s.labels) : '',
              value: isRecord(s) ? Number(s.value) : NaN,
            })),
          };
        }),
      };
    }),
  };
}
