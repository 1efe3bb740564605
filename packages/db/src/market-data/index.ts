/**
 * @spark/db/market-data: candles for { exchange, symbol, timeframe, start, end },
 * cache-first over DuckDB, from Binance, BTCTurk, CSV imports or the offline demo feed.
 */
export {
  createMarketData,
  DEFAULT_BINANCE_BASE_URL,
  DEFAULT_BTCTURK_BASE_URL,
  DEFAULT_MAX_BARS,
  type CacheCounters,
  type CacheStats,
  type CleanupFilter,
  type CleanupResult,
  type ExchangeInfo,
  type LoadOptions,
  type MarketDataOptions,
  type MarketDataService,
} from './service';
export { createMarketDataFromEnv } from './from-env';
export type { ImportCsvOptions, ImportReport } from './csv-import';
export { MarketDataError, isMarketDataError, marketDataErrorCodes, type MarketDataErrorCode, type Upstream } from './errors';
export {
  DEMO_EXCHANGE,
  LIVE_EXCHANGES,
  TIMEFRAMES,
  TIMEFRAME_MS,
  isTimeframe,
  type CandleGap,
  type CandleRequest,
  type CandleSourceKind,
  type Candles,
  type Clock,
  type LiveExchange,
  type LoadReport,
  type LoadResult,
  type Timeframe,
} from './types';
export { DEMO_SYMBOL_NAMES } from './demo/symbols';
export { DEMO_END, generateDemoCandles } from './demo/generator';
export { SYMBOL_PATTERN, validateCandleRequest } from './request';
export type { CandleSourceClient, SourcePage, SourceRange } from './sources/source';
export type { SeriesInfo } from './store';
export { readMarketDataEnv, type MarketDataEnv } from '../env';
