import { createRouter } from '../../trpc';
import { runById } from './by-id';
import { cancelRun } from './cancel';
import { runProgress } from './progress';
import { startRun } from './start';
import { runsStatus } from './status';

export const runsRouter = createRouter({
  status: runsStatus,
  byId: runById,
  start: startRun,
  cancel: cancelRun,
  progress: runProgress,
});
