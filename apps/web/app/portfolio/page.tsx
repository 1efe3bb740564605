import type { Metadata } from 'next';
import { searchParamsToQuery } from '@/lib/forms/query';
import { PortfolioView } from './view';

export const metadata: Metadata = { title: 'Portfolio' };

export default async function PortfolioPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <PortfolioView initialQuery={searchParamsToQuery(await searchParams)} />;
}
