import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ProgressBar } from './ProgressBar';

describe('ProgressBar', () => {
  it('exposes evaluated/total through the progressbar role', () => {
    render(<ProgressBar label="Grid search" evaluated={120} total={500} etaMs={80_000} />);
    const bar = screen.getByRole('progressbar', { name: 'Grid search' });
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('500');
    expect(bar.getAttribute('aria-valuenow')).toBe('120');
    expect(bar.getAttribute('aria-valuetext')).toBe('120 of 500 evaluated (24%), about 1 min 20 s left');
    expect((bar.firstChild as HTMLElement).style.width).toBe('24%');
    expect(screen.getByText('120 of 500 evaluated (24%), about 1 min 20 s left')).toBeTruthy();
  });

  it('estimates the time left from the elapsed time when the job sends none', () => {
    render(<ProgressBar evaluated={100} total={500} elapsedMs={20_000} />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('100 of 500 evaluated (20%), about 1 min 20 s left');
  });

  it('is indeterminate while the total is unknown', () => {
    render(<ProgressBar evaluated={0} total={0} />);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBeNull();
    expect(bar.getAttribute('aria-valuetext')).toBe('0 evaluated, total not known yet');
  });

  it('cancels through its button and accepts the app’s own control instead', () => {
    const onCancel = vi.fn();
    const { rerender } = render(<ProgressBar evaluated={3} total={10} onCancel={onCancel} />);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledTimes(1);
    rerender(<ProgressBar evaluated={3} total={10} onCancel={onCancel} action={<button type="button">Stop job</button>} />);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Stop job' })).toBeTruthy();
    rerender(<ProgressBar evaluated={10} total={10} onCancel={onCancel} status="done" />);
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuetext')).toBe('10 of 10 evaluated (100%) · done');
  });

  it('reports an impossible count instead of a bar past 100 %', () => {
    render(<ProgressBar label="Grid search" evaluated={510} total={500} />);
    expect(screen.queryByRole('progressbar')).toBeNull();
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('(510) must not exceed total (500)');
    expect(alert.textContent).toContain('evaluated');
  });
});
