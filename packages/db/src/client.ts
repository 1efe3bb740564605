import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { MigrationMeta } from 'drizzle-orm/migrator';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import { embeddedMigrations } from './migrations.generated';
import * as schema from './schema';

export type DatabaseKind = 'pglite' | 'postgres';
export type Database = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface SparkDb {
  db: Database;
  kind: DatabaseKind;
  /** The node-postgres pool on a real server (rate limiter store, LISTEN/NOTIFY); absent on PGlite. */
  pgPool?: pg.Pool;
  /** Runs raw SQL (for tests and maintenance), on either driver. */
  execute(sql: string): Promise<void>;
  close(): Promise<void>;
}

export type CreateDbOptions =
  | { kind: 'postgres'; url: string; poolSize?: number }
  | { kind: 'pglite'; dataDir?: string; client?: PGlite };

/**
 * Opens a database: node-postgres when given a URL, otherwise embedded PGlite
 * (in `dataDir`, or in memory when none is given). A factory, never a module
 * singleton: the app keeps one per process, tests one per test.
 */
export async function createDb(options: CreateDbOptions): Promise<SparkDb> {
  if (options.kind === 'postgres') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10 });
    // A pool error on an idle client (server restart) must not crash the process.
    pool.on('error', () => {});
    const db = drizzleNodePg({ client: pool, schema }) as unknown as Database;
    return {
      db,
      kind: 'postgres',
      pgPool: pool,
      execute: async (sql) => {
        await pool.query(sql);
      },
      close: () => pool.end(),
    };
  }
  let client = options.client;
  if (!client) {
    if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
    client = await PGlite.create(options.dataDir ? { dataDir: options.dataDir } : {});
  }
  const owned = client;
  const db = drizzlePglite({ client: owned, schema }) as unknown as Database;
  return {
    db,
    kind: 'pglite',
    execute: async (sql) => {
      await owned.exec(sql);
    },
    close: () => owned.close(),
  };
}

/** Applies every committed drizzle-kit migration not yet applied; idempotent. */
export async function migrateDb(handle: SparkDb, migrations: MigrationMeta[] = embeddedMigrations): Promise<void> {
  // Same algorithm as drizzle-orm's migrate(): a journal table plus each migration in a transaction.
  const dialect = (handle.db as unknown as { dialect: { migrate: Function }; session: unknown }).dialect;
  const session = (handle.db as unknown as { session: unknown }).session;
  await dialect.migrate(migrations, session, { migrationsFolder: '' });
}
