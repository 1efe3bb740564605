import type { ZodType } from 'zod';
import { fromQuery, toQuery } from './query';
import type { Procedure } from './types';

/**
 * What every research page's form can do: start from defaults, become an API
 * request (the preset body and the query string are both derived from it),
 * and be read back from a request of any provenance.
 */
export interface PageForm<F> {
  procedure: Procedure;
  /** The page's path, e.g. /backtest. */
  path: string;
  title: string;
  defaults(): F;
  /** The API request for this form (without chart-only flags); values the user mistyped stay as text. */
  toRequest(form: F): Record<string, unknown>;
  /** Reads a stored preset or a decoded query string; wrong shapes fall back to defaults. */
  fromRequest(request: unknown): F;
  /** The API's zod schema for the request, for validation as the user types. */
  schema: ZodType;
}

export function encodeForm<F>(page: PageForm<F>, form: F): URLSearchParams {
  return toQuery(page.toRequest(form));
}

export function decodeForm<F>(page: PageForm<F>, query: string | URLSearchParams): F {
  const params = typeof query === 'string' ? new URLSearchParams(query) : query;
  return page.fromRequest(fromQuery(params));
}

/** A link to a page with a request loaded into its form (the presets page and "open in" links use it). */
export function hrefFor<F>(page: PageForm<F>, request: unknown): string {
  const qs = encodeForm(page, page.fromRequest(request)).toString();
  return qs ? `${page.path}?${qs}` : page.path;
}
