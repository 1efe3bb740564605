/**
 * BTCTurk public candles: GET {graph-api}/v1/klines/history?symbol=BTCUSDT&resolution=60&from=<s>&to=<s>
 * (BTCTurk Kripto API docs, "Get Kline Data"; no key).
 *
 * Domain facts: the answer is TradingView UDF-shaped, `{ s: "ok", t: [...], o, h, l, c, v }`
 * with `t` in epoch seconds (bar open) and `from`/`to` selecting bars by open time, both
 * inclusive, in seconds; `{ s: "no_data" }` means no bars in the window. Resolutions are
 * minutes (1, 5, 15, 30, 60, 240) and "1D" for days. The API documents no page cap, so this
 * client asks for windows of `pageSize` bars.
 */
import { MarketDataError, isoTime } from '../errors';
import { TIMEFRAME_MS, type Timeframe } from '../types';
import { getJson, type CallContext, type HttpPolicy } from './http';
import { toNumber, validatePage, type CandleSourceClient, type RawColumns, type SourcePage, type SourceRange } from './source';

export const BTCTURK_RESOLUTIONS: Readonly<Record<Timeframe, string>> = {
  '1m': '1',
  '5m': '5',
  '15m': '15',
  '30m': '30',
  '1h': '60',
  '4h': '240',
  '1d': '1D',
};

export interface BtcturkClientOptions {
  baseUrl: string;
  http: HttpPolicy;
  pageSize?: number;
}

const COLUMNS = ['t', 'o', 'h', 'l', 'c', 'v'] as const;

export class BtcturkClient implements CandleSourceClient {
  readonly name = 'btcturk' as const;
  private readonly baseUrl: string;
  private readonly http: HttpPolicy;
  private readonly pageSize: number;

  constructor(options: BtcturkClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.http = options.http;
    this.pageSize = options.pageSize ?? 1000;
  }

  async *fetchPages(range: SourceRange, ctx: CallContext = {}): AsyncGenerator<SourcePage, void, undefined> {
    const step = TIMEFRAME_MS[range.timeframe];
    let cursor = range.from;
    while (cursor < range.to) {
      const windowEnd = Math.min(range.to, cursor + this.pageSize * step);
      const url = new URL(`${this.baseUrl}/v1/klines/history`);
      url.searchParams.set('symbol', range.symbol);
      url.searchParams.set('resolution', BTCTURK_RESOLUTIONS[range.timeframe]);
      url.searchParams.set('from', String(Math.floor(cursor / 1000)));
      url.searchParams.set('to', String(Math.ceil(windowEnd / 1000) - 1));
      const what = `klines ${range.symbol} ${range.timeframe} from ${isoTime(cursor)}`;
      const answer = await getJson('btcturk', what, url, this.http, ctx);
      if (answer.status >= 400) throw this.rejection(answer.status, answer.body, range.symbol, what);
      const raw = this.parse(answer.body, what);
      // UDF servers may include a neighbouring bar; keep exactly the asked window.
      const kept: RawColumns = { openTime: [], open: [], high: [], low: [], close: [], volume: [] };
      for (let i = 0; i < raw.openTime.length; i++) {
        const t = raw.openTime[i]!;
        if (t < cursor || t >= windowEnd) continue;
        kept.openTime.push(t);
        kept.open.push(raw.open[i]!);
        kept.high.push(raw.high[i]!);
        kept.low.push(raw.low[i]!);
        kept.close.push(raw.close[i]!);
        kept.volume.push(raw.volume[i]!);
      }
      const candles = validatePage('btcturk', what, kept, { from: cursor, to: windowEnd }, step);
      yield { span: { from: cursor, to: windowEnd }, candles };
      cursor = windowEnd;
    }
  }

  private parse(body: unknown, what: string): RawColumns {
    const bad = (detail: string) =>
      new MarketDataError('UPSTREAM_MALFORMED', `btcturk returned a malformed kline page (${what}): ${detail}`, { upstream: 'btcturk' });
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw bad('expected a JSON object with s, t, o, h, l, c, v');
    const b = body as Record<string, unknown>;
    if (b.s === 'no_data') return { openTime: [], open: [], high: [], low: [], close: [], volume: [] };
    if (b.s === 'error') {
      const message = String(b.errmsg ?? b.message ?? 'no message');
      if (/symbol|pair/i.test(message)) {
        throw new MarketDataError('UNKNOWN_SYMBOL', `symbol: btcturk does not list this pair (${JSON.stringify(message)})`, { field: 'symbol', upstream: 'btcturk' });
      }
      throw new MarketDataError('UPSTREAM_REJECTED', `btcturk refused ${what}: ${JSON.stringify(message)}`, { upstream: 'btcturk' });
    }
    if (b.s !== 'ok') throw bad(`status field s is ${JSON.stringify(b.s)}, expected "ok" or "no_data"`);
    const arrays = COLUMNS.map((k) => b[k]);
    const t = arrays[0];
    if (!Array.isArray(t)) throw bad('field t is not an array');
    for (let k = 1; k < COLUMNS.length; k++) {
      const a = arrays[k];
      if (!Array.isArray(a) || a.length !== t.length) throw bad(`field ${COLUMNS[k]} is not an array of ${t.length} values`);
    }
    const [ts, o, h, l, c, v] = arrays as unknown[][];
    return {
      openTime: ts!.map((x) => toNumber(x) * 1000),
      open: o!.map(toNumber),
      high: h!.map(toNumber),
      low: l!.map(toNumber),
      close: c!.map(toNumber),
      volume: v!.map(toNumber),
    };
  }

  private rejection(status: number, body: unknown, symbol: string, what: string): MarketDataError {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    if ((status === 400 || status === 404) && /symbol|pair/i.test(text)) {
      return new MarketDataError('UNKNOWN_SYMBOL', `symbol: btcturk does not list ${JSON.stringify(symbol)} (HTTP ${status})`, {
        field: 'symbol',
        upstream: 'btcturk',
        status,
      });
    }
    return new MarketDataError('UPSTREAM_REJECTED', `btcturk refused ${what} with HTTP ${status}: ${text.slice(0, 120)}`, {
      upstream: 'btcturk',
      status,
    });
  }
}
