/**
 * Which series exist and which labels each can carry: the app's families (from a live
 * /metrics or the registry), the series Prometheus itself writes for a target, and the
 * outputs of recording rules, whose labels are inferred from their expressions.
 */
import { inferLabels, metricNames, parsePromql, type LabelCatalog, type LabelProblem } from './promql';
import { seriesNames, type MetricType } from './exposition';
import type { RecordingRule } from './rule-files';

/** Labels Prometheus attaches to every scraped series (from the target). */
export const targetLabels = ['job', 'instance'] as const;

/**
 * Series Prometheus writes itself, with their labels beyond job and instance: the scrape
 * health series of every target, and the alert state series.
 */
export const prometheusSeries: Record<string, readonly string[] | undefined> = {
  up: [],
  scrape_duration_seconds: [],
  scrape_samples_scraped: [],
  scrape_samples_post_metric_relabeling: [],
  scrape_series_added: [],
  // ALERTS carries each alert's own labels: unknown in general.
  ALERTS: undefined,
  ALERTS_FOR_STATE: undefined,
};

export interface FamilySpec {
  name: string;
  type: MetricType;
  /** label names the family declares; undefined when unknown (no label check through it) */
  labelNames?: readonly string[];
}

export interface RecordingProblem {
  rule: string;
  problems: LabelProblem[];
}

export class SeriesCatalog {
  private readonly series = new Map<string, ReadonlySet<string> | undefined>();
  private readonly recordingSources = new Map<string, string[]>();

  /** The series of a metric family, with its labels plus the target's (and le / quantile). */
  addFamily(spec: FamilySpec): void {
    for (const name of seriesNames(spec.name, spec.type)) {
      if (!spec.labelNames) {
        if (!this.series.has(name)) this.series.set(name, undefined);
        continue;
      }
      const labels = new Set<string>([...spec.labelNames, ...targetLabels]);
      if (name.endsWith('_bucket') && spec.type === 'histogram') labels.add('le');
      if (name === spec.name && spec.type === 'summary') labels.add('quantile');
      this.series.set(name, labels);
    }
  }

  addPrometheusSeries(): void {
    for (const [name, labels] of Object.entries(prometheusSeries)) {
      this.series.set(name, labels ? new Set([...labels, ...targetLabels]) : undefined);
    }
  }

  /**
   * Recording rules in evaluation order; each output's labels are those its expression keeps
   * (plus the rule's static labels). Returns the label problems found in their expressions.
   */
  addRecordingRules(rules: readonly RecordingRule[]): RecordingProblem[] {
    const problems: RecordingProblem[] = [];
    for (const rule of rules) {
      const inferred = inferLabels(rule.expr, this.labels);
      if (inferred.problems.length) problems.push({ rule: rule.name, problems: inferred.problems });
      this.series.set(rule.name, inferred.labels ? new Set([...inferred.labels, ...Object.keys(rule.labels)]) : undefined);
      this.recordingSources.set(rule.name, metricNames(parsePromql(rule.expr)));
    }
    return problems;
  }

  has(name: string): boolean {
    return this.series.has(name);
  }

  names(): string[] {
    return [...this.series.keys()].sort();
  }

  readonly labels: LabelCatalog = (metric) => this.series.get(metric);

  /** The raw series an expression reads, following recording rules down to what they read. */
  underlyingMetrics(names: readonly string[]): Set<string> {
    const out = new Set<string>();
    const visit = (name: string, depth: number) => {
      const sources = this.recordingSources.get(name);
      if (!sources || depth > 20) {
        out.add(name);
        return;
      }
      sources.forEach((s) => visit(s, depth + 1));
    };
    names.forEach((n) => visit(n, 0));
    return out;
  }
}
