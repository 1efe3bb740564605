import { useId, type HTMLAttributes, type ReactNode } from 'react';
import { cx } from './cx';

export interface CardProps extends Omit<HTMLAttributes<HTMLElement>, 'title'> {
  title?: ReactNode;
  description?: ReactNode;
  /** Controls at the right of the header (buttons, badges). */
  actions?: ReactNode;
  /** Drop the body padding, e.g. for an edge-to-edge table. */
  flush?: boolean;
  children?: ReactNode;
}

/**
 * A titled surface. With a title it is a `<section>` labelled by that title,
 * so screen-reader users can jump between cards as landmarks.
 *
 * @example <Card title="Trades" actions={<Badge tone="neutral">1,204</Badge>} flush><TradesTable trades={t} /></Card>
 */
export function Card({ title, description, actions, flush, className, children, ...rest }: CardProps) {
  const titleId = useId();
  const hasHeader = title !== undefined || actions !== undefined;
  return (
    <section {...rest} className={cx('sp-card', className)} aria-labelledby={title !== undefined ? titleId : undefined}>
      {hasHeader && (
        <header className="sp-card-header">
          <div>
            {title !== undefined && (
              <h2 className="sp-card-title" id={titleId}>
                {title}
              </h2>
            )}
            {description !== undefined && <p className="sp-card-desc">{description}</p>}
          </div>
          {actions !== undefined && <div className="sp-card-actions">{actions}</div>}
        </header>
      )}
      <div className={cx('sp-card-body', flush && 'sp-card-body--flush')}>{children}</div>
    </section>
  );
}

export interface PanelProps extends Omit<HTMLAttributes<HTMLDivElement>, 'title'> {
  title?: ReactNode;
  children?: ReactNode;
}

/**
 * A quieter inset surface inside a card, for grouping (e.g. one walk-forward fold).
 *
 * @example <Panel title="Fold 2">…</Panel>
 */
export function Panel({ title, className, children, ...rest }: PanelProps) {
  return (
    <div {...rest} className={cx('sp-panel', className)}>
      {title !== undefined && <h3 className="sp-panel-title">{title}</h3>}
      {children}
    </div>
  );
}
