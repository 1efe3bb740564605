import type { ReactNode } from 'react';
import { toDataProblem } from '../lib/errors';
import { estimateEtaMs, progressState, progressText, type ProgressState } from '../lib/progress';
import { Button } from './Button';
import { ErrorCallout } from './ErrorCallout';
import { cx } from './cx';

export interface ProgressBarProps {
  /** Items done so far (evaluations, folds). */
  evaluated: number;
  /** Items in total; 0 while unknown (the bar is then indeterminate). */
  total: number;
  /** What is being done, e.g. "Grid search" (also the accessible name). */
  label?: string;
  /** Remaining time as the job reports it; estimated from elapsedMs when omitted. */
  etaMs?: number | null;
  /** Time since the job started, to estimate the remaining time at the average pace. */
  elapsedMs?: number;
  /** Word after the counts (default "evaluated"). */
  noun?: string;
  status?: 'running' | 'done' | 'failed' | 'cancelled';
  /** Cancel handler; renders a Cancel button. */
  onCancel?: () => void;
  /** Replaces the default Cancel button (the slot for the app's own control). */
  action?: ReactNode;
  cancelling?: boolean;
  className?: string;
}

/**
 * Progress of a long job: evaluated / total, percent and time left, as an
 * ARIA progressbar (aria-valuenow / valuemax / valuetext) with a cancel slot.
 * Impossible counts (more done than the total) show an error instead of a
 * bar past 100 %.
 *
 * @example <ProgressBar label="Grid search" evaluated={p.evaluated} total={p.total} etaMs={p.etaMs} onCancel={cancel} />
 */
export function ProgressBar({
  evaluated,
  total,
  label = 'Progress',
  etaMs,
  elapsedMs,
  noun = 'evaluated',
  status = 'running',
  onCancel,
  action,
  cancelling = false,
  className,
}: ProgressBarProps) {
  let state: ProgressState;
  try {
    state = progressState(evaluated, total);
  } catch (e) {
    const p = toDataProblem(e);
    return <ErrorCallout title={`${label}: progress report is inconsistent`} message={p.message} field={p.field} />;
  }
  const eta = etaMs !== undefined ? etaMs : elapsedMs !== undefined ? estimateEtaMs(evaluated, total, elapsedMs) : null;
  const text = status === 'running' ? progressText(state, eta, noun) : `${progressText(state, null, noun)} · ${status}`;
  const pct = state.fraction === null ? null : state.fraction * 100;
  const control = action ?? (onCancel && status === 'running' ? (
    <Button size="sm" variant="danger" onClick={onCancel} loading={cancelling}>
      {cancelling ? 'Cancelling…' : 'Cancel'}
    </Button>
  ) : null);

  return (
    <div className={cx('sp-progress', className)}>
      <div className="sp-progress-head">
        <span className="sp-progress-label">{label}</span>
        {control}
      </div>
      <div
        className="sp-progress-track"
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={state.total > 0 ? state.total : undefined}
        aria-valuenow={state.fraction === null ? undefined : state.evaluated}
        aria-valuetext={text}
      >
        <div
          className={cx(
            'sp-progress-fill',
            pct === null && 'sp-progress-fill--indeterminate',
            status === 'done' && 'sp-progress-fill--done',
            status === 'failed' && 'sp-progress-fill--failed',
          )}
          style={pct === null ? undefined : { width: `${pct}%` }}
        />
      </div>
      <span className="sp-progress-text">{text}</span>
    </div>
  );
}
