import { portfolioInput, portfolioOutput } from '../../schemas/portfolio';
import { executeRecorded } from '../../services/runs';
import { portfolioOutcome } from '../../services/summaries';
import { flaggedProcedure } from '../../trpc';

export const portfolioProcedure = flaggedProcedure
  .meta({
    flag: 'portfolio',
    limits: ['viewer_backtest'],
    openapi: { method: 'POST', path: '/backtest/portfolio', tags: ['backtest'], summary: 'One strategy over 1-10 symbols: correlation, combined equity, diversification benefit' },
  })
  .input(portfolioInput)
  .output(portfolioOutput)
  .mutation(async ({ ctx, input }) => {
    const { runId, result } = await executeRecorded(ctx.deps, 'portfolio', input, ctx.principal, ctx.mock, async () =>
      portfolioOutcome(await ctx.impl.portfolio(input, { deps: ctx.deps })),
    );
    return { ok: true as const, mock: ctx.mock, runId, result };
  });
