import { appRouter, createInternalContext } from '@spark/api';
import { getServerDeps } from '@spark/api/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Readiness probe: 200 with the health document once the database is open and migrated, 503 before. */
export async function GET(): Promise<Response> {
  try {
    const deps = await getServerDeps();
    const health = await appRouter.createCaller(createInternalContext(deps)).health();
    return Response.json(health);
  } catch (error) {
    return Response.json({ ok: false, error: (error as Error).message }, { status: 503 });
  }
}
