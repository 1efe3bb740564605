/**
 * What the API needs from the market-data layer, and the conversion of a
 * request's series fields (inline rows or exchange/symbol/range) into engine
 * candles plus the report every response carries in `result.data`.
 */
import { createMarketDataFromEnv, type MarketDataService } from '@spark/db/market-data';
import { candlesFromRows, type Candles, type Timeframe } from '@spark/engine';
import type { DataReport } from '../schemas/common';
import { isMarketDataError } from '../errors';
import type { SparkMetrics } from '../metrics/registry';

export interface CandleLoadRequest {
  exchange: string;
  symbol: string;
  timeframe: Timeframe;
  start: number;
  end: number;
  useCache: boolean;
}

export interface CandleLoad {
  candles: Candles;
  report: DataReport;
}

export interface CacheStatsOut {
  series: { exchange: string; symbol: string; timeframe: string; rows: number; firstOpenTime: number | null; lastOpenTime: number | null }[];
  totalRows: number;
  sizeBytes: number;
  hits: number;
  misses: number;
}

export interface CacheCleanupFilter {
  exchange?: string;
  symbol?: string;
  timeframe?: string;
  olderThan?: number;
}

export interface ExchangeOut {
  name: string;
  kind: 'live' | 'demo' | 'import';
  /** Known symbols (demo feed, imports); empty for live exchanges, where any listed symbol works. */
  symbols: string[];
}

export interface MarketData {
  exchanges(): Promise<ExchangeOut[]>;
  load(request: CandleLoadRequest, signal?: AbortSignal): Promise<CandleLoad>;
  stats(): Promise<CacheStatsOut>;
  cleanup(filter: CacheCleanupFilter): Promise<{ deletedRows: number }>;
  close(): Promise<void>;
}

export interface SeriesFields {
  exchange: string;
  symbol?: string;
  timeframe: Timeframe;
  start?: number;
  end?: number;
  useCache: boolean;
  candles?: number[][];
}

/** Candles for one request: parsed inline rows, or a cache-first load with metrics. */
export async function loadSeries(
  fields: SeriesFields,
  marketData: MarketData,
  metrics: SparkMetrics,
  signal?: AbortSignal,
): Promise<CandleLoad> {
  if (fields.candles) {
    const candles = candlesFromRows(fields.candles, 'candles');
    return {
      candles,
      report: {
        source: 'inline',
        exchange: 'inline',
        symbol: fields.symbol ?? 'INLINE',
        timeframe: fields.timeframe,
        cachedBars: 0,
        fetchedBars: 0,
        bars: candles.close.length,
        gaps: [],
        demo: false,
      },
    };
  }
  const started = performance.now();
  const load = await marketData
    .load(
      { exchange: fields.exchange, symbol: fields.symbol!, timeframe: fields.timeframe, start: fields.start!, end: fields.end!, useCache: fields.useCache },
      signal,
    )
    .catch((error: unknown) => {
      if (isMarketDataError(error) && error.upstream) metrics.upstreamErrors.inc({ exchange: error.upstream, code: error.code });
      throw error;
    });
  metrics.dataLatency.observe({ source: load.report.source }, performance.now() - started);
  if (!load.report.demo) {
    if (load.report.fetchedBars > 0) {
      metrics.cacheMisses.inc();
      metrics.candlesFetched.inc({ exchange: load.report.exchange }, load.report.fetchedBars);
    } else {
      metrics.cacheHits.inc();
    }
  }
  return load;
}

/** The API's view of the market-data service: loads, cache statistics and cleanup. */
export function marketDataAdapter(service: MarketDataService): MarketData {
  return {
    exchanges: () => service.exchanges(),
    async load(request, signal) {
      const { candles, report } = await service.loadOrFetch(request, signal ? { signal } : {});
      return {
        candles,
        report: {
          source: report.source,
          exchange: report.exchange,
          symbol: report.symbol,
          timeframe: report.timeframe,
          cachedBars: report.cachedBars,
          fetchedBars: report.fetchedBars,
          bars: report.bars,
          gaps: report.gaps,
          demo: report.demo,
        },
      };
    },
    async stats() {
      const stats = await service.stats();
      return {
        series: stats.series.map((s) => ({
          exchange: s.exchange,
          symbol: s.symbol,
          timeframe: s.timeframe,
          rows: s.rows,
          firstOpenTime: s.firstOpenTime,
          lastOpenTime: s.lastOpenTime,
        })),
        totalRows: stats.totalRows,
        sizeBytes: stats.sizeBytes,
        hits: stats.counters.hits,
        misses: stats.counters.misses,
      };
    },
    async cleanup(filter) {
      const { deletedRows } = await service.cleanup(filter as Parameters<MarketDataService['cleanup']>[0]);
      return { deletedRows };
    },
    close: () => service.close(),
  };
}

/** The process's market-data service, configured from the environment (CANDLE_CACHE_PATH, BINANCE_BASE_URL, ...). */
export async function openMarketData(): Promise<MarketData> {
  const service = createMarketDataFromEnv();
  await service.ready();
  return marketDataAdapter(service);
}
