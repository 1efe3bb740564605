'use client';
import { optimizeResult, portfolioResult, runResult, walkforwardResult } from '@spark/api/schemas';
import { Badge, Card, ErrorCallout, MockBadge, StatusPill, formatDuration, formatUtc } from '@spark/ui';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useCallback, useMemo } from 'react';
import { JobProgress } from '@/components/JobProgress';
import { PageHeader } from '@/components/Notices';
import { BacktestResults } from '@/components/results/BacktestResults';
import { OptimizeResults } from '@/components/results/OptimizeResults';
import { PortfolioResults } from '@/components/results/PortfolioResults';
import { WalkforwardResults } from '@/components/results/WalkforwardResults';
import type { OptimizeResultData, PortfolioResultData, RunDetail, RunResultData, WalkforwardResultData } from '@/lib/api-types';
import { ARTIFACTS, artifactUrl, isArtifactName } from '@/lib/artifacts';
import { describeApiError } from '@/lib/field-errors';
import { useApiKey } from '@/lib/hooks';
import { KIND_LABEL, describeRun, reopenHref } from '@/lib/runs';
import { useTRPC } from '@/lib/trpc';
import { useRunJob } from '@/lib/use-run-job';

const SCHEMAS = { run: runResult, walkforward: walkforwardResult, portfolio: portfolioResult, optimize: optimizeResult } as const;

function Results({ run }: { run: RunDetail }) {
  const parsed = useMemo(() => (run.result ? SCHEMAS[run.kind].safeParse(run.result) : null), [run.kind, run.result]);
  if (!parsed) return null;
  if (!parsed.success) {
    return (
      <ErrorCallout
        title="The stored result cannot be shown"
        message={`It does not match the current ${run.kind} result format (${parsed.error.issues[0]?.path.join('.') ?? 'result'}: ${parsed.error.issues[0]?.message}). Download result.json to inspect it.`}
      />
    );
  }
  const reopen = reopenHref(run);
  switch (run.kind) {
    case 'run':
      return (
        <BacktestResults
          result={parsed.data as RunResultData}
          mock={run.mock}
          runId={run.id}
          chartNote={reopen ? 'Candles are not stored with a run: “Open in Backtest” re-runs it with the price chart.' : 'Candles are not stored with a run.'}
        />
      );
    case 'walkforward':
      return <WalkforwardResults result={parsed.data as WalkforwardResultData} mock={run.mock} runId={run.id} />;
    case 'portfolio':
      return <PortfolioResults result={parsed.data as PortfolioResultData} mock={run.mock} runId={run.id} />;
    case 'optimize':
      return <OptimizeResults result={parsed.data as OptimizeResultData} mock={run.mock} runId={run.id} />;
  }
}

function RequestCard({ run }: { run: RunDetail }) {
  const d = describeRun(run);
  const r = (run.request ?? {}) as Record<string, unknown>;
  const strategy = r.strategy as { name?: string; params?: Record<string, unknown> } | undefined;
  const rows: [string, string][] = [
    ['Market', d.market],
    ['Range (UTC)', typeof r.start === 'number' && typeof r.end === 'number' ? `${formatUtc(r.start)} → ${formatUtc(r.end)}` : '—'],
    ['Strategy', strategy?.name ?? '—'],
    ['Params', strategy?.params && Object.keys(strategy.params).length ? Object.entries(strategy.params).map(([k, v]) => `${k} ${String(v)}`).join(' · ') : 'defaults'],
    ['Costs', [r.initialCapital !== undefined ? `capital ${String(r.initialCapital)}` : null, r.feeBps !== undefined ? `fee ${String(r.feeBps)} bps` : null, r.slippageBps !== undefined ? `slippage ${String(r.slippageBps)} bps` : null].filter(Boolean).join(' · ') || '—'],
  ];
  if (run.kind === 'optimize' && r.grid) rows.push(['Grid', Object.entries(r.grid as Record<string, unknown[]>).map(([k, v]) => `${k} [${v.join(', ')}]`).join(' · ')]);
  if (run.kind === 'walkforward' && r.config) rows.push(['Config', Object.entries(r.config as Record<string, unknown>).filter(([, v]) => typeof v !== 'object').map(([k, v]) => `${k} ${String(v)}`).join(' · ')]);
  if (run.kind === 'portfolio' && Array.isArray(r.weights)) rows.push(['Weights', (r.weights as number[]).map((w) => `${(w * 100).toFixed(2)} %`).join(' · ')]);
  return (
    <Card title="Request">
      <dl className="sw-kv">
        {rows.map(([k, v]) => (
          <div key={k} style={{ display: 'contents' }}>
            <dt>{k}</dt>
            <dd className={k === 'Params' || k === 'Grid' ? 'sp-mono' : undefined}>{v}</dd>
          </div>
        ))}
      </dl>
      <details className="sw-details" style={{ marginTop: 10 }}>
        <summary>Request as JSON</summary>
        <pre className="sw-pre">{JSON.stringify(run.request, null, 2)}</pre>
      </details>
    </Card>
  );
}

export function RunView({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = useApiKey();
  const run = useQuery(trpc.runs.byId.queryOptions({ id }, { retry: false }));
  const data = run.data;
  const active = data?.status === 'queued' || data?.status === 'running';
  const onDone = useCallback(() => void queryClient.invalidateQueries({ queryKey: trpc.runs.byId.queryKey({ id }) }), [queryClient, trpc, id]);
  const live = useRunJob(active ? id : null, { onDone });

  if (run.isError) {
    const view = describeApiError(run.error);
    return (
      <div className="sw-page">
        <PageHeader title="Run" />
        <ErrorCallout title={view.code === 'NOT_FOUND' || view.code === 'VALIDATION_FAILED' ? 'No such run' : view.title} message={view.message} action={<Link className="sw-link" href="/runs">All runs →</Link>} />
      </div>
    );
  }
  if (!data) {
    return (
      <div className="sw-page">
        <PageHeader title="Run" description={<span className="sp-mono">{id}</span>} />
        <div className="sw-loading" role="status">
          <span className="sp-spinner" aria-hidden="true" /> Loading run…
        </div>
      </div>
    );
  }

  // The server says which downloads this run has (the artifact route serves exactly those).
  const artifacts = data.artifacts.filter(isArtifactName);
  const reopen = reopenHref(data);
  return (
    <div className="sw-page">
      <PageHeader
        title={`${KIND_LABEL[data.kind]} run`}
        description={<span className="sp-mono">{data.id}</span>}
        actions={
          <>
            {reopen && (
              <Link className="sp-btn sp-btn--sm" href={reopen}>
                Open in {KIND_LABEL[data.kind]}
              </Link>
            )}
            <Link className="sp-btn sp-btn--sm sp-btn--ghost" href="/runs">
              All runs
            </Link>
          </>
        }
      />
      <Card>
        <div className="sw-row" style={{ justifyContent: 'space-between' }}>
          <div className="sw-row">
            <StatusPill status={data.errorCode === 'CANCELLED' ? 'cancelled' : data.status} />
            {data.mock && <MockBadge />}
            <span className="sw-meta-text">
              created {formatUtc(data.createdAt.getTime())} UTC
              {data.durationMs !== null && <> · took {formatDuration(data.durationMs)}</>} · by <span className="sp-mono">{data.actor}</span> ({data.role})
            </span>
          </div>
          {artifacts.length > 0 && (
            <div className="sw-row" role="group" aria-label="Downloads">
              {artifacts.map((name) => (
                <a key={name} className="sp-btn sp-btn--sm" href={artifactUrl(data.id, name)} download title={ARTIFACTS[name]}>
                  ↓ {name}
                </a>
              ))}
            </div>
          )}
        </div>
      </Card>
      {active && live.job && (
        <Card title="Live status">
          <JobProgress job={live.job} label={KIND_LABEL[data.kind]} onCancel={live.cancel} cancelling={live.cancelling} cancelError={live.cancelError} canCancel={key !== null} />
          {!key && <p className="sw-note">Cancelling needs the trader key that started this run, or an admin key.</p>}
        </Card>
      )}
      {data.status === 'failed' && (
        <ErrorCallout title={data.errorCode === 'CANCELLED' ? 'Cancelled' : 'The run failed'} message={data.error ?? 'no error message was recorded'} code={data.errorCode ?? undefined} />
      )}
      <div className="sw-split" style={{ gridTemplateColumns: 'minmax(0, 1fr)' }}>
        <RequestCard run={data} />
      </div>
      {data.status === 'done' && <Results run={data} />}
      {data.status === 'done' && !data.result && <Badge tone="warn">This run has no stored result.</Badge>}
    </div>
  );
}
