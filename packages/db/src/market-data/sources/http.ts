/**
 * One GET with the exchange-facing policy every client shares: a per-attempt
 * timeout, retries with exponential backoff for 429/418/5xx/network failures
 * and timeouts, `Retry-After` honoured (seconds or HTTP date), and errors that
 * name the upstream and what it did.
 */
import { setTimeout as delay } from 'node:timers/promises';
import { MarketDataError, type Upstream } from '../errors';
import type { Clock } from '../types';

export type FetchLike = (input: string | URL, init?: RequestInit) => Promise<Response>;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface HttpPolicy {
  fetch: FetchLike;
  clock: Clock;
  sleep: Sleep;
  /** Per attempt, headers and body included. */
  timeoutMs: number;
  /** Extra attempts after the first. */
  retries: number;
  /** Backoff before retry n (0-based) is base * 2^n with equal jitter, capped at maxRetryDelayMs. */
  retryBaseDelayMs: number;
  maxRetryDelayMs: number;
  /** A Retry-After longer than this fails the call at once instead of holding the request open. */
  maxRetryAfterMs: number;
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON, or the raw text when a non-2xx answer was not JSON. */
  body: unknown;
}

export interface CallContext {
  signal?: AbortSignal;
  /** Called once per HTTP attempt (for the report's upstreamRequests). */
  onAttempt?: () => void;
}

export const defaultSleep: Sleep = async (ms, signal) => {
  if (ms <= 0) return;
  await delay(ms, undefined, signal ? { signal } : undefined);
};

export function cancelled(signal: AbortSignal | undefined): MarketDataError {
  const reason = signal?.reason;
  const why = reason instanceof Error ? reason.message : reason === undefined ? 'aborted' : String(reason);
  return new MarketDataError('CANCELLED', `the request was cancelled by the caller (${why})`, { cause: reason });
}

/** Parses Retry-After: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Returns ms, or undefined. */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  // HTTP dates are always in GMT (IMF-fixdate and the two obsolete forms); Date.parse alone accepts far more.
  if (!/^[A-Za-z]{3,9}, .* GMT$|^[A-Za-z]{3} [A-Za-z]{3} +\d{1,2} \d{2}:\d{2}:\d{2} \d{4}$/.test(trimmed)) return undefined;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

function snippet(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine);
}

type Failure =
  | { kind: 'status'; status: number; retryAfterMs: number | undefined; body: string }
  | { kind: 'timeout' }
  | { kind: 'network'; message: string };

function describeFailure(f: Failure, timeoutMs: number): string {
  switch (f.kind) {
    case 'status':
      return `HTTP ${f.status}${f.body ? ` ${snippet(f.body)}` : ''}`;
    case 'timeout':
      return `no complete answer within ${timeoutMs} ms`;
    case 'network':
      return `network error: ${f.message}`;
  }
}

function finalError(upstream: Upstream, what: string, f: Failure, attempts: number, timeoutMs: number): MarketDataError {
  const tail = `after ${attempts} attempt${attempts === 1 ? '' : 's'}; last: ${describeFailure(f, timeoutMs)}`;
  if (f.kind === 'timeout') {
    return new MarketDataError('UPSTREAM_TIMEOUT', `${upstream} did not answer ${what} in time ${tail}`, { upstream });
  }
  if (f.kind === 'status' && (f.status === 429 || f.status === 418)) {
    return new MarketDataError('UPSTREAM_RATE_LIMITED', `${upstream} kept rate-limiting ${what} ${tail}`, {
      upstream,
      status: f.status,
    });
  }
  return new MarketDataError('UPSTREAM_UNAVAILABLE', `${upstream} failed ${what} ${tail}`, {
    upstream,
    ...(f.kind === 'status' ? { status: f.status } : {}),
  });
}

/**
 * GETs `url` and returns its JSON. Non-retryable 4xx answers are returned (the
 * client maps them, e.g. Binance -1121 to UNKNOWN_SYMBOL); everything else that
 * cannot succeed throws MarketDataError.
 */
export async function getJson(
  upstream: Upstream,
  what: string,
  url: URL,
  policy: HttpPolicy,
  ctx: CallContext = {},
): Promise<HttpAnswer> {
  const { signal } = ctx;
  let attempt = 0;
  for (;;) {
    if (signal?.aborted) throw cancelled(signal);
    attempt += 1;
    ctx.onAttempt?.();
    const timeout = AbortSignal.timeout(policy.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let failure: Failure;
    try {
      const res = await policy.fetch(url, { signal: combined, headers: { accept: 'application/json' } });
      const text = await res.text();
      if (res.ok) {
        try {
          return { status: res.status, headers: res.headers, body: JSON.parse(text) as unknown };
        } catch {
          throw new MarketDataError(
            'UPSTREAM_MALFORMED',
            `${upstream} answered ${what} with HTTP ${res.status} but a body that is not JSON: ${snippet(text)}`,
            { upstream, status: res.status },
          );
        }
      }
      const retryable = res.status === 429 || res.status === 418 || res.status >= 500;
      if (!retryable) {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // A non-JSON error page is passed on as text.
        }
        return { status: res.status, headers: res.headers, body };
      }
      failure = {
        kind: 'status',
        status: res.status,
        retryAfterMs: parseRetryAfter(res.headers.get('retry-after'), policy.clock.now()),
        body: text,
      };
    } catch (error) {
      if (error instanceof MarketDataError) throw error;
      if (signal?.aborted) throw cancelled(signal);
      failure = timeout.aborted
        ? { kind: 'timeout' }
        : { kind: 'network', message: error instanceof Error ? (error.cause instanceof Error ? `${error.message} (${error.cause.message})` : error.message) : String(error) };
    }

    if (failure.kind === 'status' && failure.retryAfterMs !== undefined && failure.retryAfterMs > policy.maxRetryAfterMs) {
      const banned = failure.status === 418 ? ' (HTTP 418: the IP is banned)' : '';
      throw new MarketDataError(
        'UPSTREAM_RATE_LIMITED',
        `${upstream} asked to wait ${Math.ceil(failure.retryAfterMs / 1000)} s before retrying ${what}${banned}; that exceeds the ${Math.round(policy.maxRetryAfterMs / 1000)} s this service waits, so the request fails now`,
        { upstream, status: failure.status },
      );
    }
    if (attempt > policy.retries) throw finalError(upstream, what, failure, attempt, policy.timeoutMs);

    const backoff = Math.min(policy.maxRetryDelayMs, policy.retryBaseDelayMs * 2 ** (attempt - 1));
    const jittered = backoff / 2 + Math.random() * (backoff / 2);
    const wait = failure.kind === 'status' && failure.retryAfterMs !== undefined ? failure.retryAfterMs : jittered;
    try {
      await policy.sleep(wait, signal);
    } catch (error) {
      if (signal?.aborted) throw cancelled(signal);
      throw error;
    }
  }
}
