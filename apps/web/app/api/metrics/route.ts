import { handleMetricsRequest } from '@spark/api/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Same exposition as /metrics, for scrapers that only reach /api/*. */
export const GET = () => handleMetricsRequest();
