import { z } from 'zod';
import { publicProcedure } from '../../trpc';
import { runIdSchema } from './schemas';

/** Server-sent events for one run: its state now, progress while it runs, then the result or the error. */
export const runProgress = publicProcedure
  .input(z.object({ id: runIdSchema }))
  .subscription(async function* ({ ctx, input, signal }) {
    yield* ctx.deps.jobs.events(ctx.deps, input.id, signal);
  });
