/**
 * lightweight-charts options per theme. Kept apart from the components so
 * the colours can be checked without a canvas.
 */
import {
  ColorType,
  CrosshairMode,
  TickMarkType,
  type BaselineSeriesPartialOptions,
  type CandlestickSeriesPartialOptions,
  type ChartOptions,
  type DeepPartial,
  type LineSeriesPartialOptions,
  type Time,
} from 'lightweight-charts';
import { formatNumber, formatPercent, formatUtc } from '../lib/format';
import { type ThemeName, themeTokens } from '../lib/theme';

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Chart time (UTC seconds, or a business-day form we never produce) → the UI's UTC text. */
export function chartTimeText(time: Time): string {
  if (typeof time === 'number') return formatUtc(time * 1000);
  if (typeof time === 'string') return time;
  return `${time.year}-${String(time.month).padStart(2, '0')}-${String(time.day).padStart(2, '0')}`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * Time-axis labels in UTC: "2024" at year boundaries (the library's default
 * shortens it to "24"), "Mar" at months, "17" at days, "20:19" inside a day.
 */
export function tickMarkText(time: Time, type: TickMarkType): string | null {
  if (typeof time !== 'number') return null;
  const d = new Date(time * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  switch (type) {
    case TickMarkType.Year:
      return String(d.getUTCFullYear());
    case TickMarkType.Month:
      return MONTHS[d.getUTCMonth()] ?? null;
    case TickMarkType.DayOfMonth:
      return String(d.getUTCDate());
    case TickMarkType.Time:
      return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
    case TickMarkType.TimeWithSeconds:
      return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  }
  return null;
}

export function chartOptions(theme: ThemeName): DeepPartial<ChartOptions> {
  const t = themeTokens[theme];
  return {
    layout: {
      background: { type: ColorType.Solid, color: t.surface },
      textColor: t.muted,
      fontFamily: FONT,
      fontSize: 11,
      panes: { separatorColor: t.border, separatorHoverColor: t.grid },
    },
    grid: { vertLines: { color: t.grid }, horzLines: { color: t.grid } },
    rightPriceScale: { borderColor: t.border },
    timeScale: {
      borderColor: t.border,
      timeVisible: true,
      secondsVisible: false,
      rightOffset: 3,
      // 50,000 bars must fit a 1280 px chart when zoomed out; conflation
      // merges bars that would be narrower than half a pixel, which keeps
      // panning and zooming smooth at that density.
      minBarSpacing: 0.01,
      enableConflation: true,
      tickMarkFormatter: tickMarkText,
    },
    crosshair: {
      mode: CrosshairMode.Normal,
      vertLine: { color: t.muted, labelBackgroundColor: t.surface2 },
      horzLine: { color: t.muted, labelBackgroundColor: t.surface2 },
    },
    localization: { locale: 'en-US', timeFormatter: chartTimeText },
  };
}

export function candleOptions(theme: ThemeName, precision: number): CandlestickSeriesPartialOptions {
  const t = themeTokens[theme];
  return {
    upColor: t.up,
    downColor: t.down,
    borderUpColor: t.up,
    borderDownColor: t.down,
    wickUpColor: t.up,
    wickDownColor: t.down,
    priceFormat: groupedPriceFormat(precision),
  };
}

/** Price format with thousands separators ("68,512.60"), which the built-in "price" type lacks. */
export function groupedPriceFormat(precision: number) {
  return { type: 'custom' as const, minMove: 10 ** -precision, formatter: (p: number) => formatNumber(p, { digits: precision }) };
}

export function overlayOptions(color: string, title: string): LineSeriesPartialOptions {
  return {
    color,
    lineWidth: 1,
    title,
    priceLineVisible: false,
    lastValueVisible: false,
    crosshairMarkerVisible: false,
  };
}

export function equityLineOptions(color: string, title: string): LineSeriesPartialOptions {
  return {
    color,
    lineWidth: 2,
    title,
    priceLineVisible: false,
    lastValueVisible: true,
    priceFormat: groupedPriceFormat(2),
  };
}

export function drawdownOptions(theme: ThemeName): BaselineSeriesPartialOptions {
  const t = themeTokens[theme];
  return {
    baseValue: { type: 'price', price: 0 },
    topLineColor: 'rgba(0, 0, 0, 0)',
    topFillColor1: 'rgba(0, 0, 0, 0)',
    topFillColor2: 'rgba(0, 0, 0, 0)',
    bottomLineColor: t.down,
    bottomFillColor1: withAlpha(t.down, 0.08),
    bottomFillColor2: withAlpha(t.down, 0.32),
    lineWidth: 1,
    priceLineVisible: false,
    title: 'Drawdown',
    priceFormat: { type: 'custom', minMove: 0.0001, formatter: (p: number) => formatPercent(p, { digits: 1 }) },
  };
}

/** "#rrggbb" + alpha → "rgba(r, g, b, a)". */
export function withAlpha(hex: string, alpha: number): string {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) return hex;
  return `rgba(${parseInt(m[1]!, 16)}, ${parseInt(m[2]!, 16)}, ${parseInt(m[3]!, 16)}, ${alpha})`;
}

/**
 * Decimals for a price axis, by magnitude (as exchanges quote): ≥ 100 → 2,
 * ≥ 1 → 4, below 1 → enough for 5 significant digits (at most 10).
 */
export function pricePrecision(price: number): number {
  const abs = Math.abs(price);
  if (!Number.isFinite(abs) || abs >= 100) return 2;
  if (abs >= 1) return 4;
  if (abs === 0) return 2;
  return Math.min(10, 4 - Math.floor(Math.log10(abs)));
}

/**
 * The chart's size from its container. The stylesheet owns the height
 * (`--sp-chart-h`, shorter on phones); the fallbacks cover a container that
 * is not laid out yet.
 */
export function sizeOf(el: HTMLElement): { width: number; height: number } {
  const height = Math.floor(el.clientHeight) || Number.parseFloat(el.style.getPropertyValue('--sp-chart-h')) || 420;
  return { width: Math.floor(el.clientWidth), height };
}
