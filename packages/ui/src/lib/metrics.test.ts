// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_METRIC_KEYS, METRIC_DEFINITIONS, describeMetric, describeMetrics } from './metrics';

describe('describeMetric', () => {
  it('shows an infinite profit factor when trades had no loss', () => {
    const d = describeMetric('profitFactor', null, { trades: 5 });
    expect(d.text).toBe('∞');
    expect(d.note).toBe('no losing trade');
  });

  it('shows n/a for the profit factor when there were no trades', () => {
    const d = describeMetric('profitFactor', null, { trades: 0 });
    expect(d.text).toBe('n/a');
    expect(d.note).toBe('no trades');
  });

  it('formats drawdown as a negative percentage coloured as a loss', () => {
    const d = describeMetric('maxDrawdown', -0.2105);
    expect(d.text).toBe('-21.05%');
    expect(d.tone).toBe('down');
    expect(describeMetric('maxDrawdown', 0).tone).toBe('neutral');
  });

  it('signs returns and pnl and colours them by sign', () => {
    expect(describeMetric('totalReturn', 0.5)).toMatchObject({ text: '+50.00%', tone: 'up' });
    expect(describeMetric('pnl', -1234.5)).toMatchObject({ text: '-1,234.50 USDT', amount: '-1,234.50', unit: 'USDT', tone: 'down' });
    expect(describeMetric('pnl', 10, { currency: 'USDC' }).text).toBe('10.00 USDC');
    expect(describeMetric('sharpe', 1.234)).toMatchObject({ text: '1.23', tone: 'up' });
  });

  it('colours the profit factor around 1, not 0', () => {
    expect(describeMetric('profitFactor', 0.8).tone).toBe('down');
    expect(describeMetric('profitFactor', 1.6).tone).toBe('up');
  });

  it('treats a high probability of overfitting as bad', () => {
    expect(describeMetric('pbo', 0.72)).toMatchObject({ text: '72.0%', tone: 'down' });
    expect(describeMetric('dsr', 0.97)).toMatchObject({ text: '97.0%', tone: 'up' });
  });

  it('says when a value is missing or undefined instead of printing a number', () => {
    expect(describeMetric('sharpe', undefined)).toMatchObject({ text: '—', note: 'not reported' });
    expect(describeMetric('sharpe', NaN)).toMatchObject({ text: '—', note: 'not defined for this run' });
  });

  it('labels unknown metrics from their key', () => {
    expect(describeMetric('medianHoldBars', 12)).toMatchObject({ label: 'Median hold bars', text: '12.00' });
  });

  it('has a label and a hint for every default card', () => {
    for (const key of DEFAULT_METRIC_KEYS) {
      expect(METRIC_DEFINITIONS[key]?.hint.length ?? 0).toBeGreaterThan(10);
    }
  });
});

describe('describeMetrics', () => {
  it('accepts an interface-typed metrics object and ignores fields that are not numbers', () => {
    interface EngineLikeMetrics {
      sharpe: number;
      profitFactor: number | null;
      label: string;
    }
    const m: EngineLikeMetrics = { sharpe: 1.5, profitFactor: null, label: 'x' };
    expect(describeMetrics(m, ['sharpe', 'label']).map((d) => d.text)).toEqual(['1.50', '—']);
  });

  it('keeps the requested order and passes the trade count to the profit factor', () => {
    const list = describeMetrics({ trades: 0, profitFactor: null, sharpe: 0 }, ['sharpe', 'profitFactor', 'trades']);
    expect(list.map((d) => d.key)).toEqual(['sharpe', 'profitFactor', 'trades']);
    expect(list[1]?.text).toBe('n/a');
    expect(list[2]?.text).toBe('0');
  });
});
