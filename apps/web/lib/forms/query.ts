/**
 * Page state in the query string, so a research setup is a link to share.
 * A request object flattens to dotted keys (`strategy.params.emaFast=20`);
 * lists are comma-joined (`symbols=BTCUSDT,ETHUSDT`). Reading gives nested
 * objects of strings, which each page's tolerant `fromRequest` turns back
 * into its form.
 */

type Primitive = string | number | boolean;

const UNSAFE_KEYS = new Set(['__proto__', 'prototype', 'constructor']);

function isPrimitive(value: unknown): value is Primitive {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean';
}

/** Flattens a JSON-like request into query parameters; empty and non-finite values are left out. */
export function toQuery(request: Record<string, unknown>): URLSearchParams {
  const params = new URLSearchParams();
  const visit = (value: unknown, key: string) => {
    if (value === undefined || value === null) return;
    if (isPrimitive(value)) {
      params.set(key, String(value));
      return;
    }
    if (Array.isArray(value)) {
      if (value.every(isPrimitive)) params.set(key, value.map(String).join(','));
      return;
    }
    if (typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) visit(v, key ? `${key}.${k}` : k);
    }
  };
  visit(request, '');
  return params;
}

export type QueryTree = { [key: string]: string | QueryTree };

/** Nests dotted query keys back into objects of strings. A key that is both a value and a parent keeps the parent. */
export function fromQuery(params: URLSearchParams): QueryTree {
  const root: QueryTree = {};
  for (const [key, value] of params) {
    const parts = key.split('.');
    if (parts.some((p) => p === '' || UNSAFE_KEYS.has(p))) continue;
    let node: QueryTree = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      const next = node[part];
      if (typeof next === 'object') node = next;
      else {
        const created: QueryTree = {};
        node[part] = created;
        node = created;
      }
    }
    const leaf = parts[parts.length - 1]!;
    if (typeof node[leaf] !== 'object') node[leaf] = value;
  }
  return root;
}

/** Next's `searchParams` prop back into a query string (repeated keys keep their first value). */
export function searchParamsToQuery(params: Record<string, string | string[] | undefined>): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) out.set(key, first);
  }
  return out.toString();
}
