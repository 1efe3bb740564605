import { walkforwardInput, walkforwardOutput } from '../../schemas/walkforward';
import { executeRecorded } from '../../services/runs';
import { walkforwardOutcome } from '../../services/summaries';
import { flaggedProcedure } from '../../trpc';

export const walkforwardProcedure = flaggedProcedure
  .meta({
    flag: 'walkforward',
    limits: ['viewer_backtest'],
    openapi: { method: 'POST', path: '/backtest/walkforward', tags: ['backtest'], summary: 'Walk-forward validation: a train/test split, or folds optimised in sample and tested out of sample' },
  })
  .input(walkforwardInput)
  .output(walkforwardOutput)
  .mutation(async ({ ctx, input }) => {
    const { runId, result } = await executeRecorded(ctx.deps, 'walkforward', input, ctx.principal, ctx.mock, async () =>
      walkforwardOutcome(await ctx.impl.walkforward(input, { deps: ctx.deps })),
    );
    return { ok: true as const, mock: ctx.mock, runId, result };
  });
