/**
 * The contract between the cache service and an exchange client, plus the
 * checks every page from an exchange passes before it may enter the cache.
 */
import { MarketDataError, isoTime, type Upstream } from '../errors';
import type { Span } from '../ranges';
import { emptyCandles, type Candles, type Timeframe } from '../types';
import type { CallContext } from './http';

export interface SourceRange {
  symbol: string;
  timeframe: Timeframe;
  /** Inclusive, aligned to the timeframe. */
  from: number;
  /** Exclusive. */
  to: number;
}

/**
 * One answered slice of a range: the exchange was asked about every bar in
 * `span` and returned `candles` (a bar of `span` that is absent is a gap the
 * exchange itself has).
 */
export interface SourcePage {
  span: Span;
  candles: Candles;
}

export interface CandleSourceClient {
  readonly name: Upstream;
  /** Yields consecutive pages that together answer [from, to), in ascending order. */
  fetchPages(range: SourceRange, ctx?: CallContext): AsyncGenerator<SourcePage, void, undefined>;
}

/** Raw numeric columns of a page before validation. */
export interface RawColumns {
  openTime: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
}

function malformed(upstream: Upstream, where: string, detail: string): MarketDataError {
  return new MarketDataError('UPSTREAM_MALFORMED', `${upstream} returned a malformed kline page (${where}): ${detail}`, {
    upstream,
  });
}

/**
 * Checks an exchange page: aligned, strictly increasing open times inside the
 * asked window, finite positive prices, non-negative volume, and
 * low <= min(open, close) <= max(open, close) <= high. Returns typed columns.
 */
export function validatePage(
  upstream: Upstream,
  where: string,
  raw: RawColumns,
  window: Span,
  stepMs: number,
): Candles {
  const n = raw.openTime.length;
  const out = emptyCandles(n);
  let previous = -Infinity;
  for (let i = 0; i < n; i++) {
    const t = raw.openTime[i]!;
    const o = raw.open[i]!;
    const h = raw.high[i]!;
    const l = raw.low[i]!;
    const c = raw.close[i]!;
    const v = raw.volume[i]!;
    const at = `row ${i}`;
    if (!Number.isInteger(t)) throw malformed(upstream, where, `${at}: open time ${t} is not an integer`);
    if (t % stepMs !== 0) throw malformed(upstream, where, `${at}: open time ${isoTime(t)} is not on a ${stepMs / 60_000}-minute boundary`);
    if (t < window.from || t >= window.to) {
      throw malformed(upstream, where, `${at}: open time ${isoTime(t)} is outside the asked window ${isoTime(window.from)}..${isoTime(window.to)}`);
    }
    if (t <= previous) throw malformed(upstream, where, `${at}: open time ${isoTime(t)} does not increase (previous ${isoTime(previous)})`);
    for (const [name, value] of [['open', o], ['high', h], ['low', l], ['close', c]] as const) {
      if (!Number.isFinite(value) || value <= 0) throw malformed(upstream, where, `${at} (${isoTime(t)}): ${name} ${value} is not a positive number`);
    }
    if (!Number.isFinite(v) || v < 0) throw malformed(upstream, where, `${at} (${isoTime(t)}): volume ${v} is not a number >= 0`);
    if (l > Math.min(o, c) || h < Math.max(o, c) || h < l) {
      throw malformed(upstream, where, `${at} (${isoTime(t)}): prices are inconsistent (open ${o}, high ${h}, low ${l}, close ${c})`);
    }
    out.openTime[i] = t;
    out.open[i] = o;
    out.high[i] = h;
    out.low[i] = l;
    out.close[i] = c;
    out.volume[i] = v;
    previous = t;
  }
  return out;
}

/** Parses an exchange number that may come as a JSON number or a decimal string. */
export function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim() !== '') return Number(value);
  return Number.NaN;
}
