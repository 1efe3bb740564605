import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { MetricCards } from './MetricCards';

describe('MetricCards', () => {
  it('pairs each label with its formatted, sign-coloured value', () => {
    const { container } = render(
      <MetricCards metrics={{ totalReturn: 0.345, maxDrawdown: -0.2105, sharpe: 1.234, pnl: 34_500, trades: 41 }} keys={['totalReturn', 'maxDrawdown', 'sharpe', 'pnl', 'trades']} />,
    );
    const list = container.querySelector('dl')!;
    expect(list.getAttribute('aria-label')).toBe('Metrics');
    expect([...container.querySelectorAll('dt')].map((d) => d.textContent)).toEqual(['Total return', 'Max drawdown', 'Sharpe', 'PnL', 'Trades']);
    const value = (key: string) => container.querySelector(`[data-metric="${key}"] .sp-metric-value`)!;
    expect(value('totalReturn').textContent).toBe('+34.50%');
    expect(value('totalReturn').className).toContain('sp-tone-up');
    expect(value('maxDrawdown').textContent).toBe('-21.05%');
    expect(value('maxDrawdown').className).toContain('sp-tone-down');
    expect(value('pnl').textContent).toBe('34,500.00 USDT');
    expect(value('trades').textContent).toBe('41');
  });

  it('explains an infinite profit factor', () => {
    const { container } = render(<MetricCards metrics={{ profitFactor: null, trades: 3 }} keys={['profitFactor']} />);
    const card = container.querySelector('[data-metric="profitFactor"]') as HTMLElement;
    expect(card.querySelector('.sp-metric-value')?.getAttribute('title')).toBe('no losing trade');
    expect(card.querySelector('.sp-metric-value')?.textContent).toBe('∞ (no losing trade)');
    expect(card.textContent).toContain('no losing trade');
  });

  it('hides hints in compact mode and uses the given currency', () => {
    const { container } = render(<MetricCards metrics={{ pnl: -12 }} keys={['pnl']} compact currency="USDC" />);
    expect(container.querySelector('.sp-metric-hint')).toBeNull();
    expect(container.querySelector('.sp-metric-value')?.textContent).toBe('-12.00 USDC');
  });
});
