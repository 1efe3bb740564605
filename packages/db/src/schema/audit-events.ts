import { bigserial, index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Append-only trail of mutating calls and authentication failures. */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    event: text('event').notNull(),
    runId: text('run_id'),
    actor: text('actor').notNull(),
    role: text('role').notNull(),
    ip: text('ip').notNull(),
    userAgent: text('user_agent').notNull(),
    summary: jsonb('summary'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [index('audit_events_created_idx').on(t.createdAt), index('audit_events_event_idx').on(t.event)],
);

export type AuditEventRow = typeof auditEvents.$inferSelect;
