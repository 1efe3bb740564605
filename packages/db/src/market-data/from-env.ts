import { readMarketDataEnv } from '../env';
import { createMarketData, type MarketDataOptions, type MarketDataService } from './service';

/** The service configured from the environment (see readMarketDataEnv); `overrides` win. */
export function createMarketDataFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  overrides: Partial<MarketDataOptions> = {},
): MarketDataService {
  const config = readMarketDataEnv(env);
  return createMarketData({
    cachePath: config.candleCachePath,
    binanceBaseUrl: config.binanceBaseUrl,
    btcturkBaseUrl: config.btcturkBaseUrl,
    maxBars: config.maxBars,
    timeoutMs: config.requestTimeoutMs,
    retries: config.retries,
    ...overrides,
  });
}
