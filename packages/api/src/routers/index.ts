import { createCallerFactory, createRouter } from '../trpc';
import { auditRouter } from './audit/list';
import { backtestRouter } from './backtest';
import { flagsRouter } from './flags';
import { health } from './health/health';
import { keysRouter } from './keys/keys';
import { presetsRouter } from './presets/presets';
import { cacheRouter } from './cache/cache';
import { catalogRouter } from './catalog/catalog';
import { runsRouter } from './runs';

export const appRouter = createRouter({
  health,
  backtest: backtestRouter,
  flags: flagsRouter,
  keys: keysRouter,
  audit: auditRouter,
  presets: presetsRouter,
  runs: runsRouter,
  cache: cacheRouter,
  catalog: catalogRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
