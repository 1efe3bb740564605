'use client';
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '@/lib/trpc';

export default function HomePage() {
  const trpc = useTRPC();
  const health = useQuery(trpc.health.queryOptions());
  return (
    <main>
      <h1>Spark Backtest</h1>
      <section aria-label="Service health">
        {health.isPending && <p>Checking service health…</p>}
        {health.isError && <p role="alert">Service health unavailable: {health.error.message}</p>}
        {health.data && (
          <dl>
            <dt>Mode</dt>
            <dd data-testid="health-mode">{health.data.mode}</dd>
            <dt>Database</dt>
            <dd>{health.data.database}</dd>
            <dt>Version</dt>
            <dd>{health.data.version}</dd>
          </dl>
        )}
      </section>
    </main>
  );
}
