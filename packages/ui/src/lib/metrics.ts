/**
 * What each metric means and how to show it. Names follow the engine's
 * metrics contract; conventions: returns and drawdowns are fractions
 * (0.12 = 12 %), maxDrawdown is negative or zero, ratios are annualised.
 */
import {
  MISSING,
  formatCurrency,
  formatInteger,
  formatNumber,
  formatPercent,
  signTone,
  humanizeName,
  type Tone,
} from './format';
import type { MetricValues } from '../types';

export type MetricFormat = 'ratio' | 'percent' | 'signedPercent' | 'currency' | 'integer' | 'probability';

/**
 * How a value is coloured: `sign` (positive good, negative bad), `drawdown`
 * (any loss from the peak is bad), `aboveOne` (profit factor: > 1 good),
 * `lowerIsBetter` for probabilities of failure (> 0.5 bad), `none`.
 */
export type MetricToneRule = 'sign' | 'drawdown' | 'aboveOne' | 'lowerIsBetter' | 'higherIsBetter' | 'none';

export interface MetricDefinition {
  label: string;
  format: MetricFormat;
  tone: MetricToneRule;
  /** One line a trader reads to know what the number says. */
  hint: string;
}

export const METRIC_DEFINITIONS: Readonly<Record<string, MetricDefinition>> = {
  totalReturn: { label: 'Total return', format: 'signedPercent', tone: 'sign', hint: 'Final equity over initial capital, minus one.' },
  cagr: { label: 'CAGR', format: 'signedPercent', tone: 'sign', hint: 'Compound annual growth rate over the tested period.' },
  pnl: { label: 'PnL', format: 'currency', tone: 'sign', hint: 'Final minus initial equity, after fees and slippage.' },
  finalEquity: { label: 'Final equity', format: 'currency', tone: 'none', hint: 'Account value after the last bar.' },
  sharpe: { label: 'Sharpe', format: 'ratio', tone: 'sign', hint: 'Annualised mean over stdev of bar returns; risk-free rate 0.' },
  sortino: { label: 'Sortino', format: 'ratio', tone: 'sign', hint: 'Like Sharpe, but only downside deviation counts as risk.' },
  calmar: { label: 'Calmar', format: 'ratio', tone: 'sign', hint: 'CAGR divided by the absolute maximum drawdown.' },
  maxDrawdown: { label: 'Max drawdown', format: 'percent', tone: 'drawdown', hint: 'Deepest fall of equity from a previous peak.' },
  trades: { label: 'Trades', format: 'integer', tone: 'none', hint: 'Closed round trips, including the one closed at the end.' },
  winRate: { label: 'Win rate', format: 'percent', tone: 'none', hint: 'Share of trades with a profit after fees.' },
  profitFactor: { label: 'Profit factor', format: 'ratio', tone: 'aboveOne', hint: 'Gross profit over gross loss; above 1 makes money.' },
  avgTradeReturn: { label: 'Avg trade', format: 'signedPercent', tone: 'sign', hint: 'Mean fractional return per trade, after fees.' },
  exposure: { label: 'Exposure', format: 'percent', tone: 'none', hint: 'Share of bars with an open position.' },
  maxConsecutiveLosses: { label: 'Max losing streak', format: 'integer', tone: 'none', hint: 'Longest run of losing trades in a row.' },
  avgCorrelation: { label: 'Avg correlation', format: 'ratio', tone: 'none', hint: 'Mean pairwise correlation of the symbols’ bar returns.' },
  individualAvgSharpe: { label: 'Avg single Sharpe', format: 'ratio', tone: 'sign', hint: 'Mean Sharpe of the symbols traded alone.' },
  diversificationBenefit: { label: 'Diversification', format: 'ratio', tone: 'sign', hint: 'Portfolio Sharpe minus the average single-symbol Sharpe.' },
  turnover: { label: 'Turnover', format: 'ratio', tone: 'none', hint: 'Traded notional from rebalancing over average equity.' },
  totalCosts: { label: 'Costs', format: 'currency', tone: 'none', hint: 'Fees and slippage paid on rebalancing trades.' },
  walkForwardEfficiency: { label: 'WF efficiency', format: 'ratio', tone: 'higherIsBetter', hint: 'Out-of-sample over in-sample performance; near 1 holds up.' },
  pbo: { label: 'PBO', format: 'probability', tone: 'lowerIsBetter', hint: 'Probability the best in-sample pick underperforms out of sample.' },
  psr: { label: 'PSR', format: 'probability', tone: 'higherIsBetter', hint: 'Probability the true Sharpe is above zero, given skew and fat tails.' },
  dsr: { label: 'Deflated Sharpe', format: 'probability', tone: 'higherIsBetter', hint: 'PSR corrected for the number of parameter sets tried.' },
};

/** The cards MetricCards shows for a backtest when no `keys` are given. */
export const DEFAULT_METRIC_KEYS: readonly string[] = [
  'totalReturn',
  'cagr',
  'pnl',
  'sharpe',
  'sortino',
  'calmar',
  'maxDrawdown',
  'trades',
  'winRate',
  'profitFactor',
  'avgTradeReturn',
  'exposure',
];

export interface MetricDisplay {
  key: string;
  label: string;
  /** The full value as read aloud, e.g. "-61,566.05 USDT". */
  text: string;
  /** Set for money values: `text` without the unit, and the unit, so the unit can be set smaller. */
  amount?: string;
  unit?: string;
  tone: Tone;
  hint: string;
  /** Why the value reads as it does, when it is not a plain number (e.g. "no losing trade"). */
  note?: string;
}

function toneFor(rule: MetricToneRule, value: number): Tone {
  switch (rule) {
    case 'sign':
      return signTone(value);
    case 'drawdown':
      return value < 0 ? 'down' : 'neutral';
    case 'aboveOne':
      return value > 1 ? 'up' : value < 1 ? 'down' : 'neutral';
    case 'lowerIsBetter':
      return value > 0.5 ? 'down' : value < 0.5 ? 'up' : 'neutral';
    case 'higherIsBetter':
      return value > 0.5 ? 'up' : value < 0.5 ? 'down' : 'neutral';
    case 'none':
      return 'neutral';
  }
}

function formatByKind(format: MetricFormat, value: number, currency: string): string {
  switch (format) {
    case 'ratio':
      return formatNumber(value, { digits: 2 });
    case 'percent':
      return formatPercent(value, { digits: 2 });
    case 'signedPercent':
      return formatPercent(value, { digits: 2, signed: true });
    case 'currency':
      return formatCurrency(value, currency, { digits: 2, signed: false });
    case 'integer':
      return formatInteger(value);
    case 'probability':
      return formatPercent(value, { digits: 1 });
  }
}

export interface DescribeMetricOptions {
  currency?: string;
  /** The trade count, used to tell "no trades" from "no losing trade" for a null profit factor. */
  trades?: number | null;
  definitions?: Readonly<Record<string, MetricDefinition>>;
}

/**
 * Label, formatted text, colour tone and hint for one metric. A missing value
 * shows "—" ("not reported"); NaN shows "—" ("not defined for this run").
 * `profitFactor: null` is the engine's "no losing trade": "∞" when there were
 * trades, "n/a" when there were none.
 */
export function describeMetric(key: string, value: number | null | undefined, options: DescribeMetricOptions = {}): MetricDisplay {
  const definitions = options.definitions ?? METRIC_DEFINITIONS;
  const def: MetricDefinition = definitions[key] ?? {
    label: humanizeName(key),
    format: 'ratio',
    tone: 'none',
    hint: '',
  };
  const base = { key, label: def.label, hint: def.hint };
  if (value === undefined) return { ...base, text: MISSING, tone: 'neutral', note: 'not reported' };
  if (value === null) {
    if (key === 'profitFactor') {
      if (options.trades === 0) return { ...base, text: 'n/a', tone: 'neutral', note: 'no trades' };
      return { ...base, text: '∞', tone: 'up', note: 'no losing trade' };
    }
    return { ...base, text: MISSING, tone: 'neutral', note: 'not defined for this run' };
  }
  if (Number.isNaN(value)) return { ...base, text: MISSING, tone: 'neutral', note: 'not defined for this run' };
  const currency = options.currency ?? 'USDT';
  const text = formatByKind(def.format, value, currency);
  const tone = toneFor(def.tone, value);
  if (def.format === 'currency') return { ...base, text, amount: formatNumber(value, { digits: 2 }), unit: currency, tone };
  return { ...base, text, tone };
}

/** One metric from a metrics object: its number or null, or undefined when absent or not a number. */
export function metricValue(metrics: MetricValues | null | undefined, key: string): number | null | undefined {
  if (!metrics) return undefined;
  const v = (metrics as Record<string, unknown>)[key];
  return typeof v === 'number' || v === null ? v : undefined;
}

/** Describes the metrics listed in `keys` (default: the backtest set), in that order. */
export function describeMetrics(metrics: MetricValues, keys: readonly string[] = DEFAULT_METRIC_KEYS, options: DescribeMetricOptions = {}): MetricDisplay[] {
  const trades = options.trades ?? metricValue(metrics, 'trades') ?? undefined;
  return keys.map((key) => describeMetric(key, metricValue(metrics, key), { ...options, trades }));
}
