/**
 * Errors in words, next to the field that caused them. Client-side zod
 * issues and the API's errors (`data.field`, `data.issues`) are both keyed by
 * the request path the server uses (`strategy.params.emaSlow`, `symbols[2]`,
 * `config.trainRatio`), so one lookup serves both.
 */
export type FieldErrors = Readonly<Record<string, string>>;

/** `a.b[2].c` from a path, the same spelling as the API's `formatIssuePath`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || '(input)';
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const part of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[part as string];
  }
  return node;
}

export interface IssueLike {
  path: readonly PropertyKey[];
  message: string;
  code?: string;
  expected?: unknown;
}

/**
 * One message per path (the first, which is the most basic rule broken).
 * zod's "expected number, received string" becomes what the user did: typed
 * something that is not a number, or left the field empty.
 */
export function issuesToErrors(issues: readonly IssueLike[], request: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = formatPath(issue.path);
    if (key in out) continue;
    let message = issue.message;
    if (issue.code === 'invalid_type' && issue.expected === 'number') {
      const value = valueAt(request, issue.path);
      if (typeof value === 'string') message = value.trim() === '' ? 'is required' : `must be a number; got ${JSON.stringify(value)}`;
    }
    out[key] = message;
  }
  return out;
}

/** A message shown under its field does not need to repeat the field's path. */
export function withoutFieldPrefix(message: string, field: string): string {
  for (const prefix of [`${field}: `, `${field} `]) {
    if (message.startsWith(prefix)) return message.slice(prefix.length);
  }
  return message;
}

/** The error of a field: its own path, or the first error inside it (`grid.emaFast[3]` shows under `grid.emaFast`). */
export function errorAt(errors: FieldErrors, path: string): string | undefined {
  if (errors[path] !== undefined) return errors[path];
  for (const [key, message] of Object.entries(errors)) {
    if (key.startsWith(`${path}.`) || key.startsWith(`${path}[`)) return `${key.slice(path.length).replace(/^\./, '')}: ${message}`;
  }
  return undefined;
}

/** Errors no visible field claims, for the summary callout (e.g. an unknown parameter in a shared link). */
export function unclaimedErrors(errors: FieldErrors, claimed: readonly string[]): { field: string; message: string }[] {
  const owns = (key: string) => claimed.some((c) => key === c || key.startsWith(`${c}.`) || key.startsWith(`${c}[`));
  return Object.entries(errors)
    .filter(([key]) => !owns(key))
    .map(([field, message]) => ({ field, message }));
}

export interface ApiErrorView {
  /** Short summary for the callout title. */
  title: string;
  message: string;
  /** Messages by request path, for the fields that caused them. */
  fields: Record<string, string>;
  code?: string;
  retryAfterSeconds?: number;
  upstream?: string;
}

interface ErrorData {
  appCode?: unknown;
  code?: unknown;
  field?: unknown;
  issues?: unknown;
  upstream?: unknown;
  retryAfterSeconds?: unknown;
  httpStatus?: unknown;
}

const TITLES: Record<string, string> = {
  VALIDATION_FAILED: 'Some inputs are not valid',
  INVALID_PARAMS: 'The strategy parameters are not valid',
  INVALID_CONFIG: 'The configuration is not valid',
  INVALID_CANDLES: 'The candles are not valid',
  INSUFFICIENT_DATA: 'Not enough data',
  TOO_MANY_COMBINATIONS: 'Too many combinations',
  TOO_MANY_BARS: 'Too many bars',
  UNKNOWN_EXCHANGE: 'Unknown exchange',
  UNKNOWN_SYMBOL: 'Unknown symbol',
  INVALID_REQUEST: 'The market-data request is not valid',
  UPSTREAM_RATE_LIMITED: 'The exchange is rate limiting this server',
  UPSTREAM_UNAVAILABLE: 'The exchange did not answer',
  UPSTREAM_MALFORMED: 'The exchange sent data that could not be read',
  UPSTREAM_REJECTED: 'The exchange rejected the request',
  UPSTREAM_TIMEOUT: 'The exchange timed out',
  RATE_LIMITED: 'Too many requests',
  UNAUTHENTICATED: 'An API key is needed',
  FORBIDDEN: 'Not allowed with this API key',
  NOT_FOUND: 'Not found',
  QUEUE_FULL: 'The job queue is full',
  CONFLICT: 'Not possible in the current state',
  CANCELLED: 'Cancelled',
  RUN_ENGINE_ERROR: 'The backtest engine failed',
  INTERNAL: 'Server error',
};

/** Reads a tRPC client error (or anything thrown) into words and per-field messages. */
export function describeApiError(error: unknown): ApiErrorView {
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : 'the request failed';
  const data = (error !== null && typeof error === 'object' && 'data' in error ? (error as { data?: ErrorData }).data : undefined) ?? {};
  const code = typeof data.appCode === 'string' ? data.appCode : typeof data.code === 'string' ? data.code : undefined;
  const fields: Record<string, string> = {};
  if (Array.isArray(data.issues)) {
    for (const issue of data.issues as { path?: unknown; message?: unknown }[]) {
      if (typeof issue.path === 'string' && typeof issue.message === 'string' && issue.path !== '(input)' && !(issue.path in fields)) {
        fields[issue.path] = issue.message;
      }
    }
  } else if (typeof data.field === 'string' && data.field !== '' && data.field !== '(input)') {
    fields[data.field] = withoutFieldPrefix(message, data.field);
  }
  const retryAfterSeconds = typeof data.retryAfterSeconds === 'number' ? data.retryAfterSeconds : undefined;
  let title = (code && TITLES[code]) ?? 'The request failed';
  if (code === 'RATE_LIMITED' && retryAfterSeconds !== undefined) title = `Too many requests — retry in ${retryAfterSeconds} s`;
  if (/fetch failed|Failed to fetch|NetworkError|network error/i.test(message)) title = 'The server could not be reached';
  return {
    title,
    message,
    fields,
    ...(code ? { code } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    ...(typeof data.upstream === 'string' ? { upstream: data.upstream } : {}),
  };
}

/** Splits `a.b[2].c` into `['a', 'b', 2, 'c']`. */
export function parsePath(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const part of path.split('.')) {
    const m = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) {
      out.push(part);
      continue;
    }
    if (m[1]) out.push(m[1]);
    for (const idx of m[2]!.matchAll(/\[(\d+)\]/g)) out.push(Number(idx[1]));
  }
  return out;
}

/** Whether the value at `path` is the same in both requests; a server error stays shown until its value changes. */
export function sameValueAt(a: unknown, b: unknown, path: string): boolean {
  const segments = parsePath(path);
  return JSON.stringify(valueAt(a, segments)) === JSON.stringify(valueAt(b, segments));
}
