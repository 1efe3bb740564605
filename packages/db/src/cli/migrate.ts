/** `pnpm db:migrate`: applies the migrations to the configured database (PGlite by default). */
import { readDbEnv } from '../env';
import { openDatabase } from '../open';

const env = readDbEnv();
const handle = await openDatabase(env);
await handle.close();
console.log(`migrations applied to ${env.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `PGlite at ${env.pgliteDir}`}`);
