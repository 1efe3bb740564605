import { runInput } from '@spark/api/schemas';
import { isRecord } from './coerce';
import { DEFAULT_COSTS, DEFAULT_SERIES, DEFAULT_STRATEGY, costsFrom, costsRequest, seriesFrom, seriesRequest, strategyFrom, strategyRequest } from './common';
import type { PageForm } from './page-form';
import type { BacktestForm } from './types';

export const backtestPage: PageForm<BacktestForm> = {
  procedure: 'run',
  path: '/backtest',
  title: 'Backtest',
  schema: runInput,
  defaults: () => ({ ...DEFAULT_SERIES, ...DEFAULT_COSTS, strategy: { name: DEFAULT_STRATEGY, params: {} } }),
  toRequest: (form) => ({ ...seriesRequest(form), strategy: strategyRequest(form.strategy), ...costsRequest(form) }),
  fromRequest(request) {
    const r = isRecord(request) ? request : {};
    return { ...seriesFrom(r), ...costsFrom(r), strategy: strategyFrom(r.strategy) };
  },
};
