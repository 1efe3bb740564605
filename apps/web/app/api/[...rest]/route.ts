import { handleRestRequest } from '@spark/api/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The REST surface generated from the tRPC procedures' OpenAPI metadata (POST /api/backtest/run, ...). */
const handler = (req: Request) => handleRestRequest(req);
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
