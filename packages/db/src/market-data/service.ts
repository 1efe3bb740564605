/**
 * The market-data service the API uses: cache-first candle loading, CSV
 * imports, cache statistics and cleanup, over one DuckDB instance.
 *
 * loadOrFetch, per exchange kind:
 * - live (binance, btcturk): under a per-series lock, read which spans of the
 *   request the cache has covered, fetch exactly the rest from the exchange,
 *   store closed bars and their spans in one transaction per batch, then serve
 *   cache + fetched. The bar still forming (openTime + interval > now) is
 *   returned but never cached. useCache: false refetches the whole range.
 * - import: served from the cache only; never touches the network.
 * - demo: generated on the fly (deterministic and fast, so caching would only
 *   duplicate it); only closed bars, like a real feed's history.
 */
import { MarketDataError, describeValue, invalid, isoTime } from './errors';
import { KeyedLock } from './lock';
import { importCsvFile, type ImportCsvOptions, type ImportReport } from './csv-import';
import { DEMO_SYMBOL_NAMES } from './demo/symbols';
import { demoSymbolOrThrow, generateDemoCandles } from './demo/generator';
import { mergeCandles, windowCandles } from './merge';
import { alignDown, alignUp, findGaps, intersectSpan, subtractSpans, type Span } from './ranges';
import { normalizeEpochMs, normalizeExchange, normalizeSymbol, normalizeTimeframe, validateCandleRequest, type NormalizedRequest } from './request';
import { BinanceClient } from './sources/binance';
import { BtcturkClient } from './sources/btcturk';
import { defaultSleep, type FetchLike, type HttpPolicy, type Sleep } from './sources/http';
import type { CandleSourceClient, SourcePage } from './sources/source';
import { CandleStore, type SeriesInfo, type SeriesKey } from './store';
import {
  DEMO_EXCHANGE,
  LIVE_EXCHANGES,
  concatCandles,
  emptyCandles,
  systemClock,
  type CandleRequest,
  type CandleSourceKind,
  type Candles,
  type Clock,
  type LiveExchange,
  type LoadReport,
  type LoadResult,
  type Timeframe,
} from './types';

export const DEFAULT_BINANCE_BASE_URL = 'https://api.binance.com';
/** BTCTurk serves candles from its "graph" host, not api.btcturk.com (BTCTurk Kripto API docs, "Get Kline Data"). */
export const DEFAULT_BTCTURK_BASE_URL = 'https://graph-api.btcturk.com';
export const DEFAULT_MAX_BARS = 500_000;

export interface MarketDataOptions {
  /** DuckDB file (created with its folder if missing), or ':memory:'. */
  cachePath: string;
  /** Largest number of bars one request may span; checked before any fetch. */
  maxBars?: number;
  clock?: Clock;
  binanceBaseUrl?: string;
  btcturkBaseUrl?: string;
  /** The HTTP client (tests point it at a loopback server through the base URLs instead). */
  fetch?: FetchLike;
  /** Per HTTP attempt. Default 15 s. */
  timeoutMs?: number;
  /** Extra attempts after a retryable failure. Default 3. */
  retries?: number;
  /** Backoff base (doubles per retry, with jitter) and cap. Defaults 500 ms and 8 s. */
  retryBaseDelayMs?: number;
  maxRetryDelayMs?: number;
  /** Longest Retry-After honoured; a longer one fails at once. Default 60 s. */
  maxRetryAfterMs?: number;
  /** How waits happen (tests inject a recorder). */
  sleep?: Sleep;
  /** Binance REQUEST_WEIGHT per minute. Default 6000. */
  binanceWeightLimit?: number;
  /** Replaces the built-in clients, e.g. with a custom source in tests. */
  sources?: Partial<Record<LiveExchange, CandleSourceClient>>;
  /** Rows per cache transaction while a long fetch runs. Default 50,000. */
  writeBatchRows?: number;
}

export interface LoadOptions {
  signal?: AbortSignal;
}

export interface CleanupFilter {
  exchange?: string;
  symbol?: string;
  timeframe?: Timeframe;
  /** Delete bars that open before this time (epoch ms). */
  olderThan?: number;
  /** Required (and alone) to wipe every series. */
  all?: true;
}

export interface CleanupResult {
  deletedRows: number;
  deletedSeries: number;
  sizeBeforeBytes: number;
  sizeAfterBytes: number;
}

export interface CacheCounters {
  /** loadOrFetch calls that ended with candles, by how they were served. */
  requests: number;
  /** Served from the cache alone. */
  hits: number;
  /** Part cache, part exchange. */
  partialHits: number;
  /** Nothing cached; all from the exchange (useCache: false included). */
  misses: number;
  demo: number;
  imports: number;
  servedBars: number;
  cachedBars: number;
  fetchedBars: number;
  upstreamRequests: number;
  /** Bar writes to the cache that failed (the request was still answered). */
  writeFailures: number;
}

export interface CacheStats {
  path: string;
  /** False when the cache lives in memory (':memory:', or the file was locked by another process). */
  persistent: boolean;
  sizeBytes: number;
  totalRows: number;
  series: SeriesInfo[];
  /** Since this service started. */
  counters: CacheCounters;
  warnings: string[];
}

export interface ExchangeInfo {
  name: string;
  kind: 'live' | 'demo' | 'import';
  /** Known symbols: the demo feed's, or those imported; empty for live exchanges (any listed symbol works). */
  symbols: string[];
}

export interface MarketDataService {
  loadOrFetch(request: CandleRequest, options?: LoadOptions): Promise<LoadResult>;
  importCsv(options: ImportCsvOptions): Promise<ImportReport>;
  stats(): Promise<CacheStats>;
  cleanup(filter: CleanupFilter): Promise<CleanupResult>;
  exchanges(): Promise<ExchangeInfo[]>;
  /** Opens the cache now instead of on first use. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

function positiveInt(value: unknown, field: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    throw invalid(field, `must be a whole number in 0..${max}; got ${describeValue(value)}`);
  }
  return value;
}

/** Creates the service. The DuckDB file opens on first use (or on ready()). */
export function createMarketData(options: MarketDataOptions): MarketDataService {
  if (typeof options !== 'object' || options === null) throw invalid('options', `must be an object; got ${describeValue(options)}`);
  if (typeof options.cachePath !== 'string' || options.cachePath.trim() === '') {
    throw invalid('cachePath', `must be a file path or ':memory:'; got ${describeValue(options.cachePath)}`);
  }
  const clock = options.clock ?? systemClock;
  const maxBars = positiveInt(options.maxBars, 'maxBars', DEFAULT_MAX_BARS);
  if (maxBars === 0) throw invalid('maxBars', 'must be at least 1');
  const writeBatchRows = Math.max(1, positiveInt(options.writeBatchRows, 'writeBatchRows', 50_000));
  const http: HttpPolicy = {
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    clock,
    sleep: options.sleep ?? defaultSleep,
    timeoutMs: Math.max(1, positiveInt(options.timeoutMs, 'timeoutMs', 15_000)),
    retries: positiveInt(options.retries, 'retries', 3, 20),
    retryBaseDelayMs: positiveInt(options.retryBaseDelayMs, 'retryBaseDelayMs', 500),
    maxRetryDelayMs: positiveInt(options.maxRetryDelayMs, 'maxRetryDelayMs', 8_000),
    maxRetryAfterMs: positiveInt(options.maxRetryAfterMs, 'maxRetryAfterMs', 60_000),
  };
  const sources: Record<string, CandleSourceClient> = {
    binance:
      options.sources?.binance ??
      new BinanceClient({
        baseUrl: options.binanceBaseUrl ?? DEFAULT_BINANCE_BASE_URL,
        http,
        ...(options.binanceWeightLimit === undefined ? {} : { weightLimit: options.binanceWeightLimit }),
      }),
    btcturk: options.sources?.btcturk ?? new BtcturkClient({ baseUrl: options.btcturkBaseUrl ?? DEFAULT_BTCTURK_BASE_URL, http }),
  };
  const reserved = [DEMO_EXCHANGE, ...LIVE_EXCHANGES];

  const counters: CacheCounters = {
    requests: 0,
    hits: 0,
    partialHits: 0,
    misses: 0,
    demo: 0,
    imports: 0,
    servedBars: 0,
    cachedBars: 0,
    fetchedBars: 0,
    upstreamRequests: 0,
    writeFailures: 0,
  };
  const seriesLocks = new KeyedLock();
  let opening: Promise<{ store: CandleStore; warnings: string[] }> | undefined;
  let closed = false;

  const open = () => {
    if (closed) throw new MarketDataError('CACHE_ERROR', 'the market-data service is closed');
    if (!opening) {
      const attempt = CandleStore.open(options.cachePath);
      opening = attempt;
      // A failed open is retried by the next call rather than cached forever.
      attempt.catch(() => {
        if (opening === attempt) opening = undefined;
      });
    }
    return opening;
  };

  function count(report: LoadReport): void {
    counters.requests += 1;
    counters.servedBars += report.bars;
    counters.cachedBars += report.cachedBars;
    counters.fetchedBars += report.fetchedBars;
    counters.upstreamRequests += report.upstreamRequests;
    if (report.demo) counters.demo += 1;
    else if (report.source === 'import') counters.imports += 1;
    else if (report.source === 'cache') counters.hits += 1;
    else if (report.source === 'mixed') counters.partialHits += 1;
    else counters.misses += 1;
  }

  function makeReport(
    req: NormalizedRequest,
    window: Span,
    candles: Candles,
    source: CandleSourceKind,
    fields: { cachedBars: number; fetchedBars: number; upstreamRequests: number; gapsTo: number; forming: boolean; warnings: string[] },
  ): LoadReport {
    return {
      source,
      exchange: req.exchange,
      symbol: req.symbol,
      timeframe: req.timeframe,
      from: window.from,
      to: window.to,
      bars: candles.openTime.length,
      cachedBars: fields.cachedBars,
      fetchedBars: fields.fetchedBars,
      upstreamRequests: fields.upstreamRequests,
      gaps: findGaps(candles.openTime, window.from, fields.gapsTo, req.stepMs),
      demo: source === 'demo',
      lastBarForming: fields.forming,
      warnings: fields.warnings,
    };
  }

  async function exchangeKind(store: CandleStore, exchange: string): Promise<'live' | 'import'> {
    if (sources[exchange]) return 'live';
    const imported = await store.exchanges('import');
    if (imported.includes(exchange)) return 'import';
    const known = [...LIVE_EXCHANGES, DEMO_EXCHANGE, ...imported];
    throw new MarketDataError('UNKNOWN_EXCHANGE', `exchange: no source or import is called "${exchange}"; known: ${known.join(', ')}`, {
      field: 'exchange',
    });
  }

  /** Fetches [span) page by page, storing closed bars in batches; returns everything fetched (forming bar included). */
  async function fetchSpan(
    store: CandleStore,
    client: CandleSourceClient,
    series: SeriesKey,
    span: Span,
    formingOpen: number,
    ctx: { signal?: AbortSignal; onAttempt: () => void; replace: boolean; warnings: string[] },
  ): Promise<Candles> {
    const fetched: Candles[] = [];
    let pending: SourcePage[] = [];
    let pendingRows = 0;
    let spanRows = 0;
    let storedAny = false;

    const flush = async () => {
      if (pending.length === 0) return;
      const pages = pending;
      pending = [];
      pendingRows = 0;
      // Coverage is only recorded once the exchange has shown it has bars here: an empty answer
      // for an unknown pair (BTCTurk says no_data) must not be remembered as "nothing to fetch".
      if (spanRows === 0 && !storedAny) return;
      const spans: Span[] = [];
      const closed: Candles[] = [];
      for (const page of pages) {
        const s = intersectSpan(page.span, { from: -Infinity, to: formingOpen });
        if (s) spans.push(s);
        closed.push(windowCandles(page.candles, -Infinity, formingOpen));
      }
      try {
        await store.write(series, 'exchange', { candles: concatCandles(closed), spans }, { onConflict: ctx.replace ? 'replace' : 'skip' });
        storedAny = true;
      } catch (error) {
        counters.writeFailures += 1;
        const message = error instanceof Error ? error.message : String(error);
        if (!ctx.warnings.some((w) => w.startsWith('could not store'))) {
          ctx.warnings.push(`could not store fetched bars in the cache; they are served but will be fetched again (${message})`);
        }
      }
    };

    try {
      for await (const page of client.fetchPages({ symbol: series.symbol, timeframe: series.timeframe, from: span.from, to: span.to }, {
        ...(ctx.signal ? { signal: ctx.signal } : {}),
        onAttempt: ctx.onAttempt,
      })) {
        const n = page.candles.openTime.length;
        fetched.push(page.candles);
        pending.push(page);
        pendingRows += n;
        spanRows += n;
        if (pendingRows >= writeBatchRows) await flush();
      }
      await flush();
    } catch (error) {
      // Keep what was fully fetched before the failure: it is exactly what the exchange said.
      await flush();
      throw error;
    }
    return concatCandles(fetched.length ? fetched : [emptyCandles(0)]);
  }

  async function loadLive(store: CandleStore, req: NormalizedRequest, window: Span, formingOpen: number, signal: AbortSignal | undefined, warnings: string[]): Promise<LoadResult> {
    const client = sources[req.exchange]!;
    const series: SeriesKey = { exchange: req.exchange, symbol: req.symbol, timeframe: req.timeframe };
    const key = `${req.exchange}|${req.symbol}|${req.timeframe}`;
    let upstreamRequests = 0;
    const onAttempt = () => {
      upstreamRequests += 1;
    };
    const closedTo = Math.min(window.to, formingOpen);
    const gapsTo = window.to;

    return seriesLocks.run(
      key,
      async () => {
        if (!req.useCache) {
          const fetched = await fetchSpan(store, client, series, window, formingOpen, { signal, onAttempt, replace: true, warnings });
          const candles = windowCandles(fetched, window.from, window.to);
          const n = candles.openTime.length;
          const lastForming = n > 0 && candles.openTime[n - 1]! >= formingOpen;
          return {
            candles,
            report: makeReport(req, window, candles, client.name, { cachedBars: 0, fetchedBars: n, upstreamRequests, gapsTo, forming: lastForming, warnings }),
          };
        }

        const id = await store.findSeries(series);
        const covered = id === undefined ? [] : await store.coverage(id, window);
        const missing = subtractSpans(window, covered);
        let fetched = emptyCandles(0);
        for (const span of missing) {
          const part = await fetchSpan(store, client, series, span, formingOpen, { signal, onAttempt, replace: false, warnings });
          fetched = fetched.openTime.length === 0 ? part : concatCandles([fetched, part]);
        }
        fetched = windowCandles(fetched, window.from, window.to);
        const seriesId = id ?? (await store.findSeries(series));
        const cached = seriesId === undefined || closedTo <= window.from ? emptyCandles(0) : await store.read(seriesId, { from: window.from, to: closedTo });
        const candles = missing.length === 0 ? cached : mergeCandles(cached, fetched);
        const fetchedBars = fetched.openTime.length;
        const bars = candles.openTime.length;
        const cachedBars = Math.max(0, bars - fetchedBars);
        const source: CandleSourceKind =
          fetchedBars > 0 && cachedBars > 0 ? 'mixed' : fetchedBars > 0 ? client.name : cachedBars > 0 ? 'cache' : upstreamRequests > 0 ? client.name : 'cache';
        const lastForming = bars > 0 && candles.openTime[bars - 1]! >= formingOpen;
        return {
          candles,
          report: makeReport(req, window, candles, source, { cachedBars, fetchedBars, upstreamRequests, gapsTo, forming: lastForming, warnings }),
        };
      },
      signal,
    );
  }

  async function loadImport(store: CandleStore, req: NormalizedRequest, window: Span, warnings: string[]): Promise<LoadResult> {
    const series: SeriesKey = { exchange: req.exchange, symbol: req.symbol, timeframe: req.timeframe };
    const id = await store.findSeries(series);
    if (id === undefined) {
      const symbols = await store.symbols(req.exchange, req.timeframe);
      const all = symbols.length ? symbols : await store.symbols(req.exchange);
      throw new MarketDataError(
        'UNKNOWN_SYMBOL',
        `symbol: the import "${req.exchange}" has no ${req.symbol} ${req.timeframe} candles; it has ${all.length ? `${symbols.length ? `${req.timeframe}: ` : ''}${all.join(', ')}` : 'none'}`,
        { field: 'symbol' },
      );
    }
    const candles = await store.read(id, window);
    return {
      candles,
      report: makeReport(req, window, candles, 'import', {
        cachedBars: candles.openTime.length,
        fetchedBars: 0,
        upstreamRequests: 0,
        gapsTo: window.to,
        forming: false,
        warnings,
      }),
    };
  }

  const service: MarketDataService = {
    async loadOrFetch(request, loadOptions = {}) {
      const req = validateCandleRequest(request);
      const signal = loadOptions.signal;
      if (signal?.aborted) throw new MarketDataError('CANCELLED', 'the request was cancelled by the caller before it started');
      const now = clock.now();
      const step = req.stepMs;
      const from = alignUp(req.start, step);
      const formingOpen = alignDown(now, step);
      if (from > formingOpen) {
        throw invalid('start', `${isoTime(req.start)} is after the bar forming now (${isoTime(formingOpen)}); no ${req.timeframe} candles exist there yet`);
      }
      // The demo feed needs no cache, so it keeps working where the cache file cannot be opened.
      const opened = req.exchange === DEMO_EXCHANGE ? undefined : await open();
      const warnings = [...(opened?.warnings ?? [])];
      const kind = opened ? await exchangeKind(opened.store, req.exchange) : 'demo';
      // Demo history stops at the last closed bar; live and imported series may include the forming one.
      const to = Math.min(alignUp(req.end, step), kind === 'demo' ? formingOpen : formingOpen + step);
      const window: Span = { from, to: Math.max(from, to) };
      const bars = (window.to - window.from) / step;
      if (bars > maxBars) {
        throw new MarketDataError(
          'TOO_MANY_BARS',
          `end: ${isoTime(window.from)} to ${isoTime(window.to)} spans ${bars.toLocaleString('en-US')} ${req.timeframe} bars; the limit is ${maxBars.toLocaleString('en-US')} per request. Narrow the range or use a longer timeframe`,
          { field: 'end' },
        );
      }

      let result: LoadResult;
      if (kind === 'demo') {
        demoSymbolOrThrow(req.symbol);
        const candles = generateDemoCandles(req.symbol, req.timeframe, window.from, window.to);
        result = {
          candles,
          report: makeReport(req, window, candles, 'demo', {
            cachedBars: 0,
            fetchedBars: candles.openTime.length,
            upstreamRequests: 0,
            gapsTo: window.to,
            forming: false,
            warnings: [...warnings, 'demo data: synthetic candles from a seeded generator, not market prices'],
          }),
        };
      } else if (kind === 'import') {
        result = await loadImport(opened!.store, req, window, warnings);
      } else {
        result = await loadLive(opened!.store, req, window, formingOpen, signal, warnings);
      }
      count(result.report);
      return result;
    },

    async importCsv(importOptions) {
      const { store } = await open();
      return importCsvFile(store, importOptions, reserved);
    },

    async stats() {
      const { store, warnings } = await open();
      const series = await store.listSeries();
      return {
        path: store.path,
        persistent: store.persistent,
        sizeBytes: store.sizeOnDisk(),
        totalRows: series.reduce((n, s) => n + s.rows, 0),
        series,
        counters: { ...counters },
        warnings: [...warnings],
      };
    },

    async cleanup(filter) {
      if (typeof filter !== 'object' || filter === null) throw invalid('filter', `must be an object; got ${describeValue(filter)}`);
      const allowed = new Set(['exchange', 'symbol', 'timeframe', 'olderThan', 'all']);
      for (const key of Object.keys(filter)) {
        if (!allowed.has(key)) throw invalid(key, `is not a cleanup filter; use exchange, symbol, timeframe, olderThan or all`);
      }
      const criteria: { exchange?: string; symbol?: string; timeframe?: Timeframe; olderThan?: number } = {};
      if (filter.exchange !== undefined) criteria.exchange = normalizeExchange(filter.exchange);
      if (filter.symbol !== undefined) criteria.symbol = normalizeSymbol(filter.symbol);
      if (filter.timeframe !== undefined) criteria.timeframe = normalizeTimeframe(filter.timeframe);
      if (filter.olderThan !== undefined) criteria.olderThan = normalizeEpochMs(filter.olderThan, 'olderThan');
      const hasCriteria = Object.keys(criteria).length > 0;
      if (filter.all !== undefined && filter.all !== true) throw invalid('all', `must be true or absent; got ${describeValue(filter.all)}`);
      if (filter.all === true && hasCriteria) throw invalid('all', 'cannot be combined with other filters');
      if (!hasCriteria && filter.all !== true) {
        throw invalid('filter', 'needs at least one of exchange, symbol, timeframe, olderThan (or all: true to wipe the cache)');
      }
      const { store } = await open();
      const sizeBeforeBytes = store.sizeOnDisk();
      const { deletedRows, deletedSeries } = await store.deleteSeries(criteria);
      return { deletedRows, deletedSeries, sizeBeforeBytes, sizeAfterBytes: store.sizeOnDisk() };
    },

    async exchanges() {
      const { store } = await open();
      const imported = await store.exchanges('import');
      const list: ExchangeInfo[] = [
        ...LIVE_EXCHANGES.filter((e) => sources[e]).map((name) => ({ name, kind: 'live' as const, symbols: [] })),
        { name: DEMO_EXCHANGE, kind: 'demo', symbols: [...DEMO_SYMBOL_NAMES] },
      ];
      for (const name of imported) list.push({ name, kind: 'import', symbols: await store.symbols(name) });
      return list;
    },

    async ready() {
      await open();
    },

    async close() {
      if (closed) return;
      closed = true;
      const pending = opening;
      opening = undefined;
      if (pending) {
        try {
          const { store } = await pending;
          await store.close();
        } catch {
          // A cache that never opened has nothing to close.
        }
      }
    },
  };
  return service;
}
