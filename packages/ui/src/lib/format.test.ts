// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  MISSING,
  formatCurrency,
  formatDuration,
  formatInteger,
  formatNumber,
  formatPercent,
  formatPrice,
  formatQuantity,
  formatUtc,
  formatUtcDate,
  humanizeName,
  signTone,
  toIsoUtc,
} from './format';

describe('formatNumber', () => {
  it('groups thousands and fixes the decimals', () => {
    expect(formatNumber(1234.5)).toBe('1,234.50');
    expect(formatNumber(1234567.891, { digits: 1 })).toBe('1,234,567.9');
    expect(formatNumber(-1234.5, { digits: 0 })).toBe('-1,235');
  });

  it('never shows a signed zero', () => {
    expect(formatNumber(-0.001)).toBe('0.00');
    expect(formatNumber(-0)).toBe('0.00');
    expect(formatNumber(0.001, { signed: true })).toBe('0.00');
  });

  it('prefixes + only when asked and the value is positive', () => {
    expect(formatNumber(1.5, { signed: true })).toBe('+1.50');
    expect(formatNumber(-1.5, { signed: true })).toBe('-1.50');
  });

  it('shows a dash for NaN and the infinity sign for infinities', () => {
    expect(formatNumber(NaN)).toBe(MISSING);
    expect(formatNumber(Infinity)).toBe('∞');
    expect(formatNumber(-Infinity)).toBe('-∞');
  });
});

describe('formatPercent', () => {
  it('turns fractions into percentages', () => {
    expect(formatPercent(0.1234)).toBe('12.34%');
    expect(formatPercent(-0.2105)).toBe('-21.05%');
    expect(formatPercent(0.5, { signed: true })).toBe('+50.00%');
    expect(formatPercent(0.0049, { digits: 1 })).toBe('0.5%');
  });

  test.prop([fc.double({ min: -1e4, max: 1e4, noNaN: true })])('reads back within half a unit of the last digit', (x) => {
    const text = formatPercent(x);
    const back = Number(text.replace(/[%,+]/g, '')) / 100;
    expect(Math.abs(back - x)).toBeLessThanOrEqual(0.00005 + 1e-12 * Math.abs(x));
  });
});

describe('formatCurrency, formatInteger, formatPrice, formatQuantity', () => {
  it('puts the quote asset after the amount', () => {
    expect(formatCurrency(-1234.5)).toBe('-1,234.50 USDT');
    expect(formatCurrency(10, 'USDC', { signed: true })).toBe('+10.00 USDC');
  });

  it('rounds counts to whole numbers', () => {
    expect(formatInteger(12345.4)).toBe('12,345');
  });

  it('quotes prices with precision by magnitude', () => {
    // Closes of the 2024-01-01 00:00 UTC Binance candles (shared/data README).
    expect(formatPrice(42475.23)).toBe('42,475.23');
    expect(formatPrice(314.4)).toBe('314.40');
    expect(formatPrice(1.23456)).toBe('1.2346');
    expect(formatPrice(0.0000123457)).toBe('0.0000123457');
    expect(formatPrice(0.5)).toBe('0.500000');
  });

  it('drops trailing zeros from quantities', () => {
    expect(formatQuantity(2.354)).toBe('2.354');
    expect(formatQuantity(1)).toBe('1');
    expect(formatQuantity(0.1234567)).toBe('0.123457');
    expect(formatQuantity(1500)).toBe('1,500');
  });
});

describe('formatUtc', () => {
  it('formats epoch milliseconds in UTC, minutes resolution', () => {
    // 2024-01-01T00:00:00Z and 2025-12-31T23:00:00Z from the shared data README.
    expect(formatUtc(1704067200000)).toBe('2024-01-01 00:00');
    expect(formatUtc(1767222000000)).toBe('2025-12-31 23:00');
    expect(formatUtc(1767222000000 + 5000, { seconds: true })).toBe('2025-12-31 23:00:05');
    expect(formatUtcDate(1767222000000)).toBe('2025-12-31');
    expect(toIsoUtc(1704067200000)).toBe('2024-01-01T00:00:00.000Z');
  });

  it('shows a dash for times that are not numbers', () => {
    expect(formatUtc(NaN)).toBe(MISSING);
    expect(formatUtcDate(Infinity)).toBe(MISSING);
    expect(toIsoUtc(NaN)).toBeUndefined();
  });

  test.prop([fc.integer({ min: 0, max: 4102444800000 })])('agrees with Date.prototype.toISOString', (ms) => {
    expect(formatUtc(ms, { seconds: true })).toBe(new Date(ms).toISOString().slice(0, 19).replace('T', ' '));
  });
});

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(0)).toBe('<1 s');
    expect(formatDuration(42_000)).toBe('42 s');
    expect(formatDuration(185_000)).toBe('3 min 05 s');
    expect(formatDuration(3_900_000)).toBe('1 h 05 min');
    expect(formatDuration((2 * 24 + 3) * 3_600_000)).toBe('2 d 03 h');
  });

  it('refuses negative and non-finite durations', () => {
    expect(formatDuration(-1)).toBe(MISSING);
    expect(formatDuration(NaN)).toBe(MISSING);
  });
});

describe('signTone and humanizeName', () => {
  it('colours by sign', () => {
    expect(signTone(0.1)).toBe('up');
    expect(signTone(-0.1)).toBe('down');
    expect(signTone(0)).toBe('neutral');
    expect(signTone(NaN)).toBe('neutral');
    expect(signTone(null)).toBe('neutral');
  });

  it('turns identifiers into labels', () => {
    expect(humanizeName('emaFast')).toBe('EMA fast');
    expect(humanizeName('atr_mult')).toBe('ATR mult');
    expect(humanizeName('rsiPeriod')).toBe('RSI period');
    expect(humanizeName('lookback')).toBe('Lookback');
    expect(humanizeName('maxConsecutiveLosses')).toBe('Max consecutive losses');
  });
});
