/**
 * Whether a nav link is the current page: "/" only on the home page, any
 * other href on itself and on its sub-paths ("/runs" is active on
 * "/runs/42"), never on a mere prefix ("/run" is not active on "/runs").
 * The query string and hash are ignored.
 */
export function isActiveLink(href: string, currentPath: string | null | undefined): boolean {
  if (!currentPath) return false;
  const clean = (p: string) => {
    const path = p.split(/[?#]/)[0] ?? '';
    return path.length > 1 ? path.replace(/\/+$/, '') : path || '/';
  };
  const h = clean(href);
  const c = clean(currentPath);
  if (h === '/') return c === '/';
  return c === h || c.startsWith(`${h}/`);
}
