import type { Metadata } from 'next';
import { searchParamsToQuery } from '@/lib/forms/query';
import { RunsView } from './view';

export const metadata: Metadata = { title: 'Runs' };

export default async function RunsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  return <RunsView initialQuery={searchParamsToQuery(await searchParams)} />;
}
