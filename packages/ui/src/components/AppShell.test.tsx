import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { AppShell, type LinkComponentProps } from './AppShell';
import { THEME_STORAGE_KEY } from '../lib/theme';

const links = [
  { href: '/', label: 'Home' },
  { href: '/backtest', label: 'Backtest' },
  { href: '/runs', label: 'Runs' },
];

afterEach(() => {
  localStorage.clear();
  delete document.documentElement.dataset.theme;
});

describe('AppShell', () => {
  it('marks the current section with aria-current', () => {
    render(
      <AppShell links={links} currentPath="/runs/42">
        <p>content</p>
      </AppShell>,
    );
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(nav).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Runs' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('link', { name: 'Home' }).getAttribute('aria-current')).toBeNull();
    expect(screen.getByRole('main').textContent).toBe('content');
    expect(screen.getByRole('link', { name: 'Skip to content' }).getAttribute('href')).toBe('#sp-main');
  });

  it('renders links through the given component (e.g. Next Link)', () => {
    const Custom = ({ href, children, ...rest }: LinkComponentProps) => (
      <a href={href} data-custom="yes" {...rest}>
        {children}
      </a>
    );
    render(
      <AppShell links={links} currentPath="/backtest" linkComponent={Custom}>
        x
      </AppShell>,
    );
    expect(screen.getByRole('link', { name: 'Backtest' }).getAttribute('data-custom')).toBe('yes');
  });

  it('starts dark and toggles to light, remembering the choice', () => {
    render(<AppShell links={links}>x</AppShell>);
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.click(screen.getByRole('button', { name: 'Switch to light theme' }));
    expect(document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
    expect(screen.getByRole('button', { name: 'Switch to dark theme' })).toBeTruthy();
  });

  it('restores a stored theme', () => {
    localStorage.setItem(THEME_STORAGE_KEY, 'light');
    render(<AppShell links={links}>x</AppShell>);
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('opens and closes the phone menu with aria-expanded', () => {
    render(<AppShell links={links}>x</AppShell>);
    const button = screen.getByRole('button', { name: 'Menu' });
    expect(button.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(button);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(document.getElementById(button.getAttribute('aria-controls')!)?.getAttribute('data-open')).toBe('true');
  });
});
