/**
 * Binance spot klines: GET /api/v3/klines (public, no key).
 *
 * Domain facts this client relies on (Binance Spot REST API docs, "Kline/Candlestick data"
 * and "LIMITS"):
 * - at most 1000 klines per request (`limit`); `startTime`/`endTime` select by open time, inclusive;
 * - a row is [openTime, open, high, low, close, volume, closeTime, quoteVolume, trades,
 *   takerBuyBase, takerBuyQuote, ignore] with prices and volumes as decimal strings;
 * - every answer carries X-MBX-USED-WEIGHT-1M, the IP's request weight used in the current
 *   minute; the REQUEST_WEIGHT limit is 6000 per minute and a kline call costs 2;
 * - over the limit Binance answers 429 with Retry-After, and 418 (an IP ban of 2 minutes to
 *   3 days) to clients that keep going; 400 with code -1121 means "Invalid symbol.".
 */
import { MarketDataError, isoTime } from '../errors';
import { TIMEFRAME_MS, type Timeframe } from '../types';
import { getJson, type CallContext, type HttpPolicy } from './http';
import { toNumber, validatePage, type CandleSourceClient, type RawColumns, type SourcePage, type SourceRange } from './source';

export const BINANCE_MAX_KLINES_PER_REQUEST = 1000;
export const BINANCE_KLINES_WEIGHT = 2;
export const BINANCE_DEFAULT_WEIGHT_LIMIT = 6000;

/** Binance's own interval names happen to equal ours for every supported timeframe. */
export const BINANCE_INTERVALS: Readonly<Record<Timeframe, string>> = {
  '1m': '1m',
  '5m': '5m',
  '15m': '15m',
  '30m': '30m',
  '1h': '1h',
  '4h': '4h',
  '1d': '1d',
};

export interface BinanceClientOptions {
  baseUrl: string;
  http: HttpPolicy;
  /** REQUEST_WEIGHT per minute; the client pauses before a call that would pass `weightLimit * (1 - weightHeadroom)`. */
  weightLimit?: number;
  weightHeadroom?: number;
  pageSize?: number;
}

export class BinanceClient implements CandleSourceClient {
  readonly name = 'binance' as const;
  private readonly baseUrl: string;
  private readonly http: HttpPolicy;
  private readonly weightBudget: number;
  private readonly pageSize: number;
  /** Last X-MBX-USED-WEIGHT-1M seen and the clock minute it belongs to. */
  private usedWeight = 0;
  private usedWeightMinute = -1;

  constructor(options: BinanceClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.http = options.http;
    const limit = options.weightLimit ?? BINANCE_DEFAULT_WEIGHT_LIMIT;
    this.weightBudget = Math.floor(limit * (1 - (options.weightHeadroom ?? 0.1)));
    this.pageSize = Math.min(options.pageSize ?? BINANCE_MAX_KLINES_PER_REQUEST, BINANCE_MAX_KLINES_PER_REQUEST);
  }

  /** Waits for the next minute window when the last answer said the weight budget is nearly spent. */
  private async respectWeight(signal: AbortSignal | undefined): Promise<void> {
    const now = this.http.clock.now();
    const minute = Math.floor(now / 60_000);
    if (minute !== this.usedWeightMinute) return;
    if (this.usedWeight + BINANCE_KLINES_WEIGHT <= this.weightBudget) return;
    // Binance's 1-minute weight window is the calendar minute; a small margin absorbs clock skew.
    const wait = (minute + 1) * 60_000 - now + 250;
    await this.http.sleep(wait, signal);
  }

  private recordWeight(headers: Headers): void {
    const raw = headers.get('x-mbx-used-weight-1m');
    if (raw === null) return;
    const used = Number(raw);
    if (!Number.isFinite(used)) return;
    this.usedWeight = used;
    this.usedWeightMinute = Math.floor(this.http.clock.now() / 60_000);
  }

  async *fetchPages(range: SourceRange, ctx: CallContext = {}): AsyncGenerator<SourcePage, void, undefined> {
    const step = TIMEFRAME_MS[range.timeframe];
    let cursor = range.from;
    while (cursor < range.to) {
      await this.respectWeight(ctx.signal);
      const url = new URL(`${this.baseUrl}/api/v3/klines`);
      url.searchParams.set('symbol', range.symbol);
      url.searchParams.set('interval', BINANCE_INTERVALS[range.timeframe]);
      url.searchParams.set('startTime', String(cursor));
      url.searchParams.set('endTime', String(range.to - 1));
      url.searchParams.set('limit', String(this.pageSize));
      const what = `klines ${range.symbol} ${range.timeframe} from ${isoTime(cursor)}`;
      const answer = await getJson('binance', what, url, this.http, ctx);
      this.recordWeight(answer.headers);
      if (answer.status >= 400) throw this.rejection(answer.status, answer.body, range.symbol, what);

      const body = answer.body;
      if (!Array.isArray(body)) {
        throw new MarketDataError('UPSTREAM_MALFORMED', `binance returned a malformed kline page (${what}): expected a JSON array, got ${typeof body === 'object' && body !== null ? 'an object' : typeof body}`, { upstream: 'binance' });
      }
      const raw: RawColumns = { openTime: [], open: [], high: [], low: [], close: [], volume: [] };
      for (let i = 0; i < body.length; i++) {
        const row: unknown = body[i];
        if (!Array.isArray(row) || row.length < 6) {
          throw new MarketDataError('UPSTREAM_MALFORMED', `binance returned a malformed kline page (${what}): row ${i} is not an array of at least 6 fields`, { upstream: 'binance' });
        }
        raw.openTime.push(toNumber(row[0]));
        raw.open.push(toNumber(row[1]));
        raw.high.push(toNumber(row[2]));
        raw.low.push(toNumber(row[3]));
        raw.close.push(toNumber(row[4]));
        raw.volume.push(toNumber(row[5]));
      }
      if (raw.openTime.length > this.pageSize) {
        throw new MarketDataError('UPSTREAM_MALFORMED', `binance returned a malformed kline page (${what}): ${raw.openTime.length} rows for limit ${this.pageSize}`, { upstream: 'binance' });
      }
      const candles = validatePage('binance', what, raw, { from: cursor, to: range.to }, step);
      const n = candles.openTime.length;
      // A short page means Binance has nothing more up to endTime; a full one ends at its last bar.
      const spanTo = n < this.pageSize ? range.to : candles.openTime[n - 1]! + step;
      yield { span: { from: cursor, to: spanTo }, candles };
      cursor = spanTo;
    }
  }

  private rejection(status: number, body: unknown, symbol: string, what: string): MarketDataError {
    const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
    const msg = typeof body === 'object' && body !== null ? (body as { msg?: unknown }).msg : body;
    if (code === -1121) {
      return new MarketDataError('UNKNOWN_SYMBOL', `symbol: binance does not list ${JSON.stringify(symbol)} on spot (code -1121 "${String(msg)}")`, {
        field: 'symbol',
        upstream: 'binance',
        status,
      });
    }
    const detail = code !== undefined ? `code ${String(code)} ${JSON.stringify(msg)}` : JSON.stringify(String(msg).slice(0, 120));
    return new MarketDataError('UPSTREAM_REJECTED', `binance refused ${what} with HTTP ${status}: ${detail}`, {
      upstream: 'binance',
      status,
    });
  }
}
