/**
 * Mappers from result shapes to lightweight-charts series data. Each runs
 * once per data change (never per frame), validates what the chart library
 * would otherwise reject with an opaque assertion (unsorted or duplicate
 * times, non-finite prices), and names the first offending field.
 *
 * lightweight-charts stamps bars in UTC seconds; everything here takes epoch
 * milliseconds and converts at the boundary.
 */
import type { CandlestickData, LineData, SeriesMarker, UTCTimestamp } from 'lightweight-charts';
import type {
  CandleColumns,
  CandleInput,
  CandleRow,
  EquityCurveInput,
  FractionSeriesInput,
  NumericArray,
  TimeSegment,
  TradeMarkerInput,
} from '../types';
import { UiDataError, describeValue } from './errors';
import { formatNumber, formatPercent, formatPrice, formatUtc } from './format';
import { type ThemeName, themeTokens } from './theme';

export type ChartTime = UTCTimestamp;

/** Epoch milliseconds → the chart's UTC seconds. */
export function toChartTime(ms: number): ChartTime {
  return (ms / 1000) as ChartTime;
}

function isColumns(input: CandleInput): input is CandleColumns {
  return !Array.isArray(input);
}

/** Number of candles in either input layout. */
export function candleCount(input: CandleInput): number {
  return isColumns(input) ? input.openTime.length : input.length;
}

export interface MappedCandles {
  data: CandlestickData<ChartTime>[];
  /** Open times in epoch ms, one per candle; the index is the chart's logical bar index. */
  timesMs: Float64Array;
}

/**
 * Candles → candlestick data. Requires strictly increasing open times (gaps
 * are fine: exchanges halt) and finite, positive, consistent prices
 * (low ≤ min(open, close) ≤ max(open, close) ≤ high).
 */
export function toCandlestickData(input: CandleInput, field = 'candles'): MappedCandles {
  const n = candleCount(input);
  let cols: CandleColumns | null = null;
  if (isColumns(input)) {
    cols = input;
    for (const key of ['open', 'high', 'low', 'close'] as const) {
      const len = input[key]?.length;
      if (len !== n) {
        throw new UiDataError(`${field}.${key}`, `has ${describeValue(len)} values but ${field}.openTime has ${n}; every column needs one value per candle`);
      }
    }
  }
  const rows = cols ? null : (input as readonly CandleRow[]);
  const data = new Array<CandlestickData<ChartTime>>(n);
  const timesMs = new Float64Array(n);
  const path = (i: number, key: string) => (cols ? `${field}.${key === 'time' ? 'openTime' : key}[${i}]` : `${field}[${i}].${key}`);
  let prev = -Infinity;
  for (let i = 0; i < n; i++) {
    let t: number;
    let open: number;
    let high: number;
    let low: number;
    let close: number;
    if (cols) {
      t = cols.openTime[i]!;
      open = cols.open[i]!;
      high = cols.high[i]!;
      low = cols.low[i]!;
      close = cols.close[i]!;
    } else {
      const row = rows![i];
      if (row === null || typeof row !== 'object') throw new UiDataError(`${field}[${i}]`, `must be a candle object; got ${describeValue(row)}`);
      ({ time: t, open, high, low, close } = row);
    }
    if (typeof t !== 'number' || !Number.isFinite(t)) {
      throw new UiDataError(path(i, 'time'), `must be a finite epoch-millisecond time; got ${describeValue(t)}`);
    }
    if (t <= prev) {
      throw new UiDataError(
        path(i, 'time'),
        `must be later than the previous candle (${formatUtc(prev, { seconds: true })} UTC); got ${formatUtc(t, { seconds: true })} UTC. Candles must be sorted ascending without duplicates`,
      );
    }
    // One combined test on the hot path (NaN fails every comparison); the
    // failing field is only looked up when there is an error to report.
    if (
      typeof open !== 'number' || typeof high !== 'number' || typeof low !== 'number' || typeof close !== 'number' ||
      !(open > 0 && high > 0 && low > 0 && close > 0 && open < Infinity && high < Infinity && low < Infinity && close < Infinity)
    ) {
      const prices = { open, high, low, close };
      for (const key of ['open', 'high', 'low', 'close'] as const) {
        const v = prices[key];
        if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0) {
          throw new UiDataError(path(i, key), `must be a finite positive price; got ${describeValue(v)}`);
        }
      }
    }
    if (low > Math.min(open, close) || high < Math.max(open, close)) {
      throw new UiDataError(
        path(i, 'high'),
        `high ${high} and low ${low} must enclose open ${open} and close ${close} (low ≤ min(open, close), max(open, close) ≤ high)`,
      );
    }
    timesMs[i] = t;
    data[i] = { time: toChartTime(t), open, high, low, close };
    prev = t;
  }
  return { data, timesMs };
}

/**
 * A per-candle value series → line data. `values` must have one entry per
 * candle; NaN entries (indicator warm-up) are left out so the line starts
 * where the indicator is defined. ±Infinity is an error.
 */
export function toLineData(timesMs: Float64Array, values: NumericArray, field: string): LineData<ChartTime>[] {
  if (!values || typeof values.length !== 'number') {
    throw new UiDataError(field, `must be an array of numbers; got ${describeValue(values)}`);
  }
  if (values.length !== timesMs.length) {
    throw new UiDataError(field, `has ${values.length} values but there are ${timesMs.length} candles; an overlay needs one value per candle (NaN for warm-up)`);
  }
  const out: LineData<ChartTime>[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new UiDataError(`${field}[${i}]`, `must be a finite number or NaN (warm-up); got ${describeValue(v)}`);
    }
    out.push({ time: toChartTime(timesMs[i]!), value: v });
  }
  return out;
}

/**
 * Index of the bar that contains time `t`: the last bar whose open time is
 * ≤ t, or -1 when t is before the first bar. Binary search, O(log n).
 */
export function barIndexAtOrBefore(timesMs: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = timesMs.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (timesMs[mid]! <= t) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Index of the first bar whose open time is ≥ t (the bar count when there is none). */
export function firstIndexAtOrAfter(timesMs: ArrayLike<number>, t: number): number {
  let lo = 0;
  let hi = timesMs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (timesMs[mid]! < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface MarkerOptions {
  theme: ThemeName;
  /** Short text next to stop and end-of-data exits ("SL", "END"). */
  labels?: boolean;
}

export interface MappedMarkers {
  markers: SeriesMarker<ChartTime>[];
  /** Bar index of each marker, ascending (parallel to `markers`). */
  barIndices: Int32Array;
  /** Trades with a time outside the candles' range; they are not drawn. */
  outside: number;
}

const ENTRY_SHAPES = {
  long: { shape: 'arrowUp', position: 'atPriceBottom' },
  short: { shape: 'arrowDown', position: 'atPriceTop' },
} as const;

/**
 * Trades → price-anchored markers at the actual fill prices, sorted by time.
 * Entries: ▲ long (below its fill), ▼ short (above it). Exits by reason:
 * signal = circle, stop = square, end of data = circle in the muted colour;
 * exits are coloured by the trade's pnl sign when known. Marker times are
 * snapped to the bar containing the fill; a trade outside the candle range
 * is counted in `outside` and skipped (the chart may show a sub-window).
 */
export function toTradeMarkers(trades: readonly TradeMarkerInput[], timesMs: Float64Array, options: MarkerOptions): MappedMarkers {
  const t = themeTokens[options.theme];
  const lastTime = timesMs.length > 0 ? timesMs[timesMs.length - 1]! : -Infinity;
  // An exit at the end of data may be stamped with the last bar's close time.
  const lastClose = lastTime + dominantStepMs(timesMs);
  const items: { bar: number; order: number; marker: SeriesMarker<ChartTime> }[] = [];
  let outside = 0;
  trades.forEach((trade, k) => {
    const f = `trades[${k}]`;
    if (trade.side !== 'long' && trade.side !== 'short') {
      throw new UiDataError(`${f}.side`, `must be "long" or "short"; got ${describeValue(trade.side)}`);
    }
    if (trade.reason !== 'stop' && trade.reason !== 'signal' && trade.reason !== 'end') {
      throw new UiDataError(`${f}.reason`, `must be "stop", "signal" or "end"; got ${describeValue(trade.reason)}`);
    }
    for (const key of ['entryTime', 'exitTime', 'entryPrice', 'exitPrice'] as const) {
      const v = trade[key];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new UiDataError(`${f}.${key}`, `must be a finite number; got ${describeValue(v)}`);
      }
    }
    if (trade.exitTime < trade.entryTime) {
      throw new UiDataError(`${f}.exitTime`, `(${formatUtc(trade.exitTime)} UTC) must not be before entryTime (${formatUtc(trade.entryTime)} UTC)`);
    }
    const entryBar = barIndexAtOrBefore(timesMs, trade.entryTime);
    const exitBar = barIndexAtOrBefore(timesMs, trade.exitTime);
    if (entryBar < 0 || exitBar < 0 || trade.entryTime > lastTime || trade.exitTime > lastClose) {
      outside++;
      return;
    }
    const entry = ENTRY_SHAPES[trade.side];
    const entryColor = trade.side === 'long' ? t.up : t.down;
    items.push({
      bar: entryBar,
      order: 2 * k,
      marker: {
        time: toChartTime(timesMs[entryBar]!),
        shape: entry.shape,
        position: entry.position,
        price: trade.entryPrice,
        color: entryColor,
        id: `${k}-entry`,
      },
    });
    const pnlColor = trade.pnl === undefined || Number.isNaN(trade.pnl) ? t.text : trade.pnl >= 0 ? t.up : t.down;
    const exitColor = trade.reason === 'end' ? t.muted : pnlColor;
    const exitText = trade.reason === 'stop' ? 'SL' : trade.reason === 'end' ? 'END' : undefined;
    items.push({
      bar: exitBar,
      order: 2 * k + 1,
      marker: {
        time: toChartTime(timesMs[exitBar]!),
        shape: trade.reason === 'stop' ? 'square' : 'circle',
        position: 'atPriceMiddle',
        price: trade.exitPrice,
        color: exitColor,
        id: `${k}-exit`,
        size: 0.8,
        ...(options.labels && exitText ? { text: exitText } : {}),
      },
    });
  });
  items.sort((a, b) => a.bar - b.bar || a.order - b.order);
  return { markers: items.map((x) => x.marker), barIndices: Int32Array.from(items, (x) => x.bar), outside };
}

/**
 * Whether markers would overlap into a smear at the current zoom: more than
 * one marker per `minPxPerMarker` pixels of the visible range. `barIndices`
 * must be ascending. At 50,000 bars zoomed out, a thousand trades cover
 * every pixel; zooming in brings them back.
 */
export function markersTooDense(barIndices: Int32Array, range: LogicalRange | null, widthPx: number, minPxPerMarker = 6): boolean {
  if (!range || barIndices.length === 0 || !(widthPx > 0)) return false;
  const first = firstIndexAtOrAfter(barIndices, range.from);
  const afterLast = firstIndexAtOrAfter(barIndices, Math.floor(range.to) + 1);
  return (afterLast - first) * minPxPerMarker > widthPx;
}

/**
 * The most common spacing between consecutive bars (the timeframe), or 0 for
 * fewer than two bars. Used to accept an exit stamped at the close of the
 * last bar. Looks at up to the first 64 spacings: enough to see through gaps.
 */
export function dominantStepMs(timesMs: ArrayLike<number>): number {
  const counts = new Map<number, number>();
  const limit = Math.min(timesMs.length - 1, 64);
  let best = 0;
  let bestCount = 0;
  for (let i = 0; i < limit; i++) {
    const d = timesMs[i + 1]! - timesMs[i]!;
    const c = (counts.get(d) ?? 0) + 1;
    counts.set(d, c);
    if (c > bestCount) {
      best = d;
      bestCount = c;
    }
  }
  return best;
}

export interface IndexRange {
  /** First bar index inside the window. */
  from: number;
  /** Last bar index inside the window (inclusive). */
  to: number;
}

const SEGMENT_KINDS = new Set(['train', 'test', 'highlight']);

/** Checks segments; throws UiDataError naming the first bad field. */
export function validateSegments(segments: readonly TimeSegment[], field = 'segments'): void {
  segments.forEach((s, i) => {
    const f = `${field}[${i}]`;
    for (const key of ['start', 'end'] as const) {
      if (typeof s[key] !== 'number' || !Number.isFinite(s[key])) {
        throw new UiDataError(`${f}.${key}`, `must be a finite epoch-millisecond time; got ${describeValue(s[key])}`);
      }
    }
    if (s.end < s.start) {
      throw new UiDataError(`${f}.end`, `(${formatUtc(s.end)} UTC) must not be before start (${formatUtc(s.start)} UTC)`);
    }
    if (!SEGMENT_KINDS.has(s.kind)) {
      throw new UiDataError(`${f}.kind`, `must be "train", "test" or "highlight"; got ${describeValue(s.kind)}`);
    }
  });
}

/**
 * The bars a segment covers: open time in [start, end], both inclusive.
 * Null when no bar falls inside (a window entirely in a data gap or off the chart).
 */
export function segmentIndexRange(timesMs: ArrayLike<number>, segment: Pick<TimeSegment, 'start' | 'end'>): IndexRange | null {
  const from = firstIndexAtOrAfter(timesMs, segment.start);
  const to = barIndexAtOrBefore(timesMs, segment.end);
  if (from > to) return null;
  return { from, to };
}

/**
 * An equity-like series (columns) → line data. Times must strictly increase;
 * values must be finite, except NaN which leaves a gap (e.g. between the
 * out-of-sample windows of a stitched curve).
 */
export function toValueLineData(series: { time: NumericArray; values: NumericArray }, field: string): LineData<ChartTime>[] {
  const { time, values } = series;
  if (!time || typeof time.length !== 'number') throw new UiDataError(`${field}.time`, `must be an array of epoch-ms times; got ${describeValue(time)}`);
  if (!values || typeof values.length !== 'number') throw new UiDataError(`${field}.values`, `must be an array of numbers; got ${describeValue(values)}`);
  if (time.length !== values.length) {
    throw new UiDataError(`${field}.values`, `has ${values.length} values but ${field}.time has ${time.length}; they must pair up one to one`);
  }
  const out: LineData<ChartTime>[] = [];
  let prev = -Infinity;
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (typeof t !== 'number' || !Number.isFinite(t)) throw new UiDataError(`${field}.time[${i}]`, `must be a finite epoch-millisecond time; got ${describeValue(t)}`);
    if (t <= prev) {
      throw new UiDataError(`${field}.time[${i}]`, `must be later than the previous point (${formatUtc(prev, { seconds: true })} UTC); got ${formatUtc(t, { seconds: true })} UTC`);
    }
    prev = t;
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new UiDataError(`${field}.values[${i}]`, `must be a finite number (NaN for a gap); got ${describeValue(v)}`);
    out.push({ time: toChartTime(t), value: v });
  }
  return out;
}

/** Validates the curves and their names (non-empty, unique) and maps each to line data. */
export function toEquityLines(curves: readonly EquityCurveInput[], field = 'curves'): LineData<ChartTime>[][] {
  const seen = new Set<string>();
  return curves.map((c, i) => {
    if (typeof c.name !== 'string' || c.name.trim() === '') {
      throw new UiDataError(`${field}[${i}].name`, `must be a non-empty label; got ${describeValue(c.name)}`);
    }
    if (seen.has(c.name)) throw new UiDataError(`${field}[${i}].name`, `${JSON.stringify(c.name)} is used twice; curve names label the legend and must be unique`);
    seen.add(c.name);
    return toValueLineData(c, `${field}[${i}]`);
  });
}

/**
 * Drawdown of an equity curve: E[t] / max(E[0..t]) − 1, so 0 at every new
 * high and −0.2 when equity is 20 % below its running peak (the engine's
 * maxDrawdown is the minimum of this series). NaN points stay NaN and do not
 * move the peak.
 */
export function drawdownFromEquity(values: NumericArray): Float64Array {
  const out = new Float64Array(values.length);
  let peak = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) {
      out[i] = NaN;
      continue;
    }
    if (v > peak) peak = v;
    out[i] = peak > 0 ? v / peak - 1 : NaN;
  }
  return out;
}

/** The drawdown series for the chart's lower pane, from explicit data or from the first curve. */
export function drawdownSeries(curves: readonly EquityCurveInput[], explicit?: FractionSeriesInput): FractionSeriesInput | null {
  if (explicit) return explicit;
  const first = curves[0];
  if (!first) return null;
  return { time: first.time, values: drawdownFromEquity(first.values) };
}

export interface LogicalRange {
  from: number;
  to: number;
}

/**
 * Moves the visible window by `fraction` of its width (negative = back in
 * time), keeping it within [-width/2, lastIndex + width/2] so the data never
 * scrolls fully out of view. Used by the chart's keyboard controls.
 */
export function panLogicalRange(range: LogicalRange, fraction: number, barCount: number): LogicalRange {
  const width = range.to - range.from;
  const shift = width * fraction;
  const minFrom = -width / 2;
  const maxFrom = Math.max(minFrom, barCount - 1 - width / 2);
  const from = Math.min(maxFrom, Math.max(minFrom, range.from + shift));
  return { from, to: from + width };
}

/**
 * Zooms the visible window around its centre: factor < 1 zooms in, > 1 out.
 * The width stays between `minBars` and the whole series plus a margin.
 */
export function zoomLogicalRange(range: LogicalRange, factor: number, barCount: number, minBars = 10): LogicalRange {
  const width = range.to - range.from;
  const maxWidth = Math.max(minBars, barCount * 1.1);
  const next = Math.min(maxWidth, Math.max(minBars, width * factor));
  const centre = (range.from + range.to) / 2;
  return { from: centre - next / 2, to: centre + next / 2 };
}

/** A one-sentence description of a candle series for screen readers. */
export function describeCandleSeries(title: string, mapped: MappedCandles, extras: { overlays: readonly string[]; trades: number; segments: number }): string {
  const n = mapped.data.length;
  if (n === 0) return `${title}: no candles.`;
  const first = mapped.timesMs[0]!;
  const last = mapped.timesMs[n - 1]!;
  const lastClose = mapped.data[n - 1]!.close;
  const parts = [
    `${title}: ${n.toLocaleString('en-US')} candles from ${formatUtc(first)} to ${formatUtc(last)} UTC, last close ${formatPrice(lastClose)}`,
  ];
  if (extras.overlays.length > 0) parts.push(`lines: ${extras.overlays.join(', ')}`);
  if (extras.trades > 0) parts.push(`${extras.trades.toLocaleString('en-US')} trades marked`);
  if (extras.segments > 0) parts.push(`${extras.segments} shaded windows`);
  return `${parts.join('; ')}.`;
}

/** A sentence per curve (first → last value and change) plus the deepest drawdown, for screen readers. */
export function describeEquityCurves(
  title: string,
  curves: readonly { name: string; data: readonly LineData<ChartTime>[] }[],
  drawdown: readonly LineData<ChartTime>[] | null,
  currency: string,
): string {
  const parts = curves.map(({ name, data }) => {
    const first = data[0];
    const last = data[data.length - 1];
    if (!first || !last) return `${name}: no points`;
    const change = first.value !== 0 ? last.value / first.value - 1 : NaN;
    return `${name} from ${formatNumber(first.value)} to ${formatNumber(last.value)} ${currency} (${formatPercent(change, { signed: true })}) between ${formatUtc(first.time * 1000)} and ${formatUtc(last.time * 1000)} UTC`;
  });
  let text = `${title}: ${parts.join('; ')}`;
  if (drawdown && drawdown.length > 0) {
    const deepest = drawdown.reduce((m, d) => Math.min(m, d.value), 0);
    text += `; deepest drawdown ${formatPercent(deepest)}`;
  }
  return `${text}.`;
}
