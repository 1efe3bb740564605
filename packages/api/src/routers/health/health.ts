import { z } from 'zod';
import { publicProcedure } from '../../trpc';
import { describeMode, publishModes, readProcedureModes } from '../../services/procedure-modes';

export const healthOutput = z.object({
  ok: z.boolean(),
  mode: z.string(),
  procedures: z.object({
    run: z.enum(['real', 'mock']),
    walkforward: z.enum(['real', 'mock']),
    portfolio: z.enum(['real', 'mock']),
    optimize: z.enum(['real', 'mock']),
  }),
  safeMode: z.boolean(),
  version: z.string(),
  database: z.enum(['pglite', 'postgres']),
  uptimeSeconds: z.number(),
});
export type HealthOutput = z.infer<typeof healthOutput>;

export const health = publicProcedure
  .input(z.void())
  .output(healthOutput)
  .query(async ({ ctx }) => {
    const { database, now, startedAtMs } = ctx.deps;
    const { safeMode, version } = ctx.deps.config;
    const procedures = await readProcedureModes(database.db, safeMode);
    publishModes(ctx.deps.metrics, procedures);
    return {
      ok: true,
      mode: describeMode(procedures),
      procedures,
      safeMode,
      version,
      database: database.kind,
      uptimeSeconds: Math.round((now() - startedAtMs) / 1000),
    };
  });
