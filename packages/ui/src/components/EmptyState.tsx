import type { ReactNode } from 'react';
import { cx } from './cx';

export interface EmptyStateProps {
  title: string;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
}

/**
 * What a region shows when there is nothing yet, saying why and what to do.
 *
 * @example <EmptyState title="No runs yet" description="Run a backtest to see it here." action={<Button>New backtest</Button>} />
 */
export function EmptyState({ title, description, action, className }: EmptyStateProps) {
  return (
    <div className={cx('sp-empty', className)}>
      <p className="sp-empty-title">{title}</p>
      {description && <p className="sp-empty-desc">{description}</p>}
      {action}
    </div>
  );
}
