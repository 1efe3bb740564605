// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { isActiveLink } from './nav';

describe('isActiveLink', () => {
  it('marks home only on the home page', () => {
    expect(isActiveLink('/', '/')).toBe(true);
    expect(isActiveLink('/', '/runs')).toBe(false);
  });

  it('marks a section on itself and its sub-pages, not on look-alike prefixes', () => {
    expect(isActiveLink('/runs', '/runs')).toBe(true);
    expect(isActiveLink('/runs', '/runs/42')).toBe(true);
    expect(isActiveLink('/runs', '/runs/?status=done')).toBe(true);
    expect(isActiveLink('/run', '/runs')).toBe(false);
    expect(isActiveLink('/optimize', '/backtest')).toBe(false);
  });

  it('ignores the query string of the link and handles a missing path', () => {
    expect(isActiveLink('/backtest?symbol=BTCUSDT', '/backtest')).toBe(true);
    expect(isActiveLink('/backtest', null)).toBe(false);
  });
});
