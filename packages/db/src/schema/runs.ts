import { bigint, boolean, index, integer, jsonb, pgEnum, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const runKind = pgEnum('run_kind', ['run', 'walkforward', 'portfolio', 'optimize']);
export const runStatus = pgEnum('run_status', ['queued', 'running', 'done', 'failed']);

/**
 * Every backtest-family call, synchronous or queued. `result` holds the full
 * response (equity, trades) the artifacts are generated from; `summary` the
 * headline metrics the run list shows without loading the result.
 */
export const runs = pgTable(
  'runs',
  {
    id: text('id').primaryKey(),
    kind: runKind('kind').notNull(),
    status: runStatus('status').notNull(),
    mock: boolean('mock').notNull().default(false),
    request: jsonb('request').notNull(),
    summary: jsonb('summary'),
    result: jsonb('result'),
    error: text('error'),
    errorCode: text('error_code'),
    progress: jsonb('progress'),
    actor: text('actor').notNull(),
    role: text('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
    durationMs: integer('duration_ms'),
    /** Epoch ms of the last heartbeat from the process running it; a restart finds stale ones. */
    heartbeatAt: bigint('heartbeat_at', { mode: 'number' }),
  },
  (t) => [index('runs_status_created_idx').on(t.status, t.createdAt), index('runs_created_idx').on(t.createdAt)],
);

export type RunRow = typeof runs.$inferSelect;
export type NewRunRow = typeof runs.$inferInsert;
export type RunKind = (typeof runKind.enumValues)[number];
export type RunStatus = (typeof runStatus.enumValues)[number];
