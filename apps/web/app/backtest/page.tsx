import type { Metadata } from 'next';
import { searchParamsToQuery } from '@/lib/forms/query';
import { BacktestView } from './view';

export const metadata: Metadata = { title: 'Backtest' };

export default async function BacktestPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <BacktestView initialQuery={searchParamsToQuery(await searchParams)} />;
}
