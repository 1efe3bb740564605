import { createRouter } from '../../trpc';
import { listFlags } from './list';
import { setFlag } from './set';

export const flagsRouter = createRouter({ list: listFlags, set: setFlag });
