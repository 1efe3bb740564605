import { initTRPC } from '@trpc/server';
import superjson from 'superjson';
import type { Context } from './context';

/** The only initTRPC call: router factory, caller factory and base procedures come from here. */
const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Stack traces never reach the client, whatever NODE_ENV says.
    const { stack: _stack, ...data } = shape.data;
    return { ...shape, data: { ...data, cause: undefined } } as typeof shape;
  },
});

export const createRouter = t.router;
export const createCallerFactory = t.createCallerFactory;
export const publicProcedure = t.procedure;
