import type { Metadata } from 'next';
import { searchParamsToQuery } from '@/lib/forms/query';
import { WalkforwardView } from './view';

export const metadata: Metadata = { title: 'Walk-forward' };

export default async function WalkforwardPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <WalkforwardView initialQuery={searchParamsToQuery(await searchParams)} />;
}
