import { setFeatureFlag } from '@spark/db';
import { z } from 'zod';
import { procedureKeys } from '../../procedure-keys';
import { publishModes, readProcedureModes } from '../../services/procedure-modes';
import { publicProcedure } from '../../trpc';
import { flagOutput } from './list';

export const setFlagInput = z.object({
  key: z.enum(procedureKeys),
  mode: z.enum(['real', 'mock']),
});

export const setFlag = publicProcedure
  .meta({ role: 'admin', audit: 'flag.set', openapi: { method: 'POST', path: '/flags', tags: ['admin'], protect: true } })
  .input(setFlagInput)
  .output(flagOutput)
  .mutation(async ({ ctx, input }) => {
    const row = await setFeatureFlag(ctx.deps.database.db, input.key, input.mode, ctx.principal.actor);
    ctx.deps.metrics.flagChanges.inc({ procedure: input.key, mode: input.mode });
    publishModes(ctx.deps.metrics, await readProcedureModes(ctx.deps.database.db, ctx.deps.config.safeMode));
    return {
      key: input.key,
      mode: row.mode,
      effectiveMode: ctx.deps.config.safeMode ? 'mock' : row.mode,
      updatedBy: row.updatedBy,
      updatedAt: row.updatedAt,
    };
  });
