'use client';
import { Badge, EmptyState, StatusPill, VerdictBadge, formatDuration, formatNumber, formatPercent, formatUtc, signTone, toIsoUtc } from '@spark/ui';
import Link from 'next/link';
import type { RunSummary } from '@/lib/api-types';
import { KIND_LABEL, describeRun, type Headline } from '@/lib/runs';

function HeadlineCell({ headline }: { headline: Headline }) {
  switch (headline.kind) {
    case 'metrics':
      return (
        <span>
          Sharpe <b className={`sp-tone-${signTone(headline.sharpe)}`}>{headline.sharpe === null ? '—' : formatNumber(headline.sharpe, { digits: 2 })}</b>
          <span className={`sw-gap-l sp-tone-${signTone(headline.totalReturn)}`}>{headline.totalReturn === null ? '—' : formatPercent(headline.totalReturn, { signed: true })}</span>
        </span>
      );
    case 'verdict':
      return <VerdictBadge verdict={headline.verdict} ratio={headline.ratio} />;
    case 'optimize':
      return (
        <span>
          <Badge tone="accent">{headline.method}</Badge>
          <span className="sw-gap-l">
            {headline.evaluated ?? '—'}/{headline.combinations ?? '—'} · best {headline.objective ?? 'score'}{' '}
            <b>{headline.bestScore === null ? '—' : formatNumber(headline.bestScore, { digits: 2 })}</b>
          </span>
        </span>
      );
    default:
      return <span className="sp-muted">—</span>;
  }
}

/** Runs, newest first: status, kind, market, strategy, headline result, timing. Each row links to its run page. */
export function RunsTable({ runs, caption, compact = false }: { runs: readonly RunSummary[]; caption: string; compact?: boolean }) {
  if (runs.length === 0) {
    return <EmptyState title="No runs yet" description="Every backtest, walk-forward, portfolio and optimization is recorded here with its request and result." />;
  }
  return (
    <div className="sp-table-wrap">
      <table className="sp-table" data-testid="runs-table">
        <caption className="sp-visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Kind</th>
            <th scope="col">Market</th>
            {!compact && <th scope="col">Strategy</th>}
            <th scope="col">Result</th>
            <th scope="col">Started (UTC)</th>
            <th scope="col" className="sp-num">
              Took
            </th>
            {!compact && <th scope="col">By</th>}
            <th scope="col">Run</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => {
            const d = describeRun(run);
            return (
              <tr key={run.id}>
                <td>
                  <StatusPill status={run.status} />
                </td>
                <td>
                  <span>
                    {KIND_LABEL[run.kind]}
                    {run.mock && (
                      <Badge tone="mock" className="sw-gap-l" title="Served by the mock implementation, not the engine">
                        mock
                      </Badge>
                    )}
                  </span>
                </td>
                <td>{d.market}</td>
                {!compact && <td className="sp-mono">{d.strategy ?? '—'}</td>}
                <td>{run.status === 'failed' ? <span className="sp-tone-down" title={run.error ?? undefined}>{run.errorCode === 'CANCELLED' ? 'cancelled' : (run.errorCode ?? 'failed')}</span> : <HeadlineCell headline={d.headline} />}</td>
                <td>
                  <time dateTime={toIsoUtc(run.createdAt.getTime())}>{formatUtc(run.createdAt.getTime())}</time>
                </td>
                <td className="sp-num">{run.durationMs === null ? '—' : formatDuration(run.durationMs)}</td>
                {!compact && <td className="sp-mono sp-muted">{run.actor}</td>}
                <td>
                  <Link className="sw-link sp-mono" href={`/runs/${run.id}`} aria-label={`Open run ${run.id}`}>
                    {run.id.slice(-10)}
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
