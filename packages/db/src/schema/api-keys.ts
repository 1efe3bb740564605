import { pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const apiKeyRole = pgEnum('api_key_role', ['trader', 'admin']);

/**
 * Trader/service and admin API keys. Only the SHA-256 of the secret is stored:
 * secrets are 256-bit random, so a fast hash is not brute-forceable.
 */
export const apiKeys = pgTable('api_keys', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  role: apiKeyRole('role').notNull(),
  secretHash: text('secret_hash').notNull(),
  createdBy: text('created_by').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
});

export type ApiKeyRow = typeof apiKeys.$inferSelect;
export type ApiKeyRole = (typeof apiKeyRole.enumValues)[number];
