/**
 * A plain node:http server on 127.0.0.1 serving the API's HTTP entry points
 * with given deps: how the REST, SDK and bench suites talk to the real
 * handlers over a real socket without building the web app.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ApiDeps } from './context';
import { routeApiRequest } from './http';

function toRequest(req: IncomingMessage, origin: string): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value !== undefined) headers.set(key, value);
  }
  // As a reverse proxy or Next.js would: the socket's address is the last hop.
  const socketIp = req.socket.remoteAddress ?? 'unknown';
  headers.set('x-forwarded-for', headers.has('x-forwarded-for') ? `${headers.get('x-forwarded-for')}, ${socketIp}` : socketIp);
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD';
  return new Request(new URL(req.url ?? '/', origin), {
    method: req.method,
    headers,
    ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream, duplex: 'half' } : {}),
  } as RequestInit);
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.statusCode = response.status;
  response.headers.forEach((value, key) => res.setHeader(key, value));
  if (!response.body) return void res.end();
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  res.on('close', () => body.destroy());
  body.pipe(res);
}

export interface LoopbackServer {
  url: string;
  server: Server;
  close(): Promise<void>;
}

export async function startLoopbackServer(deps: ApiDeps): Promise<LoopbackServer> {
  let origin = '';
  const server = createServer((req, res) => {
    routeApiRequest(deps, toRequest(req, origin))
      .then((response) => send(res, response))
      .catch((error: unknown) => {
        deps.log('loopback server failed', error);
        res.statusCode = 500;
        res.end();
      });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    server,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
