// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { chartOptions, chartTimeText, drawdownOptions, groupedPriceFormat, pricePrecision, tickMarkText, withAlpha } from './options';
import { themeTokens } from '../lib/theme';
import { TickMarkType, type Time } from 'lightweight-charts';

describe('chart options', () => {
  it('formats chart times as UTC text like the tables', () => {
    expect(chartTimeText(1704067200 as Time)).toBe('2024-01-01 00:00');
    expect(chartTimeText({ year: 2024, month: 3, day: 9 })).toBe('2024-03-09');
  });

  it('labels the time axis in UTC with four-digit years', () => {
    const t = (iso: string) => (Date.parse(iso) / 1000) as Time;
    expect(tickMarkText(t('2023-01-01T00:00:00Z'), TickMarkType.Year)).toBe('2023');
    expect(tickMarkText(t('2024-03-01T00:00:00Z'), TickMarkType.Month)).toBe('Mar');
    expect(tickMarkText(t('2024-03-17T00:00:00Z'), TickMarkType.DayOfMonth)).toBe('17');
    expect(tickMarkText(t('2024-03-17T20:19:00Z'), TickMarkType.Time)).toBe('20:19');
    expect(tickMarkText(t('2024-03-17T20:19:05Z'), TickMarkType.TimeWithSeconds)).toBe('20:19:05');
  });

  it('paints the canvas in the theme colours and lets 50k bars fit', () => {
    const o = chartOptions('light');
    expect(o.layout?.background).toEqual({ type: 'solid', color: themeTokens.light.surface });
    expect(o.timeScale?.enableConflation).toBe(true);
    expect(o.timeScale?.minBarSpacing).toBeLessThanOrEqual(1280 / 50_000);
  });

  it('quotes prices with decimals by magnitude', () => {
    expect(pricePrecision(42_475.23)).toBe(2);
    expect(pricePrecision(1.2345)).toBe(4);
    expect(pricePrecision(0.05)).toBe(6);
    expect(pricePrecision(0.0000123)).toBe(9);
  });

  it('groups thousands on the price axis', () => {
    expect(groupedPriceFormat(2).formatter(68512.6)).toBe('68,512.60');
    expect(groupedPriceFormat(4).minMove).toBeCloseTo(0.0001, 12);
  });

  it('mixes alpha into hex colours', () => {
    expect(withAlpha('#f0616d', 0.3)).toBe('rgba(240, 97, 109, 0.3)');
    expect(drawdownOptions('dark').bottomLineColor).toBe(themeTokens.dark.down);
  });
});
