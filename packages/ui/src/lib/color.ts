/**
 * Colour arithmetic for heatmaps: parsing, mixing, WCAG contrast, a diverging
 * scale for correlations (-1..1) and the viridis sequential scale for
 * objective values.
 */
import { type ThemeName, themeTokens } from './theme';

export interface Rgb {
  r: number;
  g: number;
  b: number;
}

/** Parses "#rgb" or "#rrggbb". Throws on anything else: colours here are constants. */
export function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(hex.trim());
  if (!m || m[1] === undefined) throw new Error(`colour ${JSON.stringify(hex)} is not #rgb or #rrggbb`);
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return {
    r: parseInt(h.slice(0, 2), 16),
    g: parseInt(h.slice(2, 4), 16),
    b: parseInt(h.slice(4, 6), 16),
  };
}

export function toHex({ r, g, b }: Rgb): string {
  const c = (v: number) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

/** Linear interpolation in sRGB: t = 0 → a, t = 1 → b. */
export function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const u = Math.min(1, Math.max(0, t));
  return { r: a.r + (b.r - a.r) * u, g: a.g + (b.g - a.g) * u, b: a.b + (b.b - a.b) * u };
}

/** Relative luminance, WCAG 2.x definition (sRGB linearisation, Rec. 709 weights). */
export function relativeLuminance({ r, g, b }: Rgb): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** WCAG 2.x contrast ratio, from 1 (same colour) to 21 (black on white). */
export function contrastRatio(a: Rgb, b: Rgb): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const BLACK: Rgb = { r: 0, g: 0, b: 0 };
const WHITE: Rgb = { r: 255, g: 255, b: 255 };

/**
 * Near-black or near-white text, whichever contrasts more with `background`.
 * Every colour reaches at least 4.58:1 against pure black or pure white, so
 * the WCAG AA minimum of 4.5:1 for normal text always holds.
 */
export function readableTextOn(background: Rgb): string {
  return contrastRatio(background, BLACK) >= contrastRatio(background, WHITE) ? '#000000' : '#ffffff';
}

export interface CellColors {
  background: string;
  text: string;
}

/**
 * Diverging scale for a value in [-1, 1]: 0 is the theme's surface colour,
 * -1 the theme's `negative` hue, +1 its `positive` hue, with the intensity
 * linear in |value|. Values outside [-1, 1] are clamped; NaN gives the
 * surface colour.
 */
export function divergingColor(value: number, theme: ThemeName): CellColors {
  const t = themeTokens[theme];
  const base = parseHex(t.surface);
  const v = Number.isNaN(value) ? 0 : Math.min(1, Math.max(-1, value));
  const end = parseHex(v < 0 ? t.negative : t.positive);
  const rgb = mix(base, end, Math.abs(v) * 0.9);
  return { background: toHex(rgb), text: readableTextOn(rgb) };
}

/**
 * Viridis (van der Walt & Smith, matplotlib 2.0 default): perceptually uniform
 * and readable with colour-vision deficiency. Nine stops as R's
 * `viridisLite::viridis(9)` publishes them, interpolated linearly.
 */
export const VIRIDIS_STOPS: readonly string[] = [
  '#440154',
  '#472d7b',
  '#3b528b',
  '#2c728e',
  '#21908c',
  '#27ad81',
  '#5dc863',
  '#aadc32',
  '#fde725',
];

const viridisRgb = VIRIDIS_STOPS.map(parseHex);

/** Viridis colour at t in [0, 1] (clamped; NaN → 0). */
export function viridis(t: number): Rgb {
  const u = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t));
  const scaled = u * (viridisRgb.length - 1);
  const i = Math.min(viridisRgb.length - 2, Math.floor(scaled));
  return mix(viridisRgb[i]!, viridisRgb[i + 1]!, scaled - i);
}

/** Sequential cell colours for `value` within [min, max] (a flat range maps to the middle). */
export function sequentialColor(value: number, min: number, max: number): CellColors {
  const t = max > min ? (value - min) / (max - min) : 0.5;
  const rgb = viridis(value === Infinity ? 1 : value === -Infinity ? 0 : t);
  return { background: toHex(rgb), text: readableTextOn(rgb) };
}
