import type { ReactNode } from 'react';
import { cx } from './cx';

export interface ErrorItem {
  message: string;
  /** Path of the field that caused it, e.g. "strategy.params.emaSlow". */
  field?: string;
  code?: string;
}

export interface ErrorCalloutProps {
  /** Short summary (default "Could not complete the request"). */
  title?: string;
  /** The error in words. */
  message?: string;
  field?: string;
  code?: string;
  /** Several errors at once (e.g. every invalid field of a form). */
  errors?: readonly ErrorItem[];
  /** A way forward, e.g. a Retry button. */
  action?: ReactNode;
  className?: string;
}

/**
 * An error the user must notice, announced by screen readers (role="alert"),
 * with the field that caused it so they know what to fix.
 *
 * @example <ErrorCallout message="must be greater than emaFast (20); got 10" field="strategy.params.emaSlow" />
 */
export function ErrorCallout({ title = 'Could not complete the request', message, field, code, errors, action, className }: ErrorCalloutProps) {
  return (
    <div role="alert" className={cx('sp-callout', 'sp-callout--error', className)}>
      <span className="sp-callout-icon" aria-hidden="true">
        !
      </span>
      <div>
        <p className="sp-callout-title">{title}</p>
        {message && <p className="sp-callout-message">{message}</p>}
        {field && (
          <p className="sp-callout-field">
            Field: <code>{field}</code>
            {code && <> · code {code}</>}
          </p>
        )}
        {!field && code && <p className="sp-callout-field">Code: {code}</p>}
        {errors && errors.length > 0 && (
          <ul className="sp-callout-list">
            {errors.map((e, i) => (
              <li key={`${e.field ?? ''}-${i}`}>
                {e.field && <code className="sp-mono">{e.field}</code>}
                {e.field && ': '}
                {e.message}
              </li>
            ))}
          </ul>
        )}
        {action && <div className="sp-row sp-callout-action">{action}</div>}
      </div>
    </div>
  );
}
