import { optimizeInput } from '@spark/api/schemas';
import { gridFromRequest, gridToRequest } from '../grid';
import { isRecord, numberOrText, toChoice, toNumText, toOptionalNumText, toText } from './coerce';
import {
  DEFAULT_COSTS,
  DEFAULT_SERIES,
  DEFAULT_STRATEGY,
  costsFrom,
  costsRequest,
  optionalNumber,
  seriesFrom,
  seriesRequest,
  strategyFrom,
  strategyRequest,
} from './common';
import type { PageForm } from './page-form';
import { optimizerMethods, type OptimizeForm } from './types';

export const optimizePage: PageForm<OptimizeForm> = {
  procedure: 'optimize',
  path: '/optimize',
  title: 'Optimizer',
  schema: optimizeInput,
  defaults: () => ({
    ...DEFAULT_SERIES,
    ...DEFAULT_COSTS,
    strategy: { name: DEFAULT_STRATEGY, params: {} },
    grid: {},
    method: 'grid',
    objective: 'sharpe',
    budget: '',
    seed: 1,
    top: 10,
  }),
  toRequest: (form) => ({
    ...seriesRequest(form),
    // A searched parameter's fixed value means nothing; leaving it out keeps its old value from tripping a rule.
    strategy: strategyRequest({ name: form.strategy.name, params: Object.fromEntries(Object.entries(form.strategy.params).filter(([k]) => !form.grid[k]?.on)) }),
    ...costsRequest(form),
    grid: gridToRequest(form.grid).grid,
    method: form.method,
    objective: form.objective,
    ...(form.method !== 'grid' && optionalNumber(form.budget) !== undefined ? { budget: optionalNumber(form.budget) } : {}),
    seed: numberOrText(form.seed),
    top: numberOrText(form.top),
  }),
  fromRequest(request) {
    const r = isRecord(request) ? request : {};
    return {
      ...seriesFrom(r),
      ...costsFrom(r),
      strategy: strategyFrom(r.strategy),
      grid: gridFromRequest(r.grid),
      method: toChoice(r.method, optimizerMethods, 'grid'),
      objective: toText(r.objective, 'sharpe'),
      budget: toOptionalNumText(r.budget),
      seed: toNumText(r.seed, 1),
      top: toNumText(r.top, 10),
    };
  },
};
