/**
 * Request and response schemas of the backtest procedures: pure zod over the
 * engine's registry, safe to import in the browser so forms validate with the
 * exact rules the API applies (`@spark/api/schemas`).
 */
export * from './common';
export * from './optimize';
export * from './portfolio';
export * from './run';
export * from './walkforward';
