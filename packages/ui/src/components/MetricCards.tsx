import type { MetricValues } from '../types';
import { DEFAULT_METRIC_KEYS, METRIC_DEFINITIONS, describeMetrics, type MetricDefinition } from '../lib/metrics';
import { cx } from './cx';

export interface MetricCardsProps {
  metrics: MetricValues;
  /** Which metrics to show, in order (default: the backtest set). */
  keys?: readonly string[];
  /** Quote currency for money values (default "USDT"). */
  currency?: string;
  /** Extra or overriding definitions (label, format, tone, hint) by key. */
  definitions?: Readonly<Record<string, MetricDefinition>>;
  /** Hide the one-line hints (e.g. in a dense side panel). */
  compact?: boolean;
  /** Accessible name of the group (default "Metrics"). */
  label?: string;
  className?: string;
}

/**
 * A grid of metric cards with correct formats (percent, currency, ratio),
 * sign colouring, and a one-line hint each. A null profit factor reads "∞"
 * ("no losing trade") or "n/a" when there were no trades. Marked up as a
 * description list, so a screen reader reads "Sharpe, 1.23".
 *
 * @example <MetricCards metrics={result.metrics} />
 * @example <MetricCards metrics={portfolio} keys={['sharpe', 'individualAvgSharpe', 'diversificationBenefit', 'avgCorrelation']} />
 */
export function MetricCards({ metrics, keys = DEFAULT_METRIC_KEYS, currency = 'USDT', definitions, compact = false, label = 'Metrics', className }: MetricCardsProps) {
  const items = describeMetrics(metrics, keys, {
    currency,
    definitions: definitions ? { ...METRIC_DEFINITIONS, ...definitions } : METRIC_DEFINITIONS,
  });
  return (
    <dl className={cx('sp-metrics', className)} aria-label={label}>
      {items.map((m) => (
        <div key={m.key} className="sp-metric" data-metric={m.key}>
          <dt className="sp-metric-label">{m.label}</dt>
          <dd className={cx('sp-metric-value', `sp-tone-${m.tone}`)} title={m.note ?? m.text}>
            {m.unit ? (
              <>
                <span className="sp-metric-amount">{m.amount}</span> <span className="sp-metric-unit">{m.unit}</span>
              </>
            ) : (
              m.text
            )}
            {m.note && <span className="sp-visually-hidden"> ({m.note})</span>}
          </dd>
          {m.note && (
            <dd className="sp-metric-note" aria-hidden="true">
              {m.note}
            </dd>
          )}
          {!compact && m.hint && (
            <dd className="sp-metric-hint">
              {m.hint}
            </dd>
          )}
        </div>
      ))}
    </dl>
  );
}
