/**
 * Theme tokens. The same values are declared as CSS custom properties in
 * styles.css (a test keeps the two in sync); charts draw on canvas and cannot
 * read CSS, so they take their colours from here.
 */

export type ThemeName = 'dark' | 'light';

export const THEMES: readonly ThemeName[] = ['dark', 'light'];

export interface ThemeTokens {
  bg: string;
  surface: string;
  surface2: string;
  border: string;
  text: string;
  muted: string;
  accent: string;
  up: string;
  down: string;
  warn: string;
  grid: string;
  /** Diverging scale end for -1 (correlation heatmap). */
  negative: string;
  /** Diverging scale end for +1. */
  positive: string;
  segmentTrain: string;
  segmentTest: string;
  segmentHighlight: string;
  /** Line colours for named series (indicators, equity curves), in order of use. */
  series: readonly string[];
}

export const themeTokens: Readonly<Record<ThemeName, ThemeTokens>> = {
  dark: {
    bg: '#0b0e13',
    surface: '#121620',
    surface2: '#181d29',
    border: '#262d3b',
    text: '#d7dce5',
    muted: '#8b95a7',
    accent: '#5b9bff',
    up: '#2ebd85',
    down: '#f0616d',
    warn: '#f0b429',
    grid: '#1b2130',
    negative: '#3f8cff',
    positive: '#ff7a45',
    segmentTrain: 'rgba(91, 155, 255, 0.10)',
    segmentTest: 'rgba(240, 180, 41, 0.12)',
    segmentHighlight: 'rgba(215, 220, 229, 0.08)',
    series: ['#f0b429', '#5b9bff', '#c77dff', '#2ec4d6', '#ff8fab', '#a3e635', '#ff7a45', '#94a3b8'],
  },
  light: {
    bg: '#f5f6f8',
    surface: '#ffffff',
    surface2: '#f0f2f5',
    border: '#d9dee6',
    text: '#151b26',
    muted: '#566073',
    accent: '#1f5fd6',
    up: '#077a50',
    down: '#c8323f',
    warn: '#935c00',
    grid: '#edf0f4',
    negative: '#1f5fd6',
    positive: '#d9480f',
    segmentTrain: 'rgba(31, 95, 214, 0.08)',
    segmentTest: 'rgba(147, 92, 0, 0.10)',
    segmentHighlight: 'rgba(21, 27, 38, 0.06)',
    series: ['#b7791f', '#1f5fd6', '#8e44ad', '#0f8a9c', '#c2185b', '#4d7c0f', '#d9480f', '#475569'],
  },
};

/** CSS custom property name for each token that styles.css declares. */
export const cssVariableOf: Readonly<Partial<Record<keyof ThemeTokens, string>>> = {
  bg: '--sp-bg',
  surface: '--sp-surface',
  surface2: '--sp-surface-2',
  border: '--sp-border',
  text: '--sp-text',
  muted: '--sp-muted',
  accent: '--sp-accent',
  up: '--sp-up',
  down: '--sp-down',
  warn: '--sp-warn',
  grid: '--sp-grid',
};

/** The colour of the i-th named series, cycling through the theme palette. */
export function seriesColor(theme: ThemeName, index: number): string {
  const palette = themeTokens[theme].series;
  return palette[((index % palette.length) + palette.length) % palette.length] ?? themeTokens[theme].accent;
}

/** Storage key the theme toggle persists the choice under. */
export const THEME_STORAGE_KEY = 'sp-theme';

/**
 * An inline script for the document `<head>` that applies the stored theme
 * before first paint, so a light-theme user never sees a dark flash:
 * `<script dangerouslySetInnerHTML={{ __html: themeInitScript }} />`.
 */
export const themeInitScript = `(function(){try{var t=localStorage.getItem(${JSON.stringify(THEME_STORAGE_KEY)});document.documentElement.dataset.theme=t==='light'?'light':'dark';}catch(e){document.documentElement.dataset.theme='dark';}})();`;
