/** Progress arithmetic for long jobs (optimizer runs, walk-forward folds). */
import { UiDataError, describeValue } from './errors';
import { formatDuration, formatInteger } from './format';

export interface ProgressState {
  evaluated: number;
  /** 0 when the total is not known yet (indeterminate). */
  total: number;
  /** evaluated / total in [0, 1], or null when indeterminate. */
  fraction: number | null;
}

/** Validates counts: whole numbers, 0 ≤ evaluated ≤ total (total 0 = not known yet). */
export function progressState(evaluated: number, total: number): ProgressState {
  if (!Number.isInteger(total) || total < 0) {
    throw new UiDataError('total', `must be a whole number ≥ 0 (0 while unknown); got ${describeValue(total)}`);
  }
  if (!Number.isInteger(evaluated) || evaluated < 0) {
    throw new UiDataError('evaluated', `must be a whole number ≥ 0; got ${describeValue(evaluated)}`);
  }
  if (total > 0 && evaluated > total) {
    throw new UiDataError('evaluated', `(${evaluated}) must not exceed total (${total})`);
  }
  return { evaluated, total, fraction: total > 0 ? evaluated / total : null };
}

/**
 * Remaining time at the average pace so far: elapsed / evaluated × remaining.
 * Null before the first evaluation or when the total is unknown.
 */
export function estimateEtaMs(evaluated: number, total: number, elapsedMs: number): number | null {
  if (!(evaluated > 0) || !(total > 0) || !(elapsedMs >= 0) || evaluated > total) return null;
  return (elapsedMs / evaluated) * (total - evaluated);
}

/** "120 of 500 evaluated (24%), about 1 min 20 s left" — the spoken and shown progress text. */
export function progressText(state: ProgressState, etaMs: number | null | undefined, noun = 'evaluated'): string {
  if (state.fraction === null) return `${formatInteger(state.evaluated)} ${noun}, total not known yet`;
  const pct = Math.floor(state.fraction * 100);
  const base = `${formatInteger(state.evaluated)} of ${formatInteger(state.total)} ${noun} (${pct}%)`;
  if (state.evaluated >= state.total) return base;
  if (etaMs === null || etaMs === undefined || !Number.isFinite(etaMs)) return base;
  return `${base}, about ${formatDuration(etaMs)} left`;
}
