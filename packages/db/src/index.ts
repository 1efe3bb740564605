export { createDb, migrateDb, type CreateDbOptions, type Database, type DatabaseKind, type SparkDb } from './client';
export { findWorkspaceRoot, readDbEnv, type DbEnv } from './env';
export { getFeatureFlag, listFeatureFlags, seedFeatureFlags, setFeatureFlag } from './flags';
export { openDatabase } from './open';
export * from './schema';
