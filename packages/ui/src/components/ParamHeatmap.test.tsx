import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ParamHeatmap } from './ParamHeatmap';

const trials = [
  { params: { emaFast: 10, emaSlow: 50 }, score: 0.4 },
  { params: { emaFast: 20, emaSlow: 50 }, score: 1.31 },
  { params: { emaFast: 10, emaSlow: 100 }, score: 0.9 },
  { params: { emaFast: 5, emaSlow: 100 }, score: -0.2 },
];

describe('ParamHeatmap', () => {
  it('lays the objective over the two parameters, largest y on top', () => {
    render(<ParamHeatmap trials={trials} xParam="emaFast" yParam="emaSlow" objectiveLabel="Sharpe" />);
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['emaSlow \\ emaFast', '5', '10', '20']);
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['100', '50']);
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['-0.20', '0.90', 'not evaluated']);
    expect(within(rows[1]!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['not evaluated', '0.40', '★ 1.31 (best)']);
  });

  it('highlights the best cell and names it in the caption', () => {
    const { container } = render(<ParamHeatmap trials={trials} xParam="emaFast" yParam="emaSlow" objectiveLabel="Sharpe" />);
    const best = container.querySelectorAll('[data-best]');
    expect(best).toHaveLength(1);
    expect(best[0]?.className).toContain('sp-heatmap-best');
    expect(screen.getByRole('table', { name: /best emaFast 20, emaSlow 50: 1\.31/ })).toBeTruthy();
  });

  it('lets the user pick the axes', () => {
    const onAxesChange = vi.fn();
    render(
      <ParamHeatmap
        trials={trials.map((t) => ({ ...t, params: { ...t.params, atr: 14 } }))}
        xParam="emaFast"
        yParam="emaSlow"
        availableParams={['emaFast', 'emaSlow', 'atr']}
        onAxesChange={onAxesChange}
      />,
    );
    fireEvent.change(screen.getByLabelText('Y axis'), { target: { value: 'atr' } });
    expect(onAxesChange).toHaveBeenCalledWith({ xParam: 'emaFast', yParam: 'atr' });
  });

  it('names the trial missing an axis parameter', () => {
    render(<ParamHeatmap trials={[{ params: { emaFast: 10 }, score: 1 }]} xParam="emaFast" yParam="emaSlow" />);
    expect(screen.getByRole('alert').textContent).toContain('trials[0].params.emaSlow');
  });
});
