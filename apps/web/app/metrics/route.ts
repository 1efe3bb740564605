import { handleMetricsRequest } from '@spark/api/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Prometheus scrape endpoint (also at /api/metrics). */
export const GET = () => handleMetricsRequest();
