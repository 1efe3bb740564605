/**
 * Reads the Prometheus text exposition format (version 0.0.4, what prom-client serves at
 * /metrics): which metric families a target exports, their types, and the series names and
 * label names of their samples.
 *
 * A family's series names follow its type (Prometheus' exposition format reference): a
 * histogram `x` exports `x_bucket` (with an `le` label), `x_sum` and `x_count`, never `x`; a
 * summary exports `x` (with `quantile`), `x_sum` and `x_count`; counters, gauges and untyped
 * families export their own name.
 */

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface MetricFamily {
  name: string;
  type: MetricType;
  help: string;
  /** series name -> label names seen on its samples */
  samples: Map<string, Set<string>>;
}

const metricTypes: ReadonlySet<string> = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
const namePattern = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
// Prometheus reads sample values with Go's strconv.ParseFloat, which takes NaN and Inf in any
// letter case (prom-client writes an empty event-loop statistic as "Nan").
const sampleValue = /^(?:[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?|[+-]?inf(?:inity)?|nan)$/i;

export class ExpositionError extends Error {
  constructor(line: number, detail: string, text: string) {
    super(`exposition line ${line}: ${detail}: ${JSON.stringify(text.slice(0, 200))}`);
    this.name = 'ExpositionError';
  }
}

/** The series names a family of this type exports. */
export function seriesNames(name: string, type: MetricType): string[] {
  if (type === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (type === 'summary') return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

function familyOf(series: string, families: Map<string, MetricFamily>): MetricFamily | undefined {
  const direct = families.get(series);
  if (direct) return direct;
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!series.endsWith(suffix)) continue;
    const family = families.get(series.slice(0, -suffix.length));
    if (family && (family.type === 'histogram' || family.type === 'summary')) return family;
  }
  return undefined;
}

function parseLabelNames(body: string, lineNo: number, line: string): Set<string> {
  const names = new Set<string>();
  let i = 0;
  while (i < body.length) {
    while (body[i] === ' ' || body[i] === ',') i++;
    if (i >= body.length) break;
    const m = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(body.slice(i));
    if (!m) throw new ExpositionError(lineNo, 'bad label name', line);
    names.add(m[0]);
    i += m[0].length;
    if (body[i] !== '=' || body[i + 1] !== '"') throw new ExpositionError(lineNo, `label ${m[0]} has no quoted value`, line);
    i += 2;
    while (i < body.length && body[i] !== '"') i += body[i] === '\\' ? 2 : 1;
    if (body[i] !== '"') throw new ExpositionError(lineNo, `unterminated value of label ${m[0]}`, line);
    i++;
  }
  return names;
}

/** Parses an exposition; throws ExpositionError naming the line for anything malformed. */
export function parseExposition(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      const m = /^#\s+(HELP|TYPE)\s+([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\s+(.*))?$/.exec(line);
      if (!m) return; // any other comment line is allowed by the format
      const [, kind, name, rest = ''] = m as unknown as [string, 'HELP' | 'TYPE', string, string | undefined];
      const family = families.get(name) ?? { name, type: 'untyped' as MetricType, help: '', samples: new Map() };
      if (kind === 'TYPE') {
        if (!metricTypes.has(rest)) throw new ExpositionError(lineNo, `unknown metric type "${rest}"`, line);
        family.type = rest as MetricType;
      } else {
        family.help = rest;
      }
      families.set(name, family);
      return;
    }
    const nameMatch = namePattern.exec(line);
    if (!nameMatch) throw new ExpositionError(lineNo, 'a sample line must start with a metric name', line);
    const series = nameMatch[0];
    let labels = new Set<string>();
    let rest = line.slice(series.length);
    if (rest.startsWith('{')) {
      let i = 1;
      while (i < rest.length && rest[i] !== '}') {
        if (rest[i] === '"') {
          i++;
          while (i < rest.length && rest[i] !== '"') i += rest[i] === '\\' ? 2 : 1;
        }
        i++;
      }
      if (rest[i] !== '}') throw new ExpositionError(lineNo, 'unterminated label set', line);
      labels = parseLabelNames(rest.slice(1, i), lineNo, line);
      rest = rest.slice(i + 1);
    }
    const value = rest.trim().split(/\s+/)[0] ?? '';
    if (!sampleValue.test(value)) throw new ExpositionError(lineNo, `sample value "${value}" is not a number`, line);
    const family = familyOf(series, families) ?? families.get(series) ?? { name: series, type: 'untyped' as MetricType, help: '', samples: new Map() };
    families.set(family.name, family);
    const seen = family.samples.get(series) ?? new Set<string>();
    labels.forEach((l) => seen.add(l));
    family.samples.set(series, seen);
  });
  return families;
}

/** Every series name the exposition's families export (by declared type, samples or not). */
export function exportedSeriesNames(families: Map<string, MetricFamily>): Set<string> {
  const names = new Set<string>();
  for (const family of families.values()) {
    seriesNames(family.name, family.type).forEach((n) => names.add(n));
    family.samples.forEach((_, n) => names.add(n));
  }
  return names;
}
