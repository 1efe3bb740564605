import { eq, sql } from 'drizzle-orm';
import type { Database } from '../client';
import { featureFlags, type FeatureFlagRow, type ProcedureMode } from '../schema';

/** Every flag row, ordered by key. */
export async function listFeatureFlags(db: Database): Promise<FeatureFlagRow[]> {
  return db.select().from(featureFlags).orderBy(featureFlags.key);
}

/** Inserts the boot defaults for keys that have no row yet; never overwrites an operator's choice. */
export async function seedFeatureFlags(
  db: Database,
  defaults: Record<string, ProcedureMode>,
  actor = 'boot',
): Promise<void> {
  const rows = Object.entries(defaults).map(([key, mode]) => ({ key, mode, updatedBy: actor }));
  if (rows.length === 0) return;
  await db.insert(featureFlags).values(rows).onConflictDoNothing({ target: featureFlags.key });
}

/** Sets one flag (insert or update) and returns the stored row. */
export async function setFeatureFlag(
  db: Database,
  key: string,
  mode: ProcedureMode,
  actor: string,
): Promise<FeatureFlagRow> {
  const [row] = await db
    .insert(featureFlags)
    .values({ key, mode, updatedBy: actor })
    .onConflictDoUpdate({
      target: featureFlags.key,
      set: { mode, updatedBy: actor, updatedAt: sql`now()` },
    })
    .returning();
  return row!;
}

/** One flag row, or undefined when the key has never been set. */
export async function getFeatureFlag(db: Database, key: string): Promise<FeatureFlagRow | undefined> {
  const [row] = await db.select().from(featureFlags).where(eq(featureFlags.key, key));
  return row;
}
