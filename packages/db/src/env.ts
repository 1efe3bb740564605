import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';

/** Walks up from `start` to the workspace root (the folder holding pnpm-workspace.yaml). */
export function findWorkspaceRoot(start: string = process.cwd()): string {
  // turbopackIgnore: this walks the runtime file system, not build inputs.
  let dir = resolve(/*turbopackIgnore: true*/ start);
  for (;;) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(/*turbopackIgnore: true*/ start);
    dir = parent;
  }
}

const dbEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgres:// or postgresql:// URL')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  SPARK_DATA_DIR: z.string().trim().min(1).optional(),
});

export interface DbEnv {
  /** Set: node-postgres against that server. Unset: embedded PGlite in `pgliteDir`. */
  databaseUrl: string | undefined;
  /** The project's data folder (gitignored); holds the PGlite cluster and the DuckDB candle cache. */
  dataDir: string;
  pgliteDir: string;
}

/** Reads and validates the database configuration. The only place in @spark/db that touches process.env. */
export function readDbEnv(env: NodeJS.ProcessEnv = process.env): DbEnv {
  const parsed = dbEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment: ${issue.path.join('.')}: ${issue.message}`);
  }
  const dataDir = parsed.data.SPARK_DATA_DIR
    ? resolve(/*turbopackIgnore: true*/ parsed.data.SPARK_DATA_DIR)
    : join(findWorkspaceRoot(), '.data');
  return { databaseUrl: parsed.data.DATABASE_URL, dataDir, pgliteDir: join(dataDir, 'pglite') };
}
