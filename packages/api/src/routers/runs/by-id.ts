import { getRun } from '@spark/db';
import { z } from 'zod';
import { ApiError } from '../../errors';
import { availableArtifacts } from '../../services/artifacts';
import { loadRunResult } from '../../services/runs';
import { publicProcedure } from '../../trpc';
import { runIdSchema, runSummarySchema } from './schemas';

export const runById = publicProcedure
  .meta({ openapi: { method: 'GET', path: '/backtest/runs/{id}', tags: ['runs'], summary: 'One run with its request and full result' } })
  .input(z.object({ id: runIdSchema }))
  .output(runSummarySchema.extend({ result: z.unknown().nullable(), artifacts: z.array(z.string()) }))
  .query(async ({ ctx, input }) => {
    const row = await getRun(ctx.deps.database.db, input.id);
    if (!row) throw new ApiError('NOT_FOUND', 'NOT_FOUND', `no run with id ${input.id}`, { field: 'id' });
    const result = await loadRunResult(ctx.deps, row);
    return { ...row, summary: row.summary ?? null, progress: row.progress ?? null, result, artifacts: availableArtifacts({ status: row.status, result }) };
  });
