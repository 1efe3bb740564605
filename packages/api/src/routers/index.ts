import { createCallerFactory, createRouter } from '../trpc';
import { health } from './health/health';

export const appRouter = createRouter({
  health,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
