import { integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/** Named scenario presets; every save of a name adds a version, the newest is the current one. */
export const presets = pgTable(
  'presets',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    version: integer('version').notNull(),
    procedure: text('procedure').notNull(),
    request: jsonb('request').notNull(),
    notes: text('notes').notNull().default(''),
    owner: text('owner').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('presets_name_version_idx').on(t.name, t.version)],
);

export type PresetRow = typeof presets.$inferSelect;
