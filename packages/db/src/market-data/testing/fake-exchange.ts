/**
 * A loopback HTTP server that speaks Binance's GET /api/v3/klines and BTCTurk's
 * GET /v1/klines/history over datasets the test supplies, with scripted faults
 * (429 + Retry-After, 418, 5xx, hung requests, malformed bodies). Used by the
 * integration tests and the benchmark; never by production code.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TIMEFRAME_MS, type Candles, type Timeframe } from '../types';

export type Fault =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'hang' }
  /** Sends headers and part of the body, then stalls. */
  | { kind: 'stall-body' }
  | { kind: 'malformed'; body: string }
  | { kind: 'reset' };

export interface LoggedRequest {
  path: string;
  params: Record<string, string>;
  at: number;
}

export interface FakeExchange {
  /** e.g. http://127.0.0.1:41234 */
  baseUrl: string;
  /** Every request that reached the server, in order. */
  requests: LoggedRequest[];
  /** Serves `candles` for (symbol, timeframe) on both APIs. */
  setSeries(symbol: string, timeframe: Timeframe, candles: Candles): void;
  /** Faults consumed one per request, before normal handling. */
  enqueueFaults(...faults: Fault[]): void;
  /** A fault decided per request (returning undefined serves normally); runs after the queue is empty. */
  faultWhen(rule: ((req: LoggedRequest) => Fault | undefined) | undefined): void;
  /** Overrides the X-MBX-USED-WEIGHT-1M value the server reports. */
  setUsedWeight(weight: number | undefined): void;
  /** Binance klines requests only. */
  klineRequests(): LoggedRequest[];
  close(): Promise<void>;
}

/** Binance prints prices and quantities with 8 decimals. */
function dec(x: number): string {
  return x.toFixed(8);
}

function upperBound(t: Float64Array, value: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function lowerBound(t: Float64Array, value: number): number {
  let lo = 0;
  let hi = t.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (t[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const BINANCE_INTERVAL_TO_TF: Record<string, Timeframe> = { '1m': '1m', '5m': '5m', '15m': '15m', '30m': '30m', '1h': '1h', '4h': '4h', '1d': '1d' };
const BTCTURK_RESOLUTION_TO_TF: Record<string, Timeframe> = { '1': '1m', '5': '5m', '15': '15m', '30': '30m', '60': '1h', '240': '4h', '1D': '1d' };

export async function startFakeExchange(): Promise<FakeExchange> {
  const series = new Map<string, Candles>();
  const faults: Fault[] = [];
  let rule: ((req: LoggedRequest) => Fault | undefined) | undefined;
  let weightOverride: number | undefined;
  let weightMinute = -1;
  let usedWeight = 0;
  const requests: LoggedRequest[] = [];
  const sockets = new Set<Socket>();

  const json = (res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(body);
  };

  const binanceKlines = (res: ServerResponse, params: Record<string, string>, weightHeader: Record<string, string>) => {
    const symbol = params.symbol ?? '';
    const tf = BINANCE_INTERVAL_TO_TF[params.interval ?? ''];
    if (!/^[A-Z0-9-_.]{1,20}$/.test(symbol)) {
      return json(res, 400, JSON.stringify({ code: -1100, msg: "Illegal characters found in parameter 'symbol'; legal range is '^[A-Z0-9-_.]{1,20}$'." }), weightHeader);
    }
    if (!tf) return json(res, 400, JSON.stringify({ code: -1120, msg: 'Invalid interval.' }), weightHeader);
    const data = series.get(`${symbol}|${tf}`);
    if (!data) return json(res, 400, JSON.stringify({ code: -1121, msg: 'Invalid symbol.' }), weightHeader);
    const limit = Math.min(1000, Number(params.limit ?? 500));
    const start = params.startTime === undefined ? 0 : Number(params.startTime);
    const end = params.endTime === undefined ? Number.MAX_SAFE_INTEGER : Number(params.endTime);
    const i0 = lowerBound(data.openTime, start);
    const i1 = Math.min(upperBound(data.openTime, end), i0 + limit);
    const step = TIMEFRAME_MS[tf];
    const rows: string[] = [];
    for (let i = i0; i < i1; i++) {
      const t = data.openTime[i]!;
      rows.push(
        `[${t},"${dec(data.open[i]!)}","${dec(data.high[i]!)}","${dec(data.low[i]!)}","${dec(data.close[i]!)}","${dec(data.volume[i]!)}",${t + step - 1},"0.00000000",0,"0.00000000","0.00000000","0"]`,
      );
    }
    json(res, 200, `[${rows.join(',')}]`, weightHeader);
  };

  const btcturkKlines = (res: ServerResponse, params: Record<string, string>) => {
    const tf = BTCTURK_RESOLUTION_TO_TF[params.resolution ?? ''];
    const data = series.get(`${params.symbol ?? ''}|${tf}`);
    if (!tf || !data) return json(res, 200, JSON.stringify({ s: 'no_data' }));
    const from = Number(params.from) * 1000;
    const to = Number(params.to) * 1000;
    const i0 = lowerBound(data.openTime, from);
    const i1 = upperBound(data.openTime, to);
    if (i1 <= i0) return json(res, 200, JSON.stringify({ s: 'no_data' }));
    const pick = (a: Float64Array) => Array.from(a.subarray(i0, i1));
    json(
      res,
      200,
      JSON.stringify({
        s: 'ok',
        t: pick(data.openTime).map((t) => t / 1000),
        o: pick(data.open),
        h: pick(data.high),
        l: pick(data.low),
        c: pick(data.close),
        v: pick(data.volume),
      }),
    );
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const params = Object.fromEntries(url.searchParams);
    const logged: LoggedRequest = { path: url.pathname, params, at: Date.now() };
    requests.push(logged);

    const minute = Math.floor(Date.now() / 60_000);
    if (minute !== weightMinute) {
      weightMinute = minute;
      usedWeight = 0;
    }
    if (url.pathname === '/api/v3/klines') usedWeight += 2;
    const weightHeader = { 'x-mbx-used-weight-1m': String(weightOverride ?? usedWeight), 'x-mbx-used-weight': String(weightOverride ?? usedWeight) };

    const fault = faults.shift() ?? rule?.(logged);
    if (fault) {
      switch (fault.kind) {
        case 'status':
          return json(res, fault.status, fault.body ?? JSON.stringify({ code: -1003, msg: 'Too much request weight used.' }), {
            ...weightHeader,
            ...(fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter }),
          });
        case 'hang':
          return;
        case 'stall-body':
          res.writeHead(200, { 'content-type': 'application/json', ...weightHeader });
          res.write('[[1,');
          return;
        case 'malformed':
          return json(res, 200, fault.body, weightHeader);
        case 'reset':
          req.socket.destroy();
          return;
      }
    }
    if (url.pathname === '/api/v3/klines') return binanceKlines(res, params, weightHeader);
    if (url.pathname === '/v1/klines/history') return btcturkKlines(res, params);
    json(res, 404, JSON.stringify({ code: -1, msg: 'not found' }));
  };

  const server: Server = createServer(handle);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    setSeries(symbol, timeframe, candles) {
      series.set(`${symbol}|${timeframe}`, candles);
    },
    enqueueFaults(...f) {
      faults.push(...f);
    },
    faultWhen(r) {
      rule = r;
    },
    setUsedWeight(w) {
      weightOverride = w;
    },
    klineRequests() {
      return requests.filter((r) => r.path === '/api/v3/klines');
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
