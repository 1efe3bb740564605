'use client';
import { ErrorCallout } from '@spark/ui';
import type { ReactNode } from 'react';
import type { ExchangeInfo, StrategyCatalog } from '@/lib/api-types';

/** Renders the form once the strategy registry is known; says so while it loads or if it cannot. */
export function CatalogGate({
  strategies,
  exchanges,
  children,
}: {
  strategies: { data?: StrategyCatalog; error: { message: string } | null };
  exchanges: { data?: { exchanges: ExchangeInfo[] } };
  children: (catalog: StrategyCatalog, exchanges: ExchangeInfo[]) => ReactNode;
}) {
  if (strategies.error) {
    return <ErrorCallout title="Could not load the strategy registry" message={strategies.error.message} />;
  }
  if (!strategies.data) {
    return (
      <div className="sw-loading" role="status">
        <span className="sp-spinner" aria-hidden="true" /> Loading strategies…
      </div>
    );
  }
  // Without the exchange list the form still works: the demo feed is always there.
  const list = exchanges.data?.exchanges ?? [{ name: 'demo', kind: 'demo' as const, symbols: [] }];
  return <>{children(strategies.data, list)}</>;
}
