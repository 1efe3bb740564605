import { handleArtifactRequest } from '@spark/api/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** A finished run's artifact (result.json, equity.csv, trades.csv, ...) as a download. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string; name: string }> }): Promise<Response> {
  const { id, name } = await params;
  return handleArtifactRequest(id, name);
}
