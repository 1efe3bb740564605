'use client';

import { useEffect, useId, useMemo, useRef, type CSSProperties } from 'react';
import {
  BaselineSeries,
  LineSeries,
  type IChartApi,
  type ISeriesApi,
  type LineData,
  type MouseEventParams,
  type Time,
} from 'lightweight-charts';
import type { EquityCurveInput, FractionSeriesInput } from '../types';
import { describeEquityCurves, drawdownSeries, toEquityLines, toValueLineData, type ChartTime } from '../lib/chart-data';
import { toDataProblem, type DataProblem } from '../lib/errors';
import { formatNumber, formatPercent } from '../lib/format';
import { seriesColor, themeTokens, type ThemeName } from '../lib/theme';
import { chartTimeText, drawdownOptions, equityLineOptions, withAlpha } from '../chart/options';
import { useChart } from '../chart/use-chart';
import { EmptyState } from './EmptyState';
import { ErrorCallout } from './ErrorCallout';
import { useTheme } from './ThemeProvider';
import { cx } from './cx';

export interface EquityChartProps {
  /** One or more named curves (e.g. "Combined", "BTCUSDT", or the stitched out-of-sample curve). */
  curves: readonly EquityCurveInput[];
  /**
   * The drawdown pane: fractions ≤ 0 over time. Omitted → computed from the
   * first curve; `false` → no pane.
   */
  drawdown?: FractionSeriesInput | false;
  title?: string;
  /** Height in px of both panes at desktop width (default 360). */
  height?: number;
  currency?: string;
  theme?: ThemeName;
  className?: string;
}

interface Handles {
  chart: IChartApi;
  lines: Map<string, { series: ISeriesApi<'Line'>; data: LineData<ChartTime>[] | null }>;
  drawdown: ISeriesApi<'Baseline'> | null;
}

const DRAWDOWN_PANE = 1;

/** Curves start from the theme's blue: amber (the first series colour) reads as a warning on an equity line. */
function curveColor(theme: ThemeName, index: number): string {
  return seriesColor(theme, index + 1);
}

/**
 * Equity curve(s) with the drawdown underneath in its own pane (shown as a
 * negative percentage). Several curves share the value axis, e.g. combined
 * vs individual symbols. Same lifecycle as CandlestickChart: created on
 * mount, data set once per change, removed on unmount, sized by its
 * container, theme-aware; the hover readout is written straight to the DOM.
 *
 * @example <EquityChart curves={[{ name: 'Equity', time: candles.openTime, values: result.equity }]} />
 * @example <EquityChart title="Portfolio" curves={[combined, ...perSymbol]} />
 */
export function EquityChart({ curves, drawdown, title = 'Equity', height = 360, currency = 'USDT', theme: themeProp, className }: EquityChartProps) {
  const contextTheme = useTheme();
  const theme = themeProp ?? contextTheme;
  const containerRef = useRef<HTMLDivElement>(null);
  const readoutRef = useRef<HTMLSpanElement>(null);
  const descId = useId();

  const mapped = useMemo((): { ok: true; lines: LineData<ChartTime>[][]; dd: LineData<ChartTime>[] | null } | { ok: false; problem: DataProblem } => {
    try {
      const lines = toEquityLines(curves);
      const ddInput = drawdown === false ? null : drawdownSeries(curves, drawdown);
      const dd = ddInput ? toValueLineData(ddInput, drawdown ? 'drawdown' : 'drawdown (from curves[0])') : null;
      return { ok: true, lines, dd };
    } catch (e) {
      return { ok: false, problem: toDataProblem(e) };
    }
  }, [curves, drawdown]);

  const hasCanvas = mapped.ok && curves.length > 0;
  const withDrawdown = mapped.ok && mapped.dd !== null;

  const handles = useChart<Handles>(containerRef, hasCanvas, theme, (chart) => ({ chart, lines: new Map(), drawdown: null }));

  useEffect(() => {
    if (!handles || !mapped.ok) return;
    const keep = new Set(curves.map((c) => c.name));
    for (const [name, entry] of handles.lines) {
      if (!keep.has(name)) {
        handles.chart.removeSeries(entry.series);
        handles.lines.delete(name);
      }
    }
    curves.forEach((c, i) => {
      const options = equityLineOptions(c.color ?? curveColor(theme, i), c.name);
      let entry = handles.lines.get(c.name);
      if (!entry) {
        entry = { series: handles.chart.addSeries(LineSeries, options, 0), data: null };
        handles.lines.set(c.name, entry);
      } else {
        entry.series.applyOptions(options);
      }
      const data = mapped.lines[i]!;
      if (entry.data !== data) {
        entry.series.setData(data);
        entry.data = data;
      }
    });
    handles.chart.timeScale().fitContent();
  }, [handles, mapped, curves, theme]);

  useEffect(() => {
    if (!handles || !mapped.ok) return;
    if (mapped.dd === null) {
      if (handles.drawdown) {
        handles.chart.removeSeries(handles.drawdown);
        handles.drawdown = null;
      }
      return;
    }
    if (!handles.drawdown) {
      handles.drawdown = handles.chart.addSeries(BaselineSeries, drawdownOptions(theme), DRAWDOWN_PANE);
      const panes = handles.chart.panes();
      panes[0]?.setStretchFactor(3);
      panes[DRAWDOWN_PANE]?.setStretchFactor(1);
    } else {
      handles.drawdown.applyOptions(drawdownOptions(theme));
    }
    handles.drawdown.setData(mapped.dd);
  }, [handles, mapped, theme]);

  const names = curves.map((c) => c.name).join('\u0000');
  useEffect(() => {
    if (!handles || !mapped.ok) return;
    const list = names ? names.split('\u0000') : [];
    const write = (time: Time | undefined, values: (number | undefined)[], dd: number | undefined) => {
      const el = readoutRef.current;
      if (!el) return;
      if (time === undefined) {
        el.textContent = '';
        return;
      }
      const parts = [chartTimeText(time)];
      list.forEach((n, i) => {
        const v = values[i];
        if (v !== undefined) parts.push(`${n}\u00a0${formatNumber(v)}`);
      });
      if (dd !== undefined) parts.push(`DD\u00a0${formatPercent(dd, { digits: 2 })}`);
      el.textContent = parts.join('   ');
    };
    const showLast = () => {
      const first = mapped.lines[0];
      const last = first?.[first.length - 1];
      write(
        last?.time,
        mapped.lines.map((l) => l[l.length - 1]?.value),
        mapped.dd?.[mapped.dd.length - 1]?.value,
      );
    };
    showLast();
    const onMove = (param: MouseEventParams<Time>) => {
      if (param.time === undefined) return showLast();
      const values = list.map((n) => {
        const s = handles.lines.get(n)?.series;
        const d = s ? (param.seriesData.get(s) as LineData<Time> | undefined) : undefined;
        return d && typeof d.value === 'number' ? d.value : undefined;
      });
      const ddPoint = handles.drawdown ? (param.seriesData.get(handles.drawdown) as LineData<Time> | undefined) : undefined;
      write(param.time, values, ddPoint?.value);
    };
    handles.chart.subscribeCrosshairMove(onMove);
    return () => handles.chart.unsubscribeCrosshairMove(onMove);
  }, [handles, mapped, names]);

  if (!mapped.ok) {
    return (
      <figure className={cx('sp-chart', className)}>
        <figcaption className="sp-chart-head">
          <span className="sp-chart-title">{title}</span>
        </figcaption>
        <ErrorCallout title="Cannot draw the equity chart" message={mapped.problem.message} field={mapped.problem.field} />
      </figure>
    );
  }
  if (curves.length === 0) {
    return <EmptyState title="No equity curve" description="Run a backtest to see how the account value evolves." />;
  }

  const t = themeTokens[theme];
  const summary = describeEquityCurves(
    title,
    curves.map((c, i) => ({ name: c.name, data: mapped.lines[i]! })),
    mapped.dd,
    currency,
  );

  return (
    <figure className={cx('sp-chart', className)}>
      <figcaption className="sp-chart-head">
        <span className="sp-chart-title">{title}</span>
        <span className="sp-chart-readout" ref={readoutRef} aria-hidden="true" />
      </figcaption>
      <div
        ref={containerRef}
        className="sp-chart-canvas"
        style={{ '--sp-chart-h': `${height}px` } as CSSProperties}
        role="img"
        aria-roledescription="chart"
        aria-label={summary}
        aria-describedby={descId}
      />
      <div className="sp-chart-foot">
        <ul className="sp-legend" aria-label="Legend">
          {curves.map((c, i) => (
            <li key={c.name} className="sp-legend-item">
              <span className="sp-swatch" style={{ background: c.color ?? curveColor(theme, i) }} aria-hidden="true" />
              {c.name}
            </li>
          ))}
          {withDrawdown && (
            <li className="sp-legend-item">
              <span className="sp-swatch sp-swatch--area" style={{ background: withAlpha(t.down, 0.35) }} aria-hidden="true" />
              drawdown{drawdown ? '' : ` of ${curves[0]!.name}`} (lower pane)
            </li>
          )}
        </ul>
        <span id={descId}>Values in {currency} · times in UTC</span>
      </div>
    </figure>
  );
}
