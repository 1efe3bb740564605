import { optimizeInput, optimizeOutput } from '../../schemas/optimize';
import { precheckOptimize } from '../../services/optimizer';
import { executeRecorded } from '../../services/runs';
import { optimizeOutcome } from '../../services/summaries';
import { flaggedProcedure } from '../../trpc';

export const optimizeProcedure = flaggedProcedure
  .meta({
    flag: 'optimize',
    role: 'trader',
    limits: ['optimize'],
    openapi: { method: 'POST', path: '/backtest/optimize', tags: ['backtest'], protect: true, summary: 'Search strategy parameters (grid, TPE or genetic) and rank them' },
  })
  .input(optimizeInput)
  .output(optimizeOutput)
  .mutation(async ({ ctx, input }) => {
    try {
      precheckOptimize(input, ctx.deps.config.optimizerMaxCombinations);
    } catch (error) {
      ctx.deps.metrics.optRejected.inc({ reason: 'invalid_grid' });
      throw error;
    }
    const { runId, result } = await executeRecorded(ctx.deps, 'optimize', input, ctx.principal, ctx.mock, async () =>
      optimizeOutcome(await ctx.impl.optimize(input, { deps: ctx.deps })),
    );
    return { ok: true as const, mock: ctx.mock, runId, result };
  });
