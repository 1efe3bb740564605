// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  VIRIDIS_STOPS,
  contrastRatio,
  divergingColor,
  parseHex,
  relativeLuminance,
  sequentialColor,
  toHex,
  viridis,
} from './color';
import { THEMES, themeTokens } from './theme';

const hexArb = fc
  .tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
  .map(([r, g, b]) => ({ r, g, b }));

describe('hex parsing', () => {
  it('reads short and long forms', () => {
    expect(parseHex('#fff')).toEqual({ r: 255, g: 255, b: 255 });
    expect(parseHex('#440154')).toEqual({ r: 0x44, g: 0x01, b: 0x54 });
  });

  it('rejects anything that is not a hex colour', () => {
    expect(() => parseHex('red')).toThrow(/not #rgb or #rrggbb/);
  });

  test.prop([hexArb])('round-trips through toHex', (rgb) => {
    expect(parseHex(toHex(rgb))).toEqual(rgb);
  });
});

describe('WCAG contrast', () => {
  it('matches the published reference values', () => {
    expect(relativeLuminance(parseHex('#ffffff'))).toBeCloseTo(1, 12);
    expect(relativeLuminance(parseHex('#000000'))).toBe(0);
    expect(contrastRatio(parseHex('#000000'), parseHex('#ffffff'))).toBeCloseTo(21, 10);
    // WebAIM: #767676 on white is 4.54:1, the lightest grey that passes AA.
    expect(contrastRatio(parseHex('#767676'), parseHex('#ffffff'))).toBeCloseTo(4.54, 2);
  });
});

describe('divergingColor', () => {
  it('is the surface colour at zero and leans to the theme hues at the ends', () => {
    for (const theme of THEMES) {
      const t = themeTokens[theme];
      expect(divergingColor(0, theme).background).toBe(t.surface);
      expect(divergingColor(NaN, theme).background).toBe(t.surface);
      const surface = parseHex(t.surface);
      const neg = parseHex(divergingColor(-1, theme).background);
      const pos = parseHex(divergingColor(1, theme).background);
      const negEnd = parseHex(t.negative);
      const posEnd = parseHex(t.positive);
      const dist = (a: { r: number; g: number; b: number }, b: { r: number; g: number; b: number }) =>
        Math.hypot(a.r - b.r, a.g - b.g, a.b - b.b);
      expect(dist(neg, negEnd)).toBeLessThan(dist(neg, surface));
      expect(dist(pos, posEnd)).toBeLessThan(dist(pos, surface));
    }
  });

  test.prop([fc.constantFrom(...THEMES), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })])(
    'moves further from the surface as |value| grows',
    (theme, a, b) => {
      const [lo, hi] = a <= b ? [a, b] : [b, a];
      const surface = parseHex(themeTokens[theme].surface);
      const d = (v: number) => {
        const c = parseHex(divergingColor(v, theme).background);
        return Math.hypot(c.r - surface.r, c.g - surface.g, c.b - surface.b);
      };
      expect(d(hi)).toBeGreaterThanOrEqual(d(lo) - 1.5);
      expect(d(-hi)).toBeGreaterThanOrEqual(d(-lo) - 1.5);
    },
  );

  test.prop([fc.constantFrom(...THEMES), fc.double({ min: -1, max: 1, noNaN: true })])('keeps cell text at WCAG AA contrast', (theme, v) => {
    const c = divergingColor(v, theme);
    expect(contrastRatio(parseHex(c.background), parseHex(c.text))).toBeGreaterThanOrEqual(4.5);
  });
});

describe('viridis', () => {
  it('hits the published stops exactly', () => {
    expect(toHex(viridis(0))).toBe('#440154');
    expect(toHex(viridis(0.5))).toBe('#21908c');
    expect(toHex(viridis(1))).toBe('#fde725');
    VIRIDIS_STOPS.forEach((hex, i) => expect(toHex(viridis(i / (VIRIDIS_STOPS.length - 1)))).toBe(hex));
  });

  it('gets lighter monotonically from 0 to 1, as a sequential scale must', () => {
    let prev = -1;
    for (let i = 0; i <= 200; i++) {
      const l = relativeLuminance(viridis(i / 200));
      expect(l).toBeGreaterThanOrEqual(prev);
      prev = l;
    }
  });

  test.prop([fc.double({ noNaN: true }), fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true })])(
    'always gives readable text on the sequential scale',
    (v, min, span) => {
      const c = sequentialColor(v, min, min + span);
      expect(contrastRatio(parseHex(c.background), parseHex(c.text))).toBeGreaterThanOrEqual(4.5);
    },
  );

  it('maps a flat range to the middle of the scale', () => {
    expect(sequentialColor(3, 3, 3).background).toBe('#21908c');
  });
});
