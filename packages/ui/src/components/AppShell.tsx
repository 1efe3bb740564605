'use client';

import { useEffect, useId, useState, type ComponentType, type ReactNode } from 'react';
import { isActiveLink } from '../lib/nav';
import type { ThemeName } from '../lib/theme';
import { ThemeProvider, useThemeControls } from './ThemeProvider';
import { cx } from './cx';

export interface NavLink {
  href: string;
  label: string;
}

/** Props a custom link component receives (Next's `Link` accepts all of them). */
export interface LinkComponentProps {
  href: string;
  className?: string;
  'aria-current'?: 'page';
  onClick?: () => void;
  children: ReactNode;
}

export interface AppShellProps {
  links: readonly NavLink[];
  /** The current path (Next: `usePathname()`), to mark the active link with aria-current="page". */
  currentPath?: string | null;
  /** Renders links; defaults to a plain `<a>`. Pass Next's `Link` for client-side navigation. */
  linkComponent?: ComponentType<LinkComponentProps>;
  brand?: ReactNode;
  brandHref?: string;
  /** Right side of the header, before the theme toggle (e.g. a mode badge, an admin link). */
  actions?: ReactNode;
  /** A strip under the header for app-wide notices (e.g. "3 procedures are mocked"). */
  banner?: ReactNode;
  defaultTheme?: ThemeName;
  children: ReactNode;
}

function PlainLink({ href, children, ...rest }: LinkComponentProps) {
  return (
    <a href={href} {...rest}>
      {children}
    </a>
  );
}

function ThemeToggle() {
  const controls = useThemeControls();
  if (!controls) return null;
  const next: ThemeName = controls.theme === 'dark' ? 'light' : 'dark';
  return (
    <button
      type="button"
      className="sp-btn sp-btn--ghost sp-btn--sm sp-theme-toggle"
      onClick={() => controls.setTheme(next)}
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
    >
      <span aria-hidden="true">{controls.theme === 'dark' ? '☀' : '☾'}</span>
      <span>{next === 'light' ? 'Light' : 'Dark'}</span>
    </button>
  );
}

/**
 * The page frame: skip link, top navigation (collapsing into a menu button
 * at phone width), theme toggle, optional banner, and the main landmark.
 * It includes the ThemeProvider that charts read.
 *
 * Next's `Link` is a function and cannot cross from a Server Component, so
 * render the shell from a small client component:
 *
 * @example
 * 'use client';
 * export function Shell({ children }) {
 *   return <AppShell links={[{ href: '/', label: 'Home' }, { href: '/backtest', label: 'Backtest' }]}
 *                    currentPath={usePathname()} linkComponent={Link}>{children}</AppShell>;
 * }
 */
export function AppShell(props: AppShellProps) {
  return (
    <ThemeProvider defaultTheme={props.defaultTheme}>
      <ShellFrame {...props} />
    </ThemeProvider>
  );
}

function ShellFrame({ links, currentPath, linkComponent, brand = 'Spark Backtest', brandHref = '/', actions, banner, children }: AppShellProps) {
  const Link = linkComponent ?? PlainLink;
  const navId = useId();
  const [menuOpen, setMenuOpen] = useState(false);

  useEffect(() => {
    setMenuOpen(false);
  }, [currentPath]);

  return (
    <div className="sp-shell">
      <a className="sp-skip" href="#sp-main">
        Skip to content
      </a>
      <header className="sp-header">
        <Link href={brandHref} className="sp-brand">
          <span className="sp-brand-mark" aria-hidden="true" />
          {brand}
        </Link>
        <button
          type="button"
          className="sp-btn sp-btn--ghost sp-btn--sm sp-menu-button"
          aria-expanded={menuOpen}
          aria-controls={navId}
          onClick={() => setMenuOpen((o) => !o)}
        >
          {menuOpen ? 'Close menu' : 'Menu'}
        </button>
        <nav id={navId} className="sp-nav" aria-label="Main" data-open={menuOpen}>
          <ul className="sp-nav-list">
            {links.map((l) => {
              const active = isActiveLink(l.href, currentPath);
              return (
                <li key={l.href}>
                  <Link
                    href={l.href}
                    className={cx('sp-nav-link', active && 'sp-nav-link--active')}
                    aria-current={active ? 'page' : undefined}
                    onClick={() => setMenuOpen(false)}
                  >
                    {l.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
        <div className="sp-header-actions">
          {actions}
          <ThemeToggle />
        </div>
      </header>
      {banner && <div className="sp-banner">{banner}</div>}
      <main id="sp-main" className="sp-main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
