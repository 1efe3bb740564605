import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TradesTable } from './TradesTable';
import type { TradeRecord } from '../types';

const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 0, 1);

/** Deterministic trades with distinct pnl values in a scrambled order. */
function makeTrades(n: number): TradeRecord[] {
  return Array.from({ length: n }, (_, i) => {
    const pnl = ((i * 37) % n) - n / 2;
    return {
      entryTime: T0 + i * 10 * HOUR,
      exitTime: T0 + (i * 10 + 4) * HOUR,
      side: i % 3 === 0 ? 'short' : 'long',
      entryPrice: 42_000 + i,
      exitPrice: 42_000 + i + pnl / 10,
      qty: 0.5,
      fees: 21.5,
      pnl,
      return: pnl / 21_000,
      barsHeld: 4,
      reason: i % 5 === 0 ? 'stop' : i === n - 1 ? 'end' : 'signal',
    };
  });
}

function bodyRows() {
  return within(screen.getAllByRole('rowgroup')[1]!).getAllByRole('row');
}

function firstCellTexts(column: number) {
  return bodyRows().map((r) => within(r).getAllByRole('cell')[column]!.textContent);
}

describe('TradesTable', () => {
  it('shows the first page in entry order with UTC times and badges', () => {
    render(<TradesTable trades={makeTrades(60)} />);
    expect(bodyRows()).toHaveLength(25);
    expect(screen.getByRole('columnheader', { name: /#/ }).getAttribute('aria-sort')).toBe('ascending');
    const first = within(bodyRows()[0]!).getAllByRole('cell');
    expect(first[0]?.textContent).toBe('1');
    expect(first[1]?.textContent).toBe('Short');
    expect(first[2]?.textContent).toBe('2024-01-01 00:00');
    expect(first[2]?.querySelector('time')?.getAttribute('dateTime')).toBe('2024-01-01T00:00:00.000Z');
    expect(first[8]?.textContent).toBe('-30.00 USDT');
    expect(first[8]?.querySelector('span')?.className).toBe('sp-tone-down');
    expect(first[11]?.textContent).toBe('Stop');
    expect(screen.getByText('1–25 of 60 trades')).toBeTruthy();
  });

  it('sorts by any column, toggling direction and announcing it with aria-sort', () => {
    const trades = makeTrades(60);
    render(<TradesTable trades={trades} />);
    const pnlHeader = screen.getByRole('columnheader', { name: /PnL/ });
    fireEvent.click(within(pnlHeader).getByRole('button'));
    expect(pnlHeader.getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: /#/ }).getAttribute('aria-sort')).toBeNull();
    const sorted = [...trades].map((t) => t.pnl).sort((a, b) => a - b);
    const shown = firstCellTexts(8).map((s) => Number(s!.replace(/[^\d.-]/g, '')));
    expect(shown).toEqual(sorted.slice(0, 25));
    fireEvent.click(within(pnlHeader).getByRole('button'));
    expect(pnlHeader.getAttribute('aria-sort')).toBe('descending');
    expect(Number(firstCellTexts(8)[0]!.replace(/[^\d.-]/g, ''))).toBe(sorted[sorted.length - 1]);
  });

  it('pages forward and back and changes the page size', () => {
    render(<TradesTable trades={makeTrades(60)} />);
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    expect(screen.getByText('26–50 of 60 trades')).toBeTruthy();
    expect(firstCellTexts(0)[0]).toBe('26');
    fireEvent.click(screen.getByRole('button', { name: 'Last page' }));
    expect(bodyRows()).toHaveLength(10);
    expect((screen.getByRole('button', { name: 'Next page' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'First page' }));
    fireEvent.change(screen.getByLabelText('Rows per page'), { target: { value: '50' } });
    expect(bodyRows()).toHaveLength(50);
    expect(screen.getByText('Page 1 of 2')).toBeTruthy();
  });

  it('keeps the page when the same result is re-fetched and starts over for a new one', () => {
    const { rerender } = render(<TradesTable trades={makeTrades(60)} resetKey="run-1" />);
    fireEvent.click(screen.getByRole('button', { name: 'Next page' }));
    rerender(<TradesTable trades={makeTrades(60)} resetKey="run-1" />);
    expect(screen.getByText('26–50 of 60 trades')).toBeTruthy();
    rerender(<TradesTable trades={makeTrades(60)} resetKey="run-2" />);
    expect(screen.getByText('1–25 of 60 trades')).toBeTruthy();
  });

  it('renders only one page of thousands of trades', () => {
    render(<TradesTable trades={makeTrades(5000)} defaultPageSize={100} pageSizes={[100, 500]} />);
    expect(bodyRows()).toHaveLength(100);
    expect(screen.getByText('1–100 of 5,000 trades')).toBeTruthy();
  });

  it('says there were no trades instead of showing an empty table', () => {
    render(<TradesTable trades={[]} />);
    expect(screen.getByText('No trades')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });
});
