import { openApiDocument } from '@spark/api/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The OpenAPI 3.1 document of the REST surface, generated from the procedures. */
export async function GET(req: Request): Promise<Response> {
  const origin = new URL(req.url).origin;
  return Response.json(await openApiDocument(`${origin}/api`));
}
