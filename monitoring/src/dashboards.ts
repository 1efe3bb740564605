/** Reads Grafana dashboard JSON: panels (rows included), their queries, and variable queries. */
import { readFileSync } from 'node:fs';

export interface DatasourceRef {
  type?: string;
  uid?: string;
}

export interface DashboardQuery {
  /** where the query lives, for messages: `panel "Title" (id 3) target A` */
  where: string;
  expr: string;
  legendFormat?: string;
  datasource?: DatasourceRef;
  panelTitle?: string;
}

export interface DashboardPanel {
  id: number;
  type: string;
  title: string;
  description?: string;
  datasource?: DatasourceRef;
  gridPos?: { h: number; w: number; x: number; y: number };
  targets: { refId?: string; expr?: string; legendFormat?: string; datasource?: DatasourceRef }[];
}

export interface Dashboard {
  file: string;
  uid: string;
  title: string;
  panels: DashboardPanel[];
  /** panel targets, variable queries and annotation queries */
  queries: DashboardQuery[];
  variables: { name: string; query: string; datasource?: DatasourceRef }[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function flattenPanels(list: unknown[]): Record<string, unknown>[] {
  return list.filter(isRecord).flatMap((p) => [p, ...(Array.isArray(p.panels) ? flattenPanels(p.panels) : [])]);
}

/**
 * Grafana's variable query functions for Prometheus are not PromQL; they wrap a metric or a
 * PromQL expression. Returns the PromQL inside, or undefined for a function with no
 * expression (label_names(), label_values(label)).
 */
export function promqlOfVariableQuery(query: string): string | undefined {
  const q = query.trim();
  const labelValues = /^label_values\(\s*(.+?)\s*,\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\)$/s.exec(q);
  if (labelValues) return labelValues[1];
  if (/^label_values\(\s*[a-zA-Z_][a-zA-Z0-9_]*\s*\)$/.test(q) || /^label_names\(\s*\)$/.test(q)) return undefined;
  const queryResult = /^query_result\((.+)\)$/s.exec(q);
  if (queryResult) return queryResult[1];
  if (/^metrics\(.*\)$/s.test(q)) return undefined;
  return q;
}

export function loadDashboard(file: string): Dashboard {
  const doc: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isRecord(doc) || typeof doc.uid !== 'string' || typeof doc.title !== 'string' || !Array.isArray(doc.panels)) {
    throw new Error(`${file}: a dashboard needs "uid", "title" and "panels"`);
  }
  const panels = flattenPanels(doc.panels).map((p): DashboardPanel => ({
    id: Number(p.id),
    type: String(p.type),
    title: String(p.title ?? ''),
    ...(typeof p.description === 'string' ? { description: p.description } : {}),
    ...(isRecord(p.datasource) ? { datasource: p.datasource as DatasourceRef } : {}),
    ...(isRecord(p.gridPos) ? { gridPos: p.gridPos as DashboardPanel['gridPos'] } : {}),
    targets: Array.isArray(p.targets) ? (p.targets.filter(isRecord) as DashboardPanel['targets']) : [],
  }));
  const queries: DashboardQuery[] = panels.flatMap((p) =>
    p.targets.flatMap((t) =>
      typeof t.expr === 'string'
        ? [{
            where: `panel "${p.title}" (id ${p.id}) target ${t.refId ?? '?'}`,
            expr: t.expr,
            panelTitle: p.title,
            ...(t.legendFormat !== undefined ? { legendFormat: t.legendFormat } : {}),
            ...(t.datasource ? { datasource: t.datasource } : {}),
          }]
        : [],
    ),
  );
  const templating = isRecord(doc.templating) && Array.isArray(doc.templating.list) ? doc.templating.list.filter(isRecord) : [];
  const variables = templating
    .filter((v) => v.type === 'query')
    .map((v) => ({
      name: String(v.name),
      query: typeof v.query === 'string' ? v.query : isRecord(v.query) ? String(v.query.query ?? '') : '',
      ...(isRecord(v.datasource) ? { datasource: v.datasource as DatasourceRef } : {}),
    }));
  for (const v of variables) {
    const expr = promqlOfVariableQuery(v.query);
    if (expr !== undefined) queries.push({ where: `variable $${v.name}`, expr, ...(v.datasource ? { datasource: v.datasource } : {}) });
  }
  const annotations = isRecord(doc.annotations) && Array.isArray(doc.annotations.list) ? doc.annotations.list.filter(isRecord) : [];
  for (const a of annotations) {
    if (typeof a.expr === 'string') {
      queries.push({
        where: `annotation "${String(a.name)}"`,
        expr: a.expr,
        ...(isRecord(a.datasource) ? { datasource: a.datasource as DatasourceRef } : {}),
      });
    }
  }
  return { file, uid: doc.uid, title: doc.title, panels, queries, variables };
}

/** Label names a Grafana legend format refers to: `{{kind}} {{ status }}` -> kind, status. */
export function legendLabels(legendFormat: string): string[] {
  return [...legendFormat.matchAll(/\{\{\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*\}\}/g)].map((m) => m[1]!);
}
