'use client';
import { Button, Card, ErrorCallout, formatInteger } from '@spark/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { PageHeader } from '@/components/Notices';
import { RunsTable } from '@/components/RunsTable';
import { KIND_LABEL } from '@/lib/runs';
import { RUN_KINDS, RUN_STATUSES, RUNS_PAGE_SIZE, parseRunsFilter, runsFilterQuery, runsQueryInput, type RunsFilter } from '@/lib/runs-filter';
import { useTRPC } from '@/lib/trpc';

const STATUS_LABEL = { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed' } as const;

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
}

export function RunsView({ initialQuery }: { initialQuery: string }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<RunsFilter>(() => parseRunsFilter(initialQuery));
  useEffect(() => {
    const qs = runsFilterQuery(filter);
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${qs ? `?${qs}` : ''}`);
  }, [filter]);

  const runs = useQuery(
    trpc.runs.status.queryOptions(runsQueryInput(filter), {
      placeholderData: keepPreviousData,
      // Poll while something is queued or running, so statuses move on their own.
      refetchInterval: (q) => ((q.state.data?.stats.running ?? 0) + (q.state.data?.stats.queued ?? 0) > 0 ? 2_000 : 15_000),
    }),
  );
  const data = runs.data;
  const pages = data ? Math.max(1, Math.ceil(data.page.matching / RUNS_PAGE_SIZE)) : 1;

  return (
    <div className="sw-page">
      <PageHeader title="Runs" description="Every backtest, walk-forward, portfolio and optimization, newest first, with its request, result and downloads." />
      {data && (
        <div className="sw-stat-grid" aria-label="Run counts">
          {(['total', ...RUN_STATUSES] as const).map((k) => (
            <div key={k} className="sw-stat">
              <div className="sw-stat-label">{k === 'total' ? 'All runs' : STATUS_LABEL[k]}</div>
              <div className={`sw-stat-value ${k === 'failed' && data.stats.failed > 0 ? 'sp-tone-down' : ''}`}>{formatInteger(data.stats[k])}</div>
              {k === 'queued' && <div className="sw-stat-note">queue {data.queue.queued}/{data.queue.maxDepth}</div>}
              {k === 'running' && <div className="sw-stat-note">{data.queue.running} on this server</div>}
            </div>
          ))}
        </div>
      )}
      <Card
        title="Runs"
        flush
        actions={
          <div className="sw-filters">
            <fieldset className="sw-filter-group">
              <legend>Status</legend>
              {RUN_STATUSES.map((s) => (
                <label key={s} className="sw-choice">
                  <input type="checkbox" checked={filter.status.includes(s)} onChange={() => setFilter((f) => ({ ...f, status: toggle(f.status, s), page: 1 }))} />
                  {STATUS_LABEL[s]}
                </label>
              ))}
            </fieldset>
            <fieldset className="sw-filter-group">
              <legend>Kind</legend>
              {RUN_KINDS.map((k) => (
                <label key={k} className="sw-choice">
                  <input type="checkbox" checked={filter.kind.includes(k)} onChange={() => setFilter((f) => ({ ...f, kind: toggle(f.kind, k), page: 1 }))} />
                  {KIND_LABEL[k]}
                </label>
              ))}
            </fieldset>
          </div>
        }
      >
        {runs.isError && <ErrorCallout title="Could not load runs" message={runs.error.message} />}
        {data ? (
          <>
            <RunsTable runs={data.runs} caption="Runs, newest first" />
            <nav className="sp-pager" aria-label="Runs pages">
              <span className="sp-pager-info" aria-live="polite">
                {data.page.matching === 0 ? 'No runs match' : `${formatInteger(data.page.offset + 1)}–${formatInteger(data.page.offset + data.runs.length)} of ${formatInteger(data.page.matching)} runs`}
              </span>
              <div className="sp-pager-controls">
                <Button size="sm" disabled={filter.page <= 1} onClick={() => setFilter((f) => ({ ...f, page: f.page - 1 }))}>
                  ‹ Newer
                </Button>
                <span>
                  Page {filter.page} of {pages}
                </span>
                <Button size="sm" disabled={filter.page >= pages} onClick={() => setFilter((f) => ({ ...f, page: f.page + 1 }))}>
                  Older ›
                </Button>
              </div>
            </nav>
          </>
        ) : (
          !runs.isError && (
            <div className="sw-loading" role="status" style={{ padding: 14 }}>
              <span className="sp-spinner" aria-hidden="true" /> Loading runs…
            </div>
          )
        )}
      </Card>
    </div>
  );
}
