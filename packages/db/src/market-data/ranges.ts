/**
 * Half-open time spans [from, to) in epoch ms and the arithmetic the cache
 * needs: what part of a request the cache does not cover, and which expected
 * bars a series lacks. Pure functions; property-tested in ranges.test.ts.
 */
import type { CandleGap } from './types';

export interface Span {
  from: number;
  to: number;
}

/** First multiple of `step` that is >= t. */
export function alignUp(t: number, step: number): number {
  return Math.ceil(t / step) * step;
}

/** Last multiple of `step` that is <= t. */
export function alignDown(t: number, step: number): number {
  return Math.floor(t / step) * step;
}

/** Sorts and merges overlapping or touching spans; drops empty ones. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.to > s.from).sort((a, b) => a.from - b.from || a.to - b.to);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.from <= last.to) {
      if (s.to > last.to) last.to = s.to;
    } else {
      out.push({ from: s.from, to: s.to });
    }
  }
  return out;
}

/** The parts of `target` that no span in `covered` contains, in ascending order. */
export function subtractSpans(target: Span, covered: readonly Span[]): Span[] {
  if (target.to <= target.from) return [];
  const missing: Span[] = [];
  let cursor = target.from;
  for (const c of mergeSpans(covered)) {
    if (c.to <= cursor) continue;
    if (c.from >= target.to) break;
    if (c.from > cursor) missing.push({ from: cursor, to: Math.min(c.from, target.to) });
    cursor = Math.max(cursor, c.to);
    if (cursor >= target.to) break;
  }
  if (cursor < target.to) missing.push({ from: cursor, to: target.to });
  return missing;
}

/** Intersection of two spans, or undefined when they do not overlap. */
export function intersectSpan(a: Span, b: Span): Span | undefined {
  const from = Math.max(a.from, b.from);
  const to = Math.min(a.to, b.to);
  return to > from ? { from, to } : undefined;
}

/** Number of bar boundaries (multiples of `step`) in [from, to). */
export function countBars(from: number, to: number, step: number): number {
  const first = alignUp(from, step);
  return to > first ? Math.ceil((to - first) / step) : 0;
}

/**
 * Expected bars in [from, to) (every multiple of `step`) that `openTime` lacks,
 * as runs. `openTime` must be ascending; values outside the window are ignored.
 */
export function findGaps(openTime: ArrayLike<number>, from: number, to: number, step: number): CandleGap[] {
  const gaps: CandleGap[] = [];
  let expected = alignUp(from, step);
  const push = (until: number) => {
    if (until > expected) {
      const missingBars = Math.round((until - expected) / step);
      gaps.push({ from: expected, to: expected + missingBars * step, missingBars });
    }
  };
  for (let i = 0; i < openTime.length; i++) {
    const t = openTime[i]!;
    if (t < expected) continue;
    if (t >= to) break;
    push(t);
    expected = t + step;
  }
  push(alignUp(to, step));
  return gaps;
}

/** Total bars in a gap list. */
export function missingBarCount(gaps: readonly CandleGap[]): number {
  let n = 0;
  for (const g of gaps) n += g.missingBars;
  return n;
}
