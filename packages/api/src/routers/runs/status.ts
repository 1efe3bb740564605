import { listRuns, runStats } from '@spark/db';
import { z } from 'zod';
import { publicProcedure } from '../../trpc';
import { listRunsInput, runSummarySchema } from './schemas';

export const runsStatus = publicProcedure
  .meta({ openapi: { method: 'GET', path: '/backtest/status', tags: ['runs'], summary: 'Runs, newest first, with counts by status' } })
  .input(listRunsInput)
  .output(
    z.object({
      runs: z.array(runSummarySchema),
      page: z.object({ limit: z.number(), offset: z.number(), matching: z.number() }),
      stats: z.object({ total: z.number(), running: z.number(), queued: z.number(), done: z.number(), failed: z.number() }),
      queue: z.object({ queued: z.number(), running: z.number(), maxDepth: z.number() }),
    }),
  )
  .query(async ({ ctx, input }) => {
    const { db } = ctx.deps.database;
    const [{ runs, matching }, stats] = await Promise.all([listRuns(db, input), runStats(db)]);
    return {
      runs: runs.map((r) => ({ ...r, summary: r.summary ?? null, progress: r.progress ?? null })),
      page: { limit: input.limit, offset: input.offset, matching },
      stats,
      queue: ctx.deps.jobs.stats(),
    };
  });
