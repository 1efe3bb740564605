import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../client';
import { apiKeys, type ApiKeyRole, type ApiKeyRow } from '../schema';

export async function insertApiKey(
  db: Database,
  key: { id: string; name: string; role: ApiKeyRole; secretHash: string; createdBy: string },
): Promise<ApiKeyRow> {
  const [row] = await db.insert(apiKeys).values(key).returning();
  return row!;
}

/** An active (not revoked) key by its public id. */
export async function findActiveApiKey(db: Database, id: string): Promise<ApiKeyRow | undefined> {
  const [row] = await db.select().from(apiKeys).where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)));
  return row;
}

export async function touchApiKey(db: Database, id: string, at: Date): Promise<void> {
  await db.update(apiKeys).set({ lastUsedAt: at }).where(eq(apiKeys.id, id));
}

export async function listApiKeys(db: Database): Promise<ApiKeyRow[]> {
  return db.select().from(apiKeys).orderBy(desc(apiKeys.createdAt));
}

/** Revokes a key; returns the row, or undefined when no active key has that id. */
export async function revokeApiKey(db: Database, id: string, at: Date): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: at })
    .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
    .returning();
  return row;
}

/** Whether any active admin key exists (the start command mints one when none does). */
export async function hasActiveAdminKey(db: Database): Promise<boolean> {
  const [row] = await db
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(and(eq(apiKeys.role, 'admin'), isNull(apiKeys.revokedAt)))
    .limit(1);
  return row !== undefined;
}
