import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DemoDataBadge, MockBadge, ModeBadge, ReasonBadge, SideBadge, StatusPill, VerdictBadge } from './Badge';

describe('badges', () => {
  it('makes mock results and demo data unmistakable', () => {
    render(
      <>
        <MockBadge />
        <DemoDataBadge />
      </>,
    );
    const mock = screen.getByText('MOCK — not real results');
    expect(mock.className).toContain('sp-badge--mock');
    expect(mock.getAttribute('title')).toMatch(/mock implementation/);
    expect(screen.getByText('demo data').className).toContain('sp-badge--demo');
  });

  it('labels every run status', () => {
    const { container } = render(
      <>
        {(['queued', 'running', 'done', 'failed', 'cancelled'] as const).map((s) => (
          <StatusPill key={s} status={s} />
        ))}
      </>,
    );
    expect([...container.querySelectorAll('.sp-badge')].map((b) => b.textContent)).toEqual(['Queued', 'Running', 'Done', 'Failed', 'Cancelled']);
    expect(container.querySelector('.sp-dot--pulse')?.parentElement?.textContent).toBe('Running');
  });

  it('states the walk-forward verdict with its ratio against the threshold', () => {
    const { container } = render(
      <>
        <VerdictBadge verdict="robust" ratio={0.82} threshold={0.6} />
        <VerdictBadge verdict="overfit" ratio={0.31} threshold={0.6} />
        <VerdictBadge verdict="inconclusive" ratio={null} threshold={0.6} />
      </>,
    );
    expect([...container.querySelectorAll('.sp-verdict')].map((b) => b.textContent)).toEqual([
      'Robust· ratio 0.82 ≥ 0.60',
      'Overfit· ratio 0.31 < 0.60',
      'Inconclusive',
    ]);
    expect(container.querySelector('.sp-verdict')?.className).toContain('sp-badge--up');
  });

  it('shows side, exit reason and procedure mode', () => {
    render(
      <>
        <SideBadge side="short" />
        <ReasonBadge reason="stop" />
        <ModeBadge mode="real" />
        <ModeBadge mode="mock" />
      </>,
    );
    expect(screen.getByText('Short').className).toContain('sp-badge--down');
    expect(screen.getByText('Stop').getAttribute('title')).toMatch(/ATR stop/);
    expect(screen.getByText('real')).toBeTruthy();
    expect(screen.getByText('MOCK — not real results')).toBeTruthy();
  });
});
