import { getRun } from '@spark/db';
import { z } from 'zod';
import { ApiError } from '../../errors';
import { publicProcedure } from '../../trpc';
import { runIdSchema } from './schemas';

export const cancelRun = publicProcedure
  .meta({ role: 'trader', audit: 'run.cancel', openapi: { method: 'POST', path: '/backtest/runs/{id}/cancel', tags: ['runs'], protect: true } })
  .input(z.object({ id: runIdSchema }))
  .output(z.object({ runId: z.string(), status: z.enum(['cancelled']) }))
  .mutation(async ({ ctx, input }) => {
    const row = await getRun(ctx.deps.database.db, input.id);
    if (!row) throw new ApiError('NOT_FOUND', 'NOT_FOUND', `no run with id ${input.id}`, { field: 'id' });
    if (ctx.principal.role !== 'admin' && row.actor !== ctx.principal.actor) {
      throw new ApiError('FORBIDDEN', 'FORBIDDEN', `run ${input.id} was started by ${row.actor}; only its owner or an admin may cancel it`);
    }
    if (row.status === 'done' || row.status === 'failed') {
      throw new ApiError('CONFLICT', 'CONFLICT', `run ${input.id} already finished (${row.status}); nothing to cancel`, { field: 'id' });
    }
    const outcome = await ctx.deps.jobs.cancel(ctx.deps, input.id, ctx.principal.actor);
    if (outcome !== 'cancelled') {
      throw new ApiError('CONFLICT', 'CONFLICT', `run ${input.id} is not a background job of this server (synchronous runs cannot be cancelled)`, { field: 'id' });
    }
    return { runId: input.id, status: 'cancelled' as const };
  });
