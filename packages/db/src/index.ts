export { createDb, migrateDb, type CreateDbOptions, type Database, type DatabaseKind, type SparkDb } from './client';
export { findWorkspaceRoot, readDbEnv, type DbEnv } from './env';
export * from './repositories';
export { openDatabase } from './open';
export * from './schema';
export { createFileRunSeriesStore, createPostgresRunSeriesStore, createRunSeriesStore, type RunSeriesStore } from './run-series/store';
