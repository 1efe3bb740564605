import { customType, pgTable, text } from 'drizzle-orm/pg-core';
import { runs } from './runs';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * The long numeric series of a run's result (equity and drawdown curves),
 * packed as Float64 pairs. On a PostgreSQL server they live here; the embedded
 * PGlite keeps them in files beside the database, because large values are slow
 * through its WASM protocol (~250 ms for 800 kB) and it runs on the request thread.
 */
export const runSeries = pgTable('run_series', {
  runId: text('run_id')
    .primaryKey()
    .references(() => runs.id, { onDelete: 'cascade' }),
  data: bytea('data').notNull(),
});
