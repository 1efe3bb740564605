/** How many candles a date range holds, so the form can say it before the server is asked. */
import { isTimeframe, timeframeMs } from '@spark/engine';

/**
 * The market-data layer refuses requests past this many bars (its default
 * maxBars); a range above it fails with TOO_MANY_BARS.
 */
export const MAX_BARS_PER_REQUEST = 500_000;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Bars opening in [start, end) for a timeframe, or null when the inputs are not complete yet. */
export function estimateBars(timeframe: string, start: string, end: string): number | null {
  if (!isTimeframe(timeframe) || !DATE.test(start) || !DATE.test(end)) return null;
  const from = Date.parse(`${start}T00:00:00Z`);
  const to = Date.parse(`${end}T00:00:00Z`);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to <= from) return null;
  return Math.ceil((to - from) / timeframeMs(timeframe));
}
