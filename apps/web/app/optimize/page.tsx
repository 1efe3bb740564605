import type { Metadata } from 'next';
import { searchParamsToQuery } from '@/lib/forms/query';
import { OptimizeView } from './view';

export const metadata: Metadata = { title: 'Optimizer' };

export default async function OptimizePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <OptimizeView initialQuery={searchParamsToQuery(await searchParams)} />;
}
