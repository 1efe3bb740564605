'use client';

import { useId } from 'react';
import { formatInteger } from '../lib/format';
import { Button } from './Button';

export interface PagerProps {
  label: string;
  start: number;
  end: number;
  total: number;
  page: number;
  pageCount: number;
  pageSize: number;
  pageSizes: readonly number[];
  noun: string;
  onPage: (page: number) => void;
  onPageSize: (size: number) => void;
}

/** Page navigation under a table: range text, rows-per-page choice, first/previous/next/last. */
export function Pager({ label, start, end, total, page, pageCount, pageSize, pageSizes, noun, onPage, onPageSize }: PagerProps) {
  const selectId = useId();
  return (
    <nav className="sp-pager" aria-label={label}>
      <span className="sp-pager-info" aria-live="polite">
        {total === 0 ? `No ${noun}` : `${formatInteger(start + 1)}–${formatInteger(end)} of ${formatInteger(total)} ${noun}`}
      </span>
      <div className="sp-pager-controls">
        <label htmlFor={selectId}>Rows per page</label>
        <select id={selectId} className="sp-select" value={pageSize} onChange={(e) => onPageSize(Number(e.target.value))}>
          {pageSizes.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <Button size="sm" variant="ghost" onClick={() => onPage(0)} disabled={page === 0} aria-label="First page">
          «
        </Button>
        <Button size="sm" onClick={() => onPage(page - 1)} disabled={page === 0} aria-label="Previous page">
          ‹ Prev
        </Button>
        <span>
          Page {formatInteger(page + 1)} of {formatInteger(pageCount)}
        </span>
        <Button size="sm" onClick={() => onPage(page + 1)} disabled={page >= pageCount - 1} aria-label="Next page">
          Next ›
        </Button>
        <Button size="sm" variant="ghost" onClick={() => onPage(pageCount - 1)} disabled={page >= pageCount - 1} aria-label="Last page">
          »
        </Button>
      </div>
    </nav>
  );
}
