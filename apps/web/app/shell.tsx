'use client';
import { AppShell, MockBadge, type LinkComponentProps } from '@spark/ui';
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { ApiKeyControl } from '@/components/ApiKeyControl';
import { describeServiceMode } from '@/lib/health-badge';
import { useTRPC } from '@/lib/trpc';

const LINKS = [
  { href: '/', label: 'Home' },
  { href: '/backtest', label: 'Backtest' },
  { href: '/walkforward', label: 'Walk-forward' },
  { href: '/portfolio', label: 'Portfolio' },
  { href: '/optimize', label: 'Optimizer' },
  { href: '/runs', label: 'Runs' },
  { href: '/presets', label: 'Presets' },
  { href: '/admin', label: 'Admin' },
] as const;

const PROCEDURE_LABEL = { run: 'Backtest', walkforward: 'Walk-forward', portfolio: 'Portfolio', optimize: 'Optimizer' } as const;

function NextLink({ href, children, ...rest }: LinkComponentProps) {
  return (
    <Link href={href} {...rest}>
      {children}
    </Link>
  );
}

/**
 * Names the mocked procedures in a strip under the header on every page: a
 * mock number must never pass for a real one.
 */
function useMockNotice(): ReactNode {
  const trpc = useTRPC();
  const health = useQuery(trpc.health.queryOptions(undefined, { refetchInterval: 30_000 }));
  if (!health.data) return null;
  const { tone, mocked } = describeServiceMode(health.data);
  if (tone === 'real') return null;
  return (
    <div className="sw-banner" role="status" data-testid="mock-banner">
      <MockBadge />
      <span>
        {health.data.safeMode
          ? 'Safe mode: every procedure returns deterministic mock results, not backtests.'
          : `${mocked.map((k) => `${PROCEDURE_LABEL[k as keyof typeof PROCEDURE_LABEL] ?? k} (${k})`).join(', ')} ${mocked.length === 1 ? 'returns' : 'return'} deterministic mock results, not backtests of market data.`}
      </span>
    </div>
  );
}

export function Shell({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  const notice = useMockNotice();
  return (
    <AppShell links={LINKS} currentPath={pathname} linkComponent={NextLink} actions={<ApiKeyControl />} banner={notice}>
      {children}
    </AppShell>
  );
}
