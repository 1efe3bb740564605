import { walkforwardInput } from '@spark/api/schemas';
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
import { optimizerMethods, type WalkforwardForm } from './types';

/** walkforwardConfigSchema's defaults. */
export const WALKFORWARD_DEFAULTS = {
  trainRatio: 0.6,
  testRatio: 0.4,
  folds: 5,
  inSampleRatio: 0.75,
  seed: 1,
  monteCarloSamples: 1_000,
} as const;

function configRequest(form: WalkforwardForm): Record<string, unknown> {
  const threshold = optionalNumber(form.threshold);
  const common = threshold === undefined ? {} : { threshold };
  if (form.wfMode === 'simple') {
    return { trainRatio: numberOrText(form.trainRatio), testRatio: numberOrText(form.testRatio), ...common };
  }
  const budget = optionalNumber(form.budget);
  return {
    folds: numberOrText(form.folds),
    mode: form.foldMode,
    inSampleRatio: numberOrText(form.inSampleRatio),
    method: form.method,
    objective: form.objective,
    ...(form.method !== 'grid' && budget !== undefined ? { budget } : {}),
    seed: numberOrText(form.seed),
    monteCarloSamples: numberOrText(form.monteCarloSamples),
    ...(form.customGrid ? { grid: gridToRequest(form.grid).grid } : {}),
    ...common,
  };
}

export const walkforwardPage: PageForm<WalkforwardForm> = {
  procedure: 'walkforward',
  path: '/walkforward',
  title: 'Walk-forward',
  schema: walkforwardInput,
  defaults: () => ({
    ...DEFAULT_SERIES,
    ...DEFAULT_COSTS,
    strategy: { name: DEFAULT_STRATEGY, params: {} },
    wfMode: 'simple',
    trainRatio: WALKFORWARD_DEFAULTS.trainRatio,
    testRatio: WALKFORWARD_DEFAULTS.testRatio,
    threshold: '',
    folds: WALKFORWARD_DEFAULTS.folds,
    foldMode: 'rolling',
    inSampleRatio: WALKFORWARD_DEFAULTS.inSampleRatio,
    method: 'grid',
    objective: 'sharpe',
    budget: '',
    seed: WALKFORWARD_DEFAULTS.seed,
    monteCarloSamples: WALKFORWARD_DEFAULTS.monteCarloSamples,
    customGrid: false,
    grid: {},
  }),
  toRequest: (form) => ({
    ...seriesRequest(form),
    strategy: strategyRequest(form.strategy),
    ...costsRequest(form),
    config: configRequest(form),
  }),
  fromRequest(request) {
    const r = isRecord(request) ? request : {};
    const c = isRecord(r.config) ? r.config : {};
    const grid = gridFromRequest(c.grid);
    const folds = c.folds !== undefined;
    return {
      ...seriesFrom(r),
      ...costsFrom(r),
      strategy: strategyFrom(r.strategy),
      wfMode: folds ? 'folds' : 'simple',
      trainRatio: toNumText(c.trainRatio, WALKFORWARD_DEFAULTS.trainRatio),
      testRatio: toNumText(c.testRatio, WALKFORWARD_DEFAULTS.testRatio),
      threshold: toOptionalNumText(c.threshold),
      folds: toNumText(c.folds, WALKFORWARD_DEFAULTS.folds),
      foldMode: toChoice(c.mode, ['rolling', 'anchored'] as const, 'rolling'),
      inSampleRatio: toNumText(c.inSampleRatio, WALKFORWARD_DEFAULTS.inSampleRatio),
      method: toChoice(c.method, optimizerMethods, 'grid'),
      objective: toText(c.objective, 'sharpe'),
      budget: toOptionalNumText(c.budget),
      seed: toNumText(c.seed, WALKFORWARD_DEFAULTS.seed),
      monteCarloSamples: toNumText(c.monteCarloSamples, WALKFORWARD_DEFAULTS.monteCarloSamples),
      customGrid: Object.keys(grid).length > 0,
      grid,
    };
  },
};
