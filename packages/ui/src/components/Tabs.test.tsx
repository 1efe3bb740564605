import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Tabs } from './Tabs';

const tabs = [
  { id: 'simple', label: 'Simple split', content: <p>split</p> },
  { id: 'folds', label: 'Folds', content: <p>folds</p> },
  { id: 'stats', label: 'Statistics', content: <p>stats</p> },
];

describe('Tabs', () => {
  it('selects with arrow keys, wrapping, and shows the labelled panel', () => {
    const onChange = vi.fn();
    render(<Tabs label="Walk-forward mode" tabs={tabs} onChange={onChange} />);
    const first = screen.getByRole('tab', { name: 'Simple split' });
    expect(first.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'Simple split' }).textContent).toBe('split');
    fireEvent.keyDown(first, { key: 'ArrowLeft' });
    const last = screen.getByRole('tab', { name: 'Statistics' });
    expect(last.getAttribute('aria-selected')).toBe('true');
    expect(document.activeElement).toBe(last);
    expect(onChange).toHaveBeenLastCalledWith('stats');
    fireEvent.keyDown(last, { key: 'Home' });
    expect(first.getAttribute('tabindex')).toBe('0');
    expect(last.getAttribute('tabindex')).toBe('-1');
  });

  it('follows a controlled value', () => {
    const { rerender } = render(<Tabs label="Mode" tabs={tabs} value="folds" />);
    expect(screen.getByRole('tabpanel').textContent).toBe('folds');
    rerender(<Tabs label="Mode" tabs={tabs} value="stats" />);
    expect(screen.getByRole('tabpanel').textContent).toBe('stats');
  });
});
