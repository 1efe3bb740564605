'use client';
import { Badge, DemoDataBadge, ErrorCallout, MockBadge, formatInteger, formatUtc } from '@spark/ui';
import Link from 'next/link';
import type { ReactNode } from 'react';
import type { ApiErrorView } from '@/lib/field-errors';

/** What a result rests on: mock or engine, demo feed or exchange candles, where the candles came from, and its run. */
export function ResultMeta({
  mock,
  data,
  runId,
  extra,
}: {
  mock: boolean;
  data?: { demo: boolean; source: string; exchange: string; symbol: string; timeframe: string; bars: number; cachedBars: number; fetchedBars: number; gaps: { from: number; to: number; missingBars: number }[] };
  runId?: string;
  extra?: ReactNode;
}) {
  const missing = data?.gaps.reduce((a, g) => a + g.missingBars, 0) ?? 0;
  return (
    <div className="sw-result-meta" data-testid="result-meta">
      <div className="sw-row">
        {mock && <MockBadge />}
        {data?.demo && <DemoDataBadge />}
        {data && (
          <span className="sw-meta-text">
            <b>{data.symbol.split(',').join(' · ')}</b> · {data.timeframe} · {formatInteger(data.bars)} bars · {sourceText(data)}
          </span>
        )}
        {extra}
      </div>
      <div className="sw-row">
        {data && data.gaps.length > 0 && (
          <Badge tone="warn" title={data.gaps.slice(0, 5).map((g) => `${formatUtc(g.from)} → ${formatUtc(g.to)}: ${g.missingBars} bars`).join('\n')}>
            {data.gaps.length} gap{data.gaps.length > 1 ? 's' : ''} · {formatInteger(missing)} bars missing
          </Badge>
        )}
        {runId && (
          <Link className="sw-link sp-mono" href={`/runs/${runId}`}>
            {runId}
          </Link>
        )}
      </div>
    </div>
  );
}

function sourceText(data: { source: string; cachedBars: number; fetchedBars: number; exchange: string }): string {
  if (data.source === 'mock') return 'mock data';
  if (data.source === 'inline') return 'inline candles';
  const parts = [data.exchange];
  if (data.cachedBars > 0) parts.push(`${formatInteger(data.cachedBars)} cached`);
  if (data.fetchedBars > 0) parts.push(`${formatInteger(data.fetchedBars)} fetched`);
  return parts.join(' · ');
}

/** An API error: its title, the message in words, and the fields it names (also shown next to them). */
export function ApiErrorCallout({ view, onRetry, className }: { view: ApiErrorView; onRetry?: () => void; className?: string }) {
  const fields = Object.entries(view.fields);
  return (
    <ErrorCallout
      className={className}
      title={view.title}
      message={fields.length > 0 ? 'See the highlighted field' + (fields.length > 1 ? 's' : '') + ' in the form.' : view.message}
      code={view.code}
      errors={fields.map(([field, message]) => ({ field, message }))}
      action={
        onRetry ? (
          <button type="button" className="sp-btn sp-btn--sm" onClick={onRetry}>
            Retry
          </button>
        ) : undefined
      }
    />
  );
}

/** Says plainly what a page needs when no key is set, and where to paste one. */
export function KeyRequired({ role, what }: { role: 'trader' | 'admin'; what: string }) {
  return (
    <div className="sw-key-required" role="note">
      <span className="sw-key-dot" aria-hidden="true" />
      <span>
        {what} needs {role === 'admin' ? 'an admin' : 'a trader'} API key. Paste one with <b>API key</b> at the top right
        {role === 'trader' ? ' (an admin key works too).' : '.'}{' '}
        {role === 'admin' && (
          <>
            Without <code>ADMIN_TOKEN</code>, the server prints a one-time admin key at its first start.
          </>
        )}
      </span>
    </div>
  );
}

export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <header className="sw-page-head">
      <div>
        <h1 className="sw-h1">{title}</h1>
        {description && <p className="sw-lede">{description}</p>}
      </div>
      {actions && <div className="sw-row">{actions}</div>}
    </header>
  );
}
