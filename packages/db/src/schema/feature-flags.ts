import { pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/** Whether a procedure serves the real engine or its deterministic mock. */
export const procedureMode = pgEnum('procedure_mode', ['real', 'mock']);

/** One row per procedure key (`run`, `walkforward`, `portfolio`, `optimize`). */
export const featureFlags = pgTable('feature_flags', {
  key: text('key').primaryKey(),
  mode: procedureMode('mode').notNull(),
  updatedBy: text('updated_by').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
});

export type FeatureFlagRow = typeof featureFlags.$inferSelect;
export type ProcedureMode = (typeof procedureMode.enumValues)[number];
