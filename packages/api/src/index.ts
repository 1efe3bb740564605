export { appRouter, createCaller, type AppRouter } from './routers';
export { createInternalContext, createRequestContext, type ApiDeps, type Context, type RequestInfo } from './context';
export { readApiEnv, type ApiEnv } from './env';
export { procedureKeys, type ProcedureKey } from './procedure-keys';
export { applyBootFlags, describeMode, readProcedureModes, type ProcedureModes } from './services/procedure-modes';
export type { HealthOutput } from './routers/health/health';
