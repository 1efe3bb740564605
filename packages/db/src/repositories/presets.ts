import { and, desc, eq, max } from 'drizzle-orm';
import type { Database } from '../client';
import { presets, type PresetRow } from '../schema';

export interface PresetInput {
  name: string;
  procedure: string;
  request: unknown;
  notes: string;
  owner: string;
}

/**
 * Saves a new version of the preset `name` (version 1 when new). Two saves
 * racing each other cannot both take the same version: the unique index on
 * (name, version) rejects the loser, which retries once with the next number.
 */
export async function savePreset(db: Database, input: PresetInput): Promise<PresetRow> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const [current] = await tx.select({ v: max(presets.version) }).from(presets).where(eq(presets.name, input.name));
        const [row] = await tx
          .insert(presets)
          .values({ ...input, version: (current?.v ?? 0) + 1 })
          .returning();
        return row!;
      });
    } catch (error) {
      if (attempt >= 2) throw error;
    }
  }
}

/** The newest version of every preset, by name. */
export async function listPresets(db: Database): Promise<PresetRow[]> {
  const rows = await db.select().from(presets).orderBy(presets.name, desc(presets.version));
  const newest = new Map<string, PresetRow>();
  for (const row of rows) if (!newest.has(row.name)) newest.set(row.name, row);
  return [...newest.values()];
}

/** One version of a preset (the newest when `version` is omitted). */
export async function getPreset(db: Database, name: string, version?: number): Promise<PresetRow | undefined> {
  const [row] = await db
    .select()
    .from(presets)
    .where(version === undefined ? eq(presets.name, name) : and(eq(presets.name, name), eq(presets.version, version)))
    .orderBy(desc(presets.version))
    .limit(1);
  return row;
}

/** Every version of a preset, newest first. */
export async function listPresetVersions(db: Database, name: string): Promise<PresetRow[]> {
  return db.select().from(presets).where(eq(presets.name, name)).orderBy(desc(presets.version));
}

/** Deletes every version of `name`; returns how many rows went. */
export async function deletePreset(db: Database, name: string): Promise<number> {
  const deleted = await db.delete(presets).where(eq(presets.name, name)).returning({ id: presets.id });
  return deleted.length;
}
