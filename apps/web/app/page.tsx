'use client';
import { Badge, Card, ErrorCallout, MockBadge, formatDuration } from '@spark/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { PageHeader } from '@/components/Notices';
import { RunsTable } from '@/components/RunsTable';
import { describeServiceMode } from '@/lib/health-badge';
import { useTRPC } from '@/lib/trpc';

const FLOWS = [
  { href: '/backtest', title: 'Backtest', desc: 'One strategy on one market: chart, equity, metrics, every trade.' },
  { href: '/walkforward', title: 'Walk-forward', desc: 'Train/test split or rolling folds, with an overfitting verdict, PBO and Deflated Sharpe.' },
  { href: '/optimize', title: 'Optimizer', desc: 'Grid, TPE or genetic search; validate any row with one click.' },
  { href: '/portfolio', title: 'Portfolio', desc: 'Up to 10 symbols with weights, rebalancing and correlation.' },
  { href: '/runs', title: 'Runs', desc: 'Every run with its request, results and downloads.' },
  { href: '/presets', title: 'Presets', desc: 'Saved setups of every research page.' },
] as const;

const PROCEDURE_LABEL = { run: 'Backtest', walkforward: 'Walk-forward', portfolio: 'Portfolio', optimize: 'Optimizer' } as const;

export default function HomePage() {
  const trpc = useTRPC();
  const health = useQuery(trpc.health.queryOptions(undefined, { refetchInterval: 15_000 }));
  const runs = useQuery(trpc.runs.status.queryOptions({ limit: 8, offset: 0 }, { refetchInterval: 10_000 }));
  const mode = health.data ? describeServiceMode(health.data) : null;

  return (
    <div className="sw-page">
      <PageHeader title="Spark Backtest" description="Strategy research on exchange candles: backtests, walk-forward validation, portfolios and parameter search." />
      <section aria-label="Service health">
        <Card title="Service" actions={health.data && <span className="sw-note">v{health.data.version} · up {formatDuration(health.data.uptimeSeconds * 1000)}</span>}>
          {health.isPending && (
            <div className="sw-loading" role="status">
              <span className="sp-spinner" aria-hidden="true" /> Checking service health…
            </div>
          )}
          {health.isError && <ErrorCallout title="Service health unavailable" message={health.error.message} />}
          {health.data && mode && (
            <div className="sw-page">
              <dl className="sw-health">
                <div className="sw-row">
                  <dt className="sw-note">Mode</dt>
                  <dd className="sw-health-mode" style={{ margin: 0 }} data-testid="health-mode">
                    {health.data.mode}
                  </dd>
                </div>
                {mode.tone === 'real' ? <Badge tone="up">every procedure runs the engine</Badge> : <MockBadge />}
                {health.data.safeMode && <Badge tone="warn">safe mode</Badge>}
                <div className="sw-row">
                  <dt className="sw-note">Database</dt>
                  <dd style={{ margin: 0 }}>{health.data.database === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL'}</dd>
                </div>
              </dl>
              <ul className="sw-proc-grid" aria-label="Procedures" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {(Object.keys(PROCEDURE_LABEL) as (keyof typeof PROCEDURE_LABEL)[]).map((key) => {
                  const m = health.data.procedures[key];
                  return (
                    <li key={key} className={m === 'mock' ? 'sw-proc sw-proc--mock' : 'sw-proc'} data-testid={`procedure-${key}`}>
                      <span>{PROCEDURE_LABEL[key]}</span>
                      {m === 'mock' ? <MockBadge /> : <Badge tone="up">real</Badge>}
                    </li>
                  );
                })}
              </ul>
            </div>
          )}
        </Card>
      </section>
      <nav aria-label="Research flows" className="sw-quick">
        {FLOWS.map((f) => (
          <Link key={f.href} href={f.href} className="sw-quick-link">
            <span className="sw-quick-title">{f.title} →</span>
            <span className="sw-quick-desc">{f.desc}</span>
          </Link>
        ))}
      </nav>
      <Card title="Recent runs" flush actions={<Link className="sw-link" href="/runs">All runs →</Link>}>
        {runs.isError ? (
          <ErrorCallout title="Could not load runs" message={runs.error.message} />
        ) : runs.data ? (
          <RunsTable runs={runs.data.runs} caption="Recent runs" compact />
        ) : (
          <div className="sw-loading" role="status" style={{ padding: 14 }}>
            <span className="sp-spinner" aria-hidden="true" /> Loading runs…
          </div>
        )}
      </Card>
    </div>
  );
}
