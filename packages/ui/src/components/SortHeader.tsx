import type { ReactNode } from 'react';
import type { SortDirection } from '../lib/table';
import { cx } from './cx';

export interface SortHeaderProps {
  label: ReactNode;
  /** This column's sort direction, or null when the table is sorted by another column. */
  direction: SortDirection | null;
  onSort: () => void;
  numeric?: boolean;
  title?: string;
}

/** A column header that sorts on click, announcing its state through aria-sort. */
export function SortHeader({ label, direction, onSort, numeric, title }: SortHeaderProps) {
  return (
    <th
      scope="col"
      className={cx(numeric && 'sp-num')}
      aria-sort={direction === 'asc' ? 'ascending' : direction === 'desc' ? 'descending' : undefined}
      title={title}
    >
      <button type="button" className="sp-sort-btn" onClick={onSort}>
        {label}
        <span className="sp-sort-icon" aria-hidden="true">
          {direction === 'desc' ? '▼' : direction === 'asc' ? '▲' : '↕'}
        </span>
      </button>
    </th>
  );
}
