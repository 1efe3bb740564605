'use client';

import { useEffect, useId, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import {
  CandlestickSeries,
  LineSeries,
  createSeriesMarkers,
  type CandlestickData,
  type IChartApi,
  type ISeriesApi,
  type ISeriesMarkersPluginApi,
  type LineData,
  type MouseEventParams,
  type Time,
} from 'lightweight-charts';
import type { CandleInput, IndicatorOverlay, TimeSegment, TradeMarkerInput } from '../types';
import {
  describeCandleSeries,
  markersTooDense,
  panLogicalRange,
  segmentIndexRange,
  toCandlestickData,
  toLineData,
  toTradeMarkers,
  validateSegments,
  zoomLogicalRange,
  type ChartTime,
  type MappedCandles,
  type MappedMarkers,
} from '../lib/chart-data';
import { UiDataError, describeValue, toDataProblem, type DataProblem } from '../lib/errors';
import { formatInteger, formatPrice, formatUtc } from '../lib/format';
import { seriesColor, themeTokens, type ThemeName } from '../lib/theme';
import { candleOptions, chartTimeText, overlayOptions, pricePrecision, withAlpha } from '../chart/options';
import { useChart } from '../chart/use-chart';
import { SegmentsPrimitive, type SegmentBand } from '../chart/segments-primitive';
import { ErrorCallout } from './ErrorCallout';
import { useTheme } from './ThemeProvider';
import { cx } from './cx';

export interface CandlestickChartProps {
  /** Candles as rows `{ time, open, high, low, close }` or engine columns `{ openTime, open, … }`; times in epoch ms. */
  candles: CandleInput;
  /** Indicator lines over the price, one value per candle (NaN during warm-up). */
  overlays?: readonly IndicatorOverlay[];
  /** Trades to mark: entries at their fill price, exits shaped by reason. */
  trades?: readonly TradeMarkerInput[];
  /**
   * Shaded windows, e.g. one fold's train and test windows. Overlapping
   * windows compound their shading, so pass non-overlapping ones (a single
   * fold, or only the out-of-sample windows of rolling folds).
   */
  segments?: readonly TimeSegment[];
  /** Chart name for the header and screen readers, e.g. "BTCUSDT · 1h". */
  title?: string;
  /** Height in px at desktop width (default 420); below 560 px wide the stylesheet caps it at 300 px. */
  height?: number;
  /** Text next to stop and end-of-data exits ("SL", "END"); default: on when there are at most 60 trades. */
  markerLabels?: boolean;
  /** Overrides the ThemeProvider's theme. */
  theme?: ThemeName;
  className?: string;
}

interface Handles {
  chart: IChartApi;
  candle: ISeriesApi<'Candlestick'>;
  markers: ISeriesMarkersPluginApi<Time>;
  segments: SegmentsPrimitive;
  lines: Map<string, { series: ISeriesApi<'Line'>; pane: OverlayPane; data: LineData<ChartTime>[] | null }>;
}

type OverlayPane = 'price' | 'oscillator';
const OSCILLATOR_PANE = 1;

type Mapped<T> = { ok: true; value: T } | { ok: false; problem: DataProblem };

function attempt<T>(fn: () => T): Mapped<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    return { ok: false, problem: toDataProblem(e) };
  }
}

const NONE: readonly never[] = [];
const LABEL_TRADE_LIMIT = 60;

function mapOverlays(mapped: MappedCandles, overlays: readonly IndicatorOverlay[]) {
  const names = new Set<string>();
  return overlays.map((o, i) => {
    if (typeof o.name !== 'string' || o.name.trim() === '') {
      throw new UiDataError(`overlays[${i}].name`, `must be a non-empty label; got ${describeValue(o.name)}`);
    }
    if (names.has(o.name)) throw new UiDataError(`overlays[${i}].name`, `${JSON.stringify(o.name)} is used twice; overlay names label the legend and must be unique`);
    names.add(o.name);
    if (o.pane !== undefined && o.pane !== 'price' && o.pane !== 'oscillator') {
      throw new UiDataError(`overlays[${i}].pane`, `must be "price" or "oscillator"; got ${describeValue(o.pane)}`);
    }
    const pane: OverlayPane = o.pane ?? 'price';
    return { name: o.name, label: o.label ?? o.name, pane, color: o.color, data: toLineData(mapped.timesMs, o.values, `overlays[${i}].values`) };
  });
}

function mapSegments(mapped: MappedCandles, segments: readonly TimeSegment[]) {
  validateSegments(segments);
  return segments.flatMap((s) => {
    const range = segmentIndexRange(mapped.timesMs, s);
    return range ? [{ ...range, kind: s.kind, label: s.label, start: s.start, end: s.end }] : [];
  });
}

/**
 * Price chart for backtest results: candles, named indicator lines (e.g.
 * EMA fast/slow), trade markers (▲ long / ▼ short entries at the fill price;
 * exits ● signal, ■ stop, ● end in grey) and shaded walk-forward windows.
 *
 * Built for 50,000 bars: each input is mapped once per change and handed to
 * the canvas in one `setData`, never per bar through React state; the OHLC
 * readout under the crosshair is written straight to the DOM. The chart is
 * created on mount, removed on unmount, follows its container's size
 * (ResizeObserver; the stylesheet sets the height) and the theme. Keyboard: focus the chart, then ← → pan,
 * + − zoom, Home/End jump, 0 fits everything.
 *
 * Invalid input (unsorted times, a non-finite price, an overlay of the wrong
 * length) shows an error naming the field instead of a broken chart.
 *
 * @example
 * <CandlestickChart title="BTCUSDT · 1h" candles={result.candles}
 *   overlays={[{ name: 'EMA 20', values: ind.emaFast }, { name: 'EMA 50', values: ind.emaSlow }]}
 *   trades={result.trades} />
 */
export function CandlestickChart({
  candles,
  overlays = NONE,
  trades = NONE,
  segments = NONE,
  title = 'Price',
  height = 420,
  markerLabels,
  theme: themeProp,
  className,
}: CandlestickChartProps) {
  const contextTheme = useTheme();
  const theme = themeProp ?? contextTheme;
  const containerRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLSpanElement>(null);
  const helpId = useId();

  const mapped = useMemo(() => attempt(() => toCandlestickData(candles)), [candles]);
  const candlesOk = mapped.ok ? mapped.value : null;
  const overlayData = useMemo(() => (candlesOk ? attempt(() => mapOverlays(candlesOk, overlays)) : null), [candlesOk, overlays]);
  const labels = markerLabels ?? trades.length <= LABEL_TRADE_LIMIT;
  const markerData = useMemo(
    (): Mapped<MappedMarkers> | null => (candlesOk ? attempt(() => toTradeMarkers(trades, candlesOk.timesMs, { theme, labels })) : null),
    [candlesOk, trades, theme, labels],
  );
  const segmentData = useMemo(() => (candlesOk ? attempt(() => mapSegments(candlesOk, segments)) : null), [candlesOk, segments]);

  const precision = candlesOk && candlesOk.data.length > 0 ? pricePrecision(candlesOk.data[candlesOk.data.length - 1]!.close) : 2;

  // Create once per mount of the canvas container; everything else updates it.
  const hasCanvas = candlesOk !== null;
  const handles = useChart<Handles>(containerRef, hasCanvas, theme, (chart, initialTheme) => {
    const candle = chart.addSeries(CandlestickSeries, candleOptions(initialTheme, 2));
    const markers = createSeriesMarkers(candle, [], { zOrder: 'aboveSeries' });
    const segmentsPrimitive = new SegmentsPrimitive();
    candle.attachPrimitive(segmentsPrimitive);
    return { chart, candle, markers, segments: segmentsPrimitive, lines: new Map() };
  });

  useEffect(() => {
    handles?.candle.applyOptions(candleOptions(theme, precision));
  }, [handles, theme, precision]);

  useEffect(() => {
    if (!handles || !candlesOk) return;
    handles.candle.setData(candlesOk.data);
    handles.chart.timeScale().fitContent();
  }, [handles, candlesOk]);

  useEffect(() => {
    if (!handles) return;
    const next = overlayData?.ok ? overlayData.value : [];
    const keep = new Map(next.map((o) => [o.name, o.pane]));
    for (const [name, entry] of handles.lines) {
      if (keep.get(name) !== entry.pane) {
        handles.chart.removeSeries(entry.series);
        handles.lines.delete(name);
      }
    }
    next.forEach((o, i) => {
      const options = overlayOptions(o.color ?? seriesColor(theme, i), o.label);
      let entry = handles.lines.get(o.name);
      if (!entry) {
        const paneIndex = o.pane === 'oscillator' ? OSCILLATOR_PANE : 0;
        entry = { series: handles.chart.addSeries(LineSeries, options, paneIndex), pane: o.pane, data: null };
        handles.lines.set(o.name, entry);
        if (paneIndex === OSCILLATOR_PANE) {
          // Oscillators (RSI and the like) get a quarter of the height under the price.
          const panes = handles.chart.panes();
          panes[0]?.setStretchFactor(3);
          panes[OSCILLATOR_PANE]?.setStretchFactor(1);
        }
      } else {
        entry.series.applyOptions(options);
      }
      if (entry.data !== o.data) {
        entry.series.setData(o.data);
        entry.data = o.data;
      }
    });
  }, [handles, overlayData, theme]);

  // Markers closer than a few pixels smear into a band that hides the
  // candles; they are withdrawn until the user zooms in. Only the boolean
  // goes through React state, and only when it flips.
  const [markersHidden, setMarkersHidden] = useState(false);
  useEffect(() => {
    if (!handles) return;
    const info = markerData?.ok ? markerData.value : null;
    let hidden: boolean | null = null;
    const apply = () => {
      const timeScale = handles.chart.timeScale();
      const dense = info !== null && markersTooDense(info.barIndices, timeScale.getVisibleLogicalRange(), timeScale.width());
      if (dense === hidden) return;
      hidden = dense;
      handles.markers.setMarkers(info && !dense ? info.markers : []);
      setMarkersHidden(dense);
    };
    apply();
    const timeScale = handles.chart.timeScale();
    timeScale.subscribeVisibleLogicalRangeChange(apply);
    return () => timeScale.unsubscribeVisibleLogicalRangeChange(apply);
  }, [handles, markerData]);

  useEffect(() => {
    if (!handles) return;
    const t = themeTokens[theme];
    const bands: SegmentBand[] = (segmentData?.ok ? segmentData.value : []).map((s) => ({
      from: s.from,
      to: s.to,
      fill: s.kind === 'train' ? t.segmentTrain : s.kind === 'test' ? t.segmentTest : t.segmentHighlight,
      label: s.label,
      labelColor: t.text,
      labelBackground: withAlpha(t.surface, 0.8),
      row: s.kind === 'test' ? 1 : 0,
    }));
    handles.segments.setBands(bands);
  }, [handles, segmentData, theme]);

  // The OHLC readout follows the crosshair by writing text directly: a React
  // state update per mouse move would re-render the whole chart subtree.
  const overlayNames = overlayData?.ok ? overlayData.value.map((o) => o.label).join('\u0000') : '';
  useEffect(() => {
    if (!handles || !candlesOk) return;
    const write = (bar: CandlestickData<Time> | undefined, time: Time | undefined, values: (string | null)[]) => {
      const el = readoutRef.current;
      if (!el) return;
      if (!bar || time === undefined) {
        el.textContent = '';
        return;
      }
      const parts = [
        chartTimeText(time),
        `O\u00a0${formatPrice(bar.open)}  H\u00a0${formatPrice(bar.high)}  L\u00a0${formatPrice(bar.low)}  C\u00a0${formatPrice(bar.close)}`,
      ];
      const names = overlayNames ? overlayNames.split('\u0000') : [];
      names.forEach((n, i) => {
        if (values[i] !== null && values[i] !== undefined) parts.push(`${n}\u00a0${values[i]}`);
      });
      el.textContent = parts.join('   ');
    };
    const last = candlesOk.data[candlesOk.data.length - 1];
    const lastValues = () =>
      [...handles.lines.values()].map((e) => {
        const d = e.data?.[e.data.length - 1];
        return d ? formatPrice(d.value) : null;
      });
    write(last as CandlestickData<Time> | undefined, last?.time, lastValues());
    const onMove = (param: MouseEventParams<Time>) => {
      const bar = param.time !== undefined ? (param.seriesData.get(handles.candle) as CandlestickData<Time> | undefined) : undefined;
      if (!bar) {
        write(last as CandlestickData<Time> | undefined, last?.time, lastValues());
        return;
      }
      const values = [...handles.lines.values()].map((e) => {
        const d = param.seriesData.get(e.series) as LineData<Time> | undefined;
        return d && typeof d.value === 'number' ? formatPrice(d.value) : null;
      });
      write(bar, param.time, values);
    };
    handles.chart.subscribeCrosshairMove(onMove);
    return () => handles.chart.unsubscribeCrosshairMove(onMove);
  }, [handles, candlesOk, overlayNames]);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!handles || !candlesOk) return;
    const timeScale = handles.chart.timeScale();
    const range = timeScale.getVisibleLogicalRange();
    const n = candlesOk.data.length;
    if (!range) return;
    const r = { from: range.from as number, to: range.to as number };
    let next: { from: number; to: number } | null = null;
    switch (e.key) {
      case 'ArrowLeft':
        next = panLogicalRange(r, e.shiftKey ? -0.5 : -0.1, n);
        break;
      case 'ArrowRight':
        next = panLogicalRange(r, e.shiftKey ? 0.5 : 0.1, n);
        break;
      case '+':
      case '=':
        next = zoomLogicalRange(r, 0.8, n);
        break;
      case '-':
      case '_':
        next = zoomLogicalRange(r, 1.25, n);
        break;
      case 'Home':
        next = panLogicalRange(r, -Infinity, n);
        break;
      case 'End':
        next = panLogicalRange(r, Infinity, n);
        break;
      case '0':
        timeScale.fitContent();
        e.preventDefault();
        return;
      default:
        return;
    }
    e.preventDefault();
    timeScale.setVisibleLogicalRange(next);
  };

  const problems: DataProblem[] = [];
  if (!mapped.ok) problems.push(mapped.problem);
  if (overlayData && !overlayData.ok) problems.push(overlayData.problem);
  if (markerData && !markerData.ok) problems.push(markerData.problem);
  if (segmentData && !segmentData.ok) problems.push(segmentData.problem);

  const overlayList = overlayData?.ok ? overlayData.value : [];
  const markerInfo = markerData?.ok ? markerData.value : null;
  const segmentList = segmentData?.ok ? segmentData.value : [];
  const summary = candlesOk
    ? describeCandleSeries(title, candlesOk, {
        overlays: overlayList.map((o) => o.label),
        trades: trades.length - (markerInfo?.outside ?? 0),
        segments: segmentList.length,
      })
    : `${title}: no chart, the candle data is invalid.`;
  const t = themeTokens[theme];
  const kinds = new Set(segmentList.map((s) => s.kind));

  return (
    <figure className={cx('sp-chart', className)}>
      <figcaption className="sp-chart-head">
        <span className="sp-chart-title">{title}</span>
        <span className="sp-chart-readout" ref={readoutRef} aria-hidden="true" />
      </figcaption>
      {problems.map((p) => (
        <ErrorCallout key={p.field} title={mapped.ok ? 'Part of the chart could not be drawn' : 'Cannot draw the price chart'} message={p.message} field={p.field} />
      ))}
      {candlesOk && (
        <>
          <div
            ref={containerRef}
            className="sp-chart-canvas"
            style={{ '--sp-chart-h': `${height}px` } as CSSProperties}
            role="group"
            aria-roledescription="chart"
            aria-label={summary}
            aria-describedby={helpId}
            tabIndex={0}
            onKeyDown={onKeyDown}
          />
          <p id={helpId} className="sp-visually-hidden">
            Use the left and right arrow keys to pan, plus and minus to zoom, Home and End to jump to the start or the latest bar, and 0 to show everything.
          </p>
          <div className="sp-chart-foot">
            <ul className="sp-legend" aria-label="Legend">
              {overlayList.map((o, i) => (
                <li key={o.name} className="sp-legend-item">
                  <span className="sp-swatch" style={{ background: o.color ?? seriesColor(theme, i) }} aria-hidden="true" />
                  {o.label}
                  {o.pane === 'oscillator' && <span className="sp-muted"> (lower pane)</span>}
                </li>
              ))}
              {markerInfo && markerInfo.markers.length > 0 && (
                <>
                  <li className="sp-legend-item">
                    <span className="sp-glyph" style={{ color: t.up }} aria-hidden="true">▲</span>long entry
                  </li>
                  <li className="sp-legend-item">
                    <span className="sp-glyph" style={{ color: t.down }} aria-hidden="true">▼</span>short entry
                  </li>
                  <li className="sp-legend-item">
                    <span className="sp-glyph" aria-hidden="true">●</span>signal exit
                  </li>
                  <li className="sp-legend-item">
                    <span className="sp-glyph" aria-hidden="true">■</span>stop exit
                  </li>
                  <li className="sp-legend-item">
                    <span className="sp-glyph" style={{ color: t.muted }} aria-hidden="true">●</span>end of data
                  </li>
                </>
              )}
              {kinds.has('train') && (
                <li className="sp-legend-item">
                  <span className="sp-swatch sp-swatch--area" style={{ background: t.segmentTrain, outline: `1px solid ${t.border}` }} aria-hidden="true" />
                  train (in-sample)
                </li>
              )}
              {kinds.has('test') && (
                <li className="sp-legend-item">
                  <span className="sp-swatch sp-swatch--area" style={{ background: t.segmentTest, outline: `1px solid ${t.border}` }} aria-hidden="true" />
                  test (out-of-sample)
                </li>
              )}
            </ul>
            <span>
              {formatInteger(candlesOk.data.length)} bars · UTC
              {markerInfo && markerInfo.outside > 0 && <> · {formatInteger(markerInfo.outside)} trades outside this range not shown</>}
              {markersHidden && <> · trade markers hidden at this zoom, zoom in to see them</>}
            </span>
          </div>
          {segmentList.length > 0 && (
            <ul className="sp-visually-hidden" aria-label="Shaded windows">
              {segmentList.map((s, i) => (
                <li key={`${s.label}-${i}`}>
                  {s.label}: {s.kind}, {formatUtc(s.start)} to {formatUtc(s.end)} UTC
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </figure>
  );
}
