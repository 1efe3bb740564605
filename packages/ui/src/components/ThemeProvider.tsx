'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { THEME_STORAGE_KEY, type ThemeName } from '../lib/theme';

interface ThemeContextValue {
  theme: ThemeName;
  setTheme: (theme: ThemeName) => void;
}

const ThemeContext = createContext<ThemeContextValue | null>(null);

function readStoredTheme(): ThemeName | null {
  try {
    const stored = window.localStorage.getItem(THEME_STORAGE_KEY);
    if (stored === 'light' || stored === 'dark') return stored;
  } catch {
    // Storage can be blocked (private mode, sandboxed frames); the theme then lives for the page only.
  }
  const attr = document.documentElement.dataset.theme;
  return attr === 'light' || attr === 'dark' ? attr : null;
}

export interface ThemeProviderProps {
  /** Theme before the user picks one (default "dark"). */
  defaultTheme?: ThemeName;
  children: ReactNode;
}

/**
 * Holds the colour theme, mirrors it to `<html data-theme>` (which
 * styles.css keys on) and persists the choice in localStorage. Charts read it
 * through `useTheme()` to repaint their canvas colours. AppShell already
 * includes one; use it directly only for pages rendered without the shell.
 *
 * @example <ThemeProvider><CandlestickChart candles={c} /></ThemeProvider>
 */
export function ThemeProvider({ defaultTheme = 'dark', children }: ThemeProviderProps) {
  const [theme, setThemeState] = useState<ThemeName>(defaultTheme);

  useEffect(() => {
    const initial = readStoredTheme() ?? defaultTheme;
    setThemeState(initial);
    document.documentElement.dataset.theme = initial;
  }, [defaultTheme]);

  const setTheme = useCallback((next: ThemeName) => {
    setThemeState(next);
    document.documentElement.dataset.theme = next;
    try {
      window.localStorage.setItem(THEME_STORAGE_KEY, next);
    } catch {
      // See readStoredTheme: not persisting is acceptable.
    }
  }, []);

  const value = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

/** The current theme; "dark" outside a ThemeProvider. */
export function useTheme(): ThemeName {
  return useContext(ThemeContext)?.theme ?? 'dark';
}

/** Theme and setter, or null outside a ThemeProvider. */
export function useThemeControls(): ThemeContextValue | null {
  return useContext(ThemeContext);
}
