import { createRouter } from '../../trpc';
import { optimizeProcedure } from './optimize';
import { portfolioProcedure } from './portfolio';
import { runBacktestProcedure } from './run';
import { walkforwardProcedure } from './walkforward';

export const backtestRouter = createRouter({
  run: runBacktestProcedure,
  walkforward: walkforwardProcedure,
  portfolio: portfolioProcedure,
  optimize: optimizeProcedure,
});
