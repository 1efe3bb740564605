/** The runs list's filters, kept in the query string (`status=running,queued&kind=optimize&page=2`). */
import { toList } from './forms/coerce';

export const RUN_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export const RUN_KINDS = ['run', 'walkforward', 'portfolio', 'optimize'] as const;
export const RUNS_PAGE_SIZE = 25;

export interface RunsFilter {
  status: (typeof RUN_STATUSES)[number][];
  kind: (typeof RUN_KINDS)[number][];
  page: number;
}

export function parseRunsFilter(query: string | URLSearchParams): RunsFilter {
  const p = typeof query === 'string' ? new URLSearchParams(query) : query;
  const pick = <T extends string>(allowed: readonly T[], raw: string | null) => toList(raw ?? '').filter((v): v is T => (allowed as readonly string[]).includes(v));
  const page = Number(p.get('page'));
  return {
    status: pick(RUN_STATUSES, p.get('status')),
    kind: pick(RUN_KINDS, p.get('kind')),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

export function runsFilterQuery(filter: RunsFilter): string {
  const p = new URLSearchParams();
  if (filter.status.length) p.set('status', filter.status.join(','));
  if (filter.kind.length) p.set('kind', filter.kind.join(','));
  if (filter.page > 1) p.set('page', String(filter.page));
  return p.toString();
}

/** The `runs.status` input for a filter. */
export function runsQueryInput(filter: RunsFilter) {
  return {
    ...(filter.status.length ? { status: filter.status } : {}),
    ...(filter.kind.length ? { kind: filter.kind } : {}),
    limit: RUNS_PAGE_SIZE,
    offset: (filter.page - 1) * RUNS_PAGE_SIZE,
  };
}
