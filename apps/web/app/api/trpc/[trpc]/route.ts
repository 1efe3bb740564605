import { handleTrpcRequest } from '@spark/api/server';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

export const GET = (req: Request) => handleTrpcRequest(req);
export const POST = (req: Request) => handleTrpcRequest(req);
