import { fileURLToPath } from 'node:url';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { describe, expect, it } from 'vitest';
import { createDb, migrateDb } from './client';
import { embeddedMigrations } from './migrations.generated';
import { PGlite } from '@electric-sql/pglite';

describe('migrations', () => {
  it('embeds exactly the SQL that drizzle-kit generated (run `pnpm db:generate` after a schema change)', () => {
    const fromFolder = readMigrationFiles({ migrationsFolder: fileURLToPath(new URL('../drizzle', import.meta.url)) });
    expect(embeddedMigrations).toEqual(fromFolder);
  });

  it('applies to an empty PGlite and is idempotent', async () => {
    const handle = await createDb({ kind: 'pglite', client: await PGlite.create() });
    try {
      await migrateDb(handle);
      await migrateDb(handle);
      await handle.execute('select key, mode, updated_by, updated_at from feature_flags');
    } finally {
      await handle.close();
    }
  });
});
