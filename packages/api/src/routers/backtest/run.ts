import { runInput, runOutput } from '../../schemas/run';
import { executeRecorded } from '../../services/runs';
import { runOutcome } from '../../services/summaries';
import { flaggedProcedure } from '../../trpc';

export const runBacktestProcedure = flaggedProcedure
  .meta({
    flag: 'run',
    limits: ['viewer_backtest'],
    openapi: { method: 'POST', path: '/backtest/run', tags: ['backtest'], summary: 'Backtest one strategy on one series' },
  })
  .input(runInput)
  .output(runOutput)
  .mutation(async ({ ctx, input }) => {
    const { runId, result } = await executeRecorded(ctx.deps, 'run', input, ctx.principal, ctx.mock, async () =>
      runOutcome(await ctx.impl.run(input, { deps: ctx.deps })),
    );
    return { ok: true as const, mock: ctx.mock, runId, result };
  });
