'use client';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useDeferredValue, useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { readApiKey, subscribeApiKey } from './api-key';
import { sameValueAt, type FieldErrors } from './field-errors';
import { decodeForm, encodeForm, type PageForm } from './forms/page-form';
import { useTRPC } from './trpc';
import { validateRequest } from './validate';

const NO_EXTRA: Readonly<Record<string, string | null>> = {};

/** The API key pasted into the shell; null on the server and when none is set. */
export function useApiKey(): string | null {
  return useSyncExternalStore(subscribeApiKey, readApiKey, () => null);
}

/** The strategy registry the forms are generated from; it only changes with a deploy. */
export function useStrategyCatalog() {
  const trpc = useTRPC();
  return useQuery(trpc.catalog.strategies.queryOptions(undefined, { staleTime: Infinity, gcTime: Infinity }));
}

export function useExchangeCatalog() {
  const trpc = useTRPC();
  return useQuery(trpc.catalog.exchanges.queryOptions(undefined, { staleTime: 60_000 }));
}

/**
 * A research page's form: initialised from the query string, mirrored back
 * into it (replaceState, so the back button is not flooded), validated with
 * the API's schema as the user types, and holding the API's own field errors
 * until the value they were about changes.
 */
export function usePageForm<F>(page: PageForm<F>, initialQuery: string, extraQuery: Readonly<Record<string, string | null>> = NO_EXTRA) {
  const [form, setForm] = useState<F>(() => decodeForm(page, initialQuery));
  const request = useMemo(() => page.toRequest(form), [page, form]);

  useEffect(() => {
    const timer = window.setTimeout(() => {
      const params = encodeForm(page, form);
      for (const [k, v] of Object.entries(extraQuery)) if (v) params.set(k, v);
      const qs = params.toString();
      const next = `${window.location.pathname}${qs ? `?${qs}` : ''}`;
      if (next !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(window.history.state, '', next);
    }, 150);
    return () => window.clearTimeout(timer);
  }, [page, form, extraQuery]);

  // Validation may walk the strategy registry; deferring keeps typing responsive.
  const deferred = useDeferredValue(request);
  const clientErrors = useMemo(() => validateRequest(page.schema, deferred), [page, deferred]);

  const [server, setServer] = useState<{ errors: FieldErrors; snapshot: unknown } | null>(null);
  const serverErrors = useMemo(() => {
    if (!server) return {};
    return Object.fromEntries(Object.entries(server.errors).filter(([path]) => sameValueAt(server.snapshot, request, path)));
  }, [server, request]);

  const errors = useMemo(() => ({ ...serverErrors, ...clientErrors }), [serverErrors, clientErrors]);

  const patch = useCallback((changes: Partial<F>) => setForm((f) => ({ ...f, ...changes })), []);
  const setServerErrors = useCallback((fields: FieldErrors) => setServer({ errors: fields, snapshot: request }), [request]);
  const load = useCallback(
    (stored: unknown) => {
      setForm(page.fromRequest(stored));
      setServer(null);
    },
    [page],
  );

  return { form, setForm, patch, request, errors, clientErrors, setServerErrors, load, validating: deferred !== request };
}

/** Moves focus to the first field marked invalid, so keyboard users land on what to fix. */
export function focusFirstInvalid(root: HTMLElement | null = typeof document === 'undefined' ? null : document.body): void {
  const el = root?.querySelector<HTMLElement>('[aria-invalid="true"]');
  el?.focus();
  el?.scrollIntoView({ block: 'center', behavior: 'smooth' });
}
