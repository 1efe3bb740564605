'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import type { AppRouter } from '@spark/api/client';
import { useEffect, useState, type ReactNode } from 'react';
import superjson from 'superjson';
import { readApiKey, subscribeApiKey } from '@/lib/api-key';
import { TRPCProvider } from '@/lib/trpc';

const url = '/api/trpc';

/** The pasted API key, read per request so a new key applies to the very next call. */
function authHeaders(): Record<string, string> {
  const key = readApiKey();
  return key ? { authorization: `Bearer ${key}` } : {};
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: false }, mutations: { retry: false } } }),
  );
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        splitLink({
          // Run progress streams over server-sent events; it needs no credentials.
          condition: (op) => op.type === 'subscription',
          true: httpSubscriptionLink({ url, transformer: superjson }),
          false: splitLink({
            // A backtest can take seconds: mutations go alone so they never hold a batch of quick queries back.
            condition: (op) => op.type === 'mutation',
            true: httpLink({ url, transformer: superjson, headers: authHeaders }),
            false: httpBatchLink({ url, transformer: superjson, headers: authHeaders }),
          }),
        }),
      ],
    }),
  );

  // Another key may see other things (admin pages, owned runs): refetch what is on screen.
  useEffect(() => subscribeApiKey(() => void queryClient.invalidateQueries()), [queryClient]);

  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}
