/**
 * Form state of the research pages. Each form is the editable twin of an API
 * request: number fields hold what the user typed (`NumText`: a number, or text
 * that is not a number yet), so validation can explain a half-typed value.
 */
export type NumText = number | string;
export type ParamValue = number | string;

/** The four procedures a page's form (and a preset) belongs to. */
export type Procedure = 'run' | 'walkforward' | 'portfolio' | 'optimize';

export interface SeriesForm {
  exchange: string;
  symbol: string;
  timeframe: string;
  /** `YYYY-MM-DD`, UTC midnight. */
  start: string;
  /** `YYYY-MM-DD`, UTC midnight; candles open before it. */
  end: string;
}

export interface CostsForm {
  initialCapital: NumText;
  feeBps: NumText;
  slippageBps: NumText;
}

export interface StrategyForm {
  name: string;
  /** Only the parameters set explicitly; the rest take the registry default. */
  params: Record<string, NumText>;
}

export interface BacktestForm extends SeriesForm, CostsForm {
  strategy: StrategyForm;
}

/** One searched parameter of an optimizer grid: an inclusive range with a step, or an explicit list. */
export interface GridAxisForm {
  on: boolean;
  mode: 'range' | 'list';
  min: NumText;
  max: NumText;
  step: NumText;
  /** Comma-separated values (numbers, or option names for an enum parameter). */
  list: string;
}

export type GridForm = Record<string, GridAxisForm>;

export const optimizerMethods = ['grid', 'tpe', 'genetic'] as const;
export type OptimizerMethod = (typeof optimizerMethods)[number];

export interface OptimizeForm extends SeriesForm, CostsForm {
  strategy: StrategyForm;
  grid: GridForm;
  method: OptimizerMethod;
  objective: string;
  /** Evaluations for TPE/genetic; empty for the API default. */
  budget: NumText;
  seed: NumText;
  top: NumText;
}

export interface WalkforwardForm extends SeriesForm, CostsForm {
  strategy: StrategyForm;
  wfMode: 'simple' | 'folds';
  trainRatio: NumText;
  testRatio: NumText;
  /** Empty for the server's WFO_THRESHOLD. */
  threshold: NumText;
  folds: NumText;
  foldMode: 'rolling' | 'anchored';
  inSampleRatio: NumText;
  method: OptimizerMethod;
  objective: string;
  budget: NumText;
  seed: NumText;
  monteCarloSamples: NumText;
  /** Values each fold's optimizer may choose from; off: a neighbourhood of the strategy params. */
  customGrid: boolean;
  grid: GridForm;
}

export const rebalanceModes = ['none', 'daily', 'weekly'] as const;

export interface PortfolioForm extends Omit<SeriesForm, 'symbol'>, CostsForm {
  symbols: string[];
  /** Capital shares, one per symbol, always summing to 1. */
  weights: number[];
  strategy: StrategyForm;
  rebalance: (typeof rebalanceModes)[number];
  minTrade: NumText;
}
