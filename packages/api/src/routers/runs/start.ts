import { z } from 'zod';
import { optimizeInput } from '../../schemas/optimize';
import { portfolioInput } from '../../schemas/portfolio';
import { runInput } from '../../schemas/run';
import { walkforwardInput } from '../../schemas/walkforward';
import type { ImplementationContext } from '../../services/implementations/types';
import { precheckOptimize } from '../../services/optimizer';
import { selectImplementation } from '../../services/procedure-modes';
import { optimizeOutcome, portfolioOutcome, runOutcome, walkforwardOutcome } from '../../services/summaries';
import { publicProcedure } from '../../trpc';

export const startRunInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('optimize'), request: optimizeInput }),
  z.object({ kind: z.literal('walkforward'), request: walkforwardInput }),
  z.object({ kind: z.literal('run'), request: runInput }),
  z.object({ kind: z.literal('portfolio'), request: portfolioInput }),
]);
export type StartRunInput = z.infer<typeof startRunInput>;

/** Queues a long job (an optimization, a multi-fold walk-forward, ...) and returns its run id at once. */
export const startRun = publicProcedure
  .meta({
    role: 'trader',
    limits: ['optimize'],
    // tRPC and the SDK only: a discriminated union has no single REST body schema. REST clients
    // call the synchronous procedures, or poll GET /api/backtest/runs/{id} for jobs started here.
    audit: 'run.start',
  })
  .input(startRunInput)
  .output(z.object({ runId: z.string(), status: z.literal('queued'), mock: z.boolean(), queue: z.object({ queued: z.number(), running: z.number(), maxDepth: z.number() }) }))
  .mutation(async ({ ctx, input }) => {
    const { deps } = ctx;
    if (input.kind === 'optimize') precheckOptimize(input.request, deps.config.optimizerMaxCombinations);
    const { impl, mock } = await selectImplementation(deps, input.kind);
    const runId = await deps.jobs.enqueue(deps, {
      kind: input.kind,
      input: input.request,
      principal: ctx.principal,
      mock,
      execute: async ({ signal, onProgress }) => {
        const context: ImplementationContext = { deps, signal, onProgress };
        switch (input.kind) {
          case 'optimize':
            return optimizeOutcome(await impl.optimize(input.request, context));
          case 'walkforward':
            return walkforwardOutcome(await impl.walkforward(input.request, context));
          case 'run':
            return runOutcome(await impl.run(input.request, context));
          case 'portfolio':
            return portfolioOutcome(await impl.portfolio(input.request, context));
        }
      },
    });
    return { runId, status: 'queued' as const, mock, queue: deps.jobs.stats() };
  });
