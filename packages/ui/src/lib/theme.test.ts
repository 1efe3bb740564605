// @vitest-environment node
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { THEMES, cssVariableOf, seriesColor, themeInitScript, themeTokens, type ThemeTokens } from './theme';
import { contrastRatio, parseHex } from './color';

const css = readFileSync(fileURLToPath(new URL('../styles.css', import.meta.url)), 'utf8');

/** The custom properties declared in the first rule whose selector list contains `selector`. */
function declaredVariables(selector: string): Record<string, string> {
  const rule = new RegExp(`(^|\\n)([^{}]*${selector.replace(/[[\]"'=]/g, '\\$&')}[^{}]*)\\{([^}]*)\\}`).exec(css);
  if (!rule) throw new Error(`no rule for ${selector} in styles.css`);
  const out: Record<string, string> = {};
  for (const m of rule[3]!.matchAll(/(--sp-[\w-]+)\s*:\s*([^;]+);/g)) out[m[1]!] = m[2]!.trim().toLowerCase();
  return out;
}

describe('theme tokens', () => {
  it('match the CSS custom properties of both themes in styles.css', () => {
    const selectors = { dark: "[data-theme='dark']", light: "[data-theme='light']" } as const;
    for (const theme of THEMES) {
      const vars = declaredVariables(selectors[theme]);
      for (const [token, variable] of Object.entries(cssVariableOf) as [keyof ThemeTokens, string][]) {
        expect({ theme, variable, value: vars[variable] }).toEqual({ theme, variable, value: String(themeTokens[theme][token]).toLowerCase() });
      }
    }
  });

  it('keep text, muted, signal and accent colours readable on every surface (WCAG AA 4.5:1)', () => {
    for (const theme of THEMES) {
      const t = themeTokens[theme];
      for (const surface of [t.bg, t.surface, t.surface2]) {
        expect(contrastRatio(parseHex(t.text), parseHex(surface))).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(parseHex(t.muted), parseHex(surface))).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(parseHex(t.up), parseHex(surface))).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(parseHex(t.down), parseHex(surface))).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(parseHex(t.warn), parseHex(surface))).toBeGreaterThanOrEqual(4.5);
        expect(contrastRatio(parseHex(t.accent), parseHex(surface))).toBeGreaterThanOrEqual(4.5);
      }
    }
  });

  it('cycles series colours', () => {
    const n = themeTokens.dark.series.length;
    expect(seriesColor('dark', n + 1)).toBe(themeTokens.dark.series[1]);
  });

  it('ships an init script that applies the stored theme before paint', () => {
    const root = { dataset: {} as Record<string, string> };
    const run = (stored: string | null) => new Function('localStorage', 'document', themeInitScript)({ getItem: () => stored }, { documentElement: root });
    run('light');
    expect(root.dataset.theme).toBe('light');
    run('neon');
    expect(root.dataset.theme).toBe('dark');
  });
});
