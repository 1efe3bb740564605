import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Leaderboard, type LeaderboardRow } from './Leaderboard';
import { Button } from './Button';

const row = (id: string, rank: number, score: number, emaFast: number): LeaderboardRow => ({
  id,
  rank,
  params: { emaFast, emaSlow: 50 },
  score,
  metrics: { sharpe: score, totalReturn: score / 10, maxDrawdown: -0.12, trades: 40 },
});

const action = (r: LeaderboardRow) => <Button size="sm">Validate with walk-forward</Button>;

describe('Leaderboard', () => {
  it('ranks rows with params, objective, key metrics and the action slot', () => {
    render(<Leaderboard rows={[row('a', 1, 1.42, 12), row('b', 2, 1.1, 20)]} objective="sharpe" renderAction={action} />);
    const table = screen.getByRole('table', { name: /ranked by Sharpe/ });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['#', 'Params', 'Sharpe', 'Total return', 'Max drawdown', 'Trades', 'Action']);
    const first = within(within(table).getAllByRole('row')[1]!).getAllByRole('cell');
    expect(first.map((c) => c.textContent)).toEqual(['1', 'emaFast 12, · emaSlow 50', '1.42', '+14.20%', '-12.00%', '40', 'Validate with walk-forward']);
    expect(screen.getAllByRole('button', { name: 'Validate with walk-forward' })).toHaveLength(2);
  });

  it('moves existing rows on update instead of re-creating them, so focus survives', () => {
    const { container, rerender } = render(<Leaderboard rows={[row('a', 1, 1.42, 12), row('b', 2, 1.1, 20)]} objective="sharpe" renderAction={action} />);
    const rowA = container.querySelector('[data-row-id="a"]');
    const buttonA = within(rowA as HTMLElement).getByRole('button');
    act(() => buttonA.focus());
    // A new leader arrives and "a" drops from rank 1 to rank 3 with a new score.
    rerender(<Leaderboard rows={[row('c', 1, 1.9, 8), row('b', 2, 1.1, 20), row('a', 3, 1.0, 12)]} objective="sharpe" renderAction={action} />);
    expect(container.querySelector('[data-row-id="a"]')).toBe(rowA);
    expect(document.activeElement).toBe(buttonA);
    expect(within(rowA as HTMLElement).getAllByRole('cell')[0]?.textContent).toBe('3');
    expect([...container.querySelectorAll('tbody tr')].map((r) => r.getAttribute('data-row-id'))).toEqual(['c', 'b', 'a']);
  });

  it('announces the leader politely', () => {
    render(<Leaderboard rows={[row('b', 2, 1.1, 20), row('a', 1, 1.42, 12)]} objective="sharpe" />);
    expect(screen.getByText(/Best so far/).textContent).toBe('Best so far: emaFast 12, emaSlow 50, Sharpe 1.42');
  });

  it('refuses duplicate row ids, which would break row identity', () => {
    render(<Leaderboard rows={[row('a', 1, 1, 1), row('a', 2, 0.5, 2)]} objective="sharpe" />);
    expect(screen.getByRole('alert').textContent).toContain('rows[1].id');
  });
});
