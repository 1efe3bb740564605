import type { ReactNode } from 'react';
import type { ExitReason, RunStatus, TradeSide, Verdict } from '../types';
import { formatNumber } from '../lib/format';
import { cx } from './cx';

export type BadgeTone = 'neutral' | 'accent' | 'up' | 'down' | 'warn' | 'mock' | 'demo';

export interface BadgeProps {
  tone?: BadgeTone;
  /** Longer explanation, shown as a tooltip and read by screen readers. */
  title?: string;
  className?: string;
  children: ReactNode;
}

/**
 * A small inline label.
 *
 * @example <Badge tone="accent">TPE</Badge>
 */
export function Badge({ tone = 'neutral', title, className, children }: BadgeProps) {
  return (
    <span className={cx('sp-badge', `sp-badge--${tone}`, className)} title={title}>
      {children}
    </span>
  );
}

/**
 * Marks results produced by a mock implementation. Deliberately loud: a
 * trader must never take a mock number for a real one.
 *
 * @example {mode === 'mock' && <MockBadge />}
 */
export function MockBadge({ className }: { className?: string }) {
  return (
    <Badge tone="mock" className={className} title="These numbers come from a mock implementation, not from a backtest of market data.">
      MOCK — not real results
    </Badge>
  );
}

/**
 * Marks results computed on the demo feed instead of exchange candles.
 *
 * @example {exchange === 'demo' && <DemoDataBadge />}
 */
export function DemoDataBadge({ className }: { className?: string }) {
  return (
    <Badge tone="demo" className={className} title="Computed on the demo feed, not on exchange market data.">
      demo data
    </Badge>
  );
}

const STATUS: Record<RunStatus, { label: string; tone: BadgeTone; dot: string }> = {
  queued: { label: 'Queued', tone: 'neutral', dot: 'sp-dot sp-dot--hollow' },
  running: { label: 'Running', tone: 'accent', dot: 'sp-dot sp-dot--pulse' },
  done: { label: 'Done', tone: 'up', dot: 'sp-dot' },
  failed: { label: 'Failed', tone: 'down', dot: 'sp-dot' },
  cancelled: { label: 'Cancelled', tone: 'neutral', dot: 'sp-dot sp-dot--hollow' },
};

/**
 * A run's status as a coloured pill with a dot (pulsing while running).
 *
 * @example <StatusPill status={run.status} />
 */
export function StatusPill({ status, className }: { status: RunStatus; className?: string }) {
  const s = STATUS[status] ?? { label: String(status), tone: 'neutral' as const, dot: 'sp-dot' };
  return (
    <Badge tone={s.tone} className={className}>
      <span className={s.dot} aria-hidden="true" />
      {s.label}
    </Badge>
  );
}

const VERDICT: Record<Verdict, { label: string; tone: BadgeTone; meaning: string }> = {
  robust: { label: 'Robust', tone: 'up', meaning: 'Out-of-sample Sharpe held up against in-sample Sharpe.' },
  overfit: { label: 'Overfit', tone: 'down', meaning: 'Out-of-sample Sharpe fell below the threshold share of in-sample Sharpe.' },
  inconclusive: { label: 'Inconclusive', tone: 'warn', meaning: 'In-sample Sharpe was not positive, so the ratio says nothing.' },
};

export interface VerdictBadgeProps {
  verdict: Verdict;
  /** testSharpe / trainSharpe; null when undefined. */
  ratio?: number | null;
  threshold?: number;
  className?: string;
}

/**
 * The walk-forward verdict, with the ratio and threshold behind it.
 *
 * @example <VerdictBadge verdict="robust" ratio={0.82} threshold={0.6} />
 */
export function VerdictBadge({ verdict, ratio, threshold, className }: VerdictBadgeProps) {
  const v = VERDICT[verdict] ?? { label: String(verdict), tone: 'neutral' as const, meaning: '' };
  const hasRatio = typeof ratio === 'number' && Number.isFinite(ratio);
  const detail =
    hasRatio && typeof threshold === 'number'
      ? `ratio ${formatNumber(ratio, { digits: 2 })} ${ratio >= threshold ? '≥' : '<'} ${formatNumber(threshold, { digits: 2 })}`
      : hasRatio
        ? `ratio ${formatNumber(ratio, { digits: 2 })}`
        : undefined;
  return (
    <Badge tone={v.tone} className={cx('sp-verdict', className)} title={v.meaning}>
      {v.label}
      {detail && <span className="sp-verdict-detail">· {detail}</span>}
    </Badge>
  );
}

/** "Long" / "Short" badge for a trade's side. */
export function SideBadge({ side }: { side: TradeSide }) {
  return <Badge tone={side === 'long' ? 'up' : 'down'}>{side === 'long' ? 'Long' : 'Short'}</Badge>;
}

const REASON: Record<ExitReason, { label: string; tone: BadgeTone; title: string }> = {
  signal: { label: 'Signal', tone: 'neutral', title: 'Closed by the opposite crossover, at the next open.' },
  stop: { label: 'Stop', tone: 'warn', title: 'Closed by the protective ATR stop.' },
  end: { label: 'End', tone: 'neutral', title: 'Still open after the last bar; closed at the last close.' },
};

/** Why a trade closed: signal, stop or end of data. */
export function ReasonBadge({ reason }: { reason: ExitReason }) {
  const r = REASON[reason] ?? { label: String(reason), tone: 'neutral' as const, title: '' };
  return (
    <Badge tone={r.tone} title={r.title}>
      {r.label}
    </Badge>
  );
}

/**
 * Whether a procedure runs for real or on its mock: "real" is quiet, "mock" is the loud MockBadge.
 *
 * @example <ModeBadge mode={flags['backtest.run']} />
 */
export function ModeBadge({ mode }: { mode: 'real' | 'mock' }) {
  return mode === 'mock' ? <MockBadge /> : <Badge tone="up">real</Badge>;
}
