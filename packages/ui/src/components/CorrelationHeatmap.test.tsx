import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { CorrelationHeatmap } from './CorrelationHeatmap';
import { divergingColor } from '../lib/color';

const labels = ['BTCUSDT', 'ETHUSDT', 'BNBUSDT'];
const matrix = [
  [1, 0.8213, 0.7104],
  [0.8213, 1, -0.0512],
  [0.7104, -0.0512, 1],
];

function rgb(hex: string) {
  const n = parseInt(hex.slice(1), 16);
  return `rgb(${n >> 16}, ${(n >> 8) & 255}, ${n & 255})`;
}

describe('CorrelationHeatmap', () => {
  it('renders N×N cells with row and column headers and values', () => {
    render(<CorrelationHeatmap labels={labels} matrix={matrix} />);
    const table = screen.getByRole('table', { name: 'Correlation of bar returns' });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(labels);
    expect(within(table).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(labels);
    const cells = within(table).getAllByRole('cell').filter((c) => c.className.includes('sp-heatmap-cell'));
    expect(cells.map((c) => c.textContent)).toEqual(['1.00', '0.82', '0.71', '0.82', '1.00', '-0.05', '0.71', '-0.05', '1.00']);
  });

  it('colours cells on the diverging scale of the current theme', () => {
    render(<CorrelationHeatmap labels={labels} matrix={matrix} theme="light" />);
    const cell = screen.getAllByText('0.82')[0]!;
    expect(cell.style.background).toBe(rgb(divergingColor(0.8213, 'light').background));
    expect(cell.getAttribute('title')).toBe('BTCUSDT vs ETHUSDT: 0.8213');
  });

  it('shows n/a for an undefined correlation', () => {
    render(<CorrelationHeatmap labels={['A', 'B']} matrix={[[1, NaN], [NaN, 1]]} />);
    expect(screen.getAllByText('n/a')).toHaveLength(2);
  });

  it('names the row that breaks the N×N shape', () => {
    render(<CorrelationHeatmap labels={labels} matrix={[matrix[0]!, [0.82, 1], matrix[2]!]} />);
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('must have 3 values (one per label); got 2');
    expect(alert.textContent).toContain('matrix[1]');
  });
});
