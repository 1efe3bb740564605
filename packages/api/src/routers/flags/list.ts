import { listFeatureFlags } from '@spark/db';
import { z } from 'zod';
import { procedureKeys } from '../../procedure-keys';
import { readProcedureModes } from '../../services/procedure-modes';
import { publicProcedure } from '../../trpc';

export const flagOutput = z.object({
  key: z.enum(procedureKeys),
  mode: z.enum(['real', 'mock']),
  /** What requests get now: `mock` for all in safe mode, whatever the stored mode. */
  effectiveMode: z.enum(['real', 'mock']),
  updatedBy: z.string(),
  updatedAt: z.date().nullable(),
});

export const listFlags = publicProcedure
  .meta({ role: 'admin', openapi: { method: 'GET', path: '/flags', tags: ['admin'], protect: true } })
  .input(z.void())
  .output(z.object({ safeMode: z.boolean(), flags: z.array(flagOutput) }))
  .query(async ({ ctx }) => {
    const { db } = ctx.deps.database;
    const rows = new Map((await listFeatureFlags(db)).map((r) => [r.key, r]));
    const effective = await readProcedureModes(db, ctx.deps.config.safeMode);
    return {
      safeMode: ctx.deps.config.safeMode,
      flags: procedureKeys.map((key) => ({
        key,
        mode: rows.get(key)?.mode ?? 'real',
        effectiveMode: effective[key],
        updatedBy: rows.get(key)?.updatedBy ?? 'default',
        updatedAt: rows.get(key)?.updatedAt ?? null,
      })),
    };
  });
