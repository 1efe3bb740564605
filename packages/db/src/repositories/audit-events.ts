import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import type { Database } from '../client';
import { auditEvents, type AuditEventRow } from '../schema';

export type AuditEventInput = Omit<AuditEventRow, 'id' | 'createdAt'> & { createdAt?: Date };

export async function recordAuditEvent(db: Database, event: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values(event);
}

/** Newest first; `beforeId` pages backwards through the trail. */
export async function listAuditEvents(
  db: Database,
  filter: { event?: string; limit: number; beforeId?: number },
): Promise<AuditEventRow[]> {
  const where: SQL[] = [];
  if (filter.event) where.push(eq(auditEvents.event, filter.event));
  if (filter.beforeId !== undefined) where.push(lt(auditEvents.id, filter.beforeId));
  return db
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(filter.limit);
}
