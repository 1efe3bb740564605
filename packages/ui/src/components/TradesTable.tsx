'use client';

import { useEffect, useMemo, useState, type ReactNode } from 'react';
import type { TradeRecord } from '../types';
import { formatCurrency, formatInteger, formatPercent, formatPrice, formatQuantity, formatUtc, signTone, toIsoUtc } from '../lib/format';
import { paginate, sortedIndices, type SortDirection, type SortValue } from '../lib/table';
import { ReasonBadge, SideBadge } from './Badge';
import { EmptyState } from './EmptyState';
import { ErrorCallout } from './ErrorCallout';
import { Pager } from './Pager';
import { SortHeader } from './SortHeader';
import { cx } from './cx';

export type TradeColumnKey =
  | 'index'
  | 'side'
  | 'entryTime'
  | 'exitTime'
  | 'entryPrice'
  | 'exitPrice'
  | 'qty'
  | 'fees'
  | 'pnl'
  | 'return'
  | 'barsHeld'
  | 'reason';

interface Column {
  key: TradeColumnKey;
  header: string;
  title?: string;
  numeric?: boolean;
  value: (t: TradeRecord, index: number) => SortValue;
  render: (t: TradeRecord, index: number, currency: string) => ReactNode;
}

function timeCell(ms: number) {
  return <time dateTime={toIsoUtc(ms)}>{formatUtc(ms)}</time>;
}

const COLUMNS: readonly Column[] = [
  { key: 'index', header: '#', numeric: true, title: 'Trade number, in order of entry', value: (_, i) => i, render: (_, i) => i + 1 },
  { key: 'side', header: 'Side', value: (t) => t.side, render: (t) => <SideBadge side={t.side} /> },
  { key: 'entryTime', header: 'Entry (UTC)', value: (t) => t.entryTime, render: (t) => timeCell(t.entryTime) },
  { key: 'exitTime', header: 'Exit (UTC)', value: (t) => t.exitTime, render: (t) => timeCell(t.exitTime) },
  { key: 'entryPrice', header: 'Entry price', numeric: true, value: (t) => t.entryPrice, render: (t) => formatPrice(t.entryPrice) },
  { key: 'exitPrice', header: 'Exit price', numeric: true, value: (t) => t.exitPrice, render: (t) => formatPrice(t.exitPrice) },
  { key: 'qty', header: 'Qty', numeric: true, title: 'Quantity of the base asset', value: (t) => t.qty, render: (t) => formatQuantity(t.qty) },
  { key: 'fees', header: 'Fees', numeric: true, value: (t) => t.fees, render: (t, _, c) => formatCurrency(t.fees, c) },
  {
    key: 'pnl',
    header: 'PnL',
    numeric: true,
    title: 'Profit after fees',
    value: (t) => t.pnl,
    render: (t, _, c) => <span className={`sp-tone-${signTone(t.pnl)}`}>{formatCurrency(t.pnl, c, { signed: true })}</span>,
  },
  {
    key: 'return',
    header: 'Return',
    numeric: true,
    value: (t) => t.return,
    render: (t) => <span className={`sp-tone-${signTone(t.return)}`}>{formatPercent(t.return, { signed: true })}</span>,
  },
  { key: 'barsHeld', header: 'Bars', numeric: true, title: 'Bars held', value: (t) => t.barsHeld, render: (t) => formatInteger(t.barsHeld) },
  { key: 'reason', header: 'Exit', title: 'Why the trade closed', value: (t) => t.reason, render: (t) => <ReasonBadge reason={t.reason} /> },
];

export interface TradesTableProps {
  trades: readonly TradeRecord[];
  currency?: string;
  /** Page sizes offered (default 25, 50, 100, 250). */
  pageSizes?: readonly number[];
  defaultPageSize?: number;
  defaultSort?: { key: TradeColumnKey; direction: SortDirection };
  /** Table caption, read first by screen readers (default "Trades"). */
  caption?: string;
  /** Changing it returns to the first page, e.g. the run id (default: the trade count). */
  resetKey?: string | number;
  className?: string;
}

/**
 * Every trade of a run: sortable by any column (click a header; aria-sort
 * tells assistive technology), paginated with a page-size choice, times in
 * UTC, side and exit-reason badges, pnl coloured by sign. Sorting works on
 * row indices and only the visible page renders, so thousands of trades
 * stay responsive.
 *
 * @example <TradesTable trades={result.trades} currency="USDT" />
 */
export function TradesTable({
  trades,
  currency = 'USDT',
  pageSizes = [25, 50, 100, 250],
  defaultPageSize,
  defaultSort = { key: 'index', direction: 'asc' },
  caption = 'Trades',
  resetKey,
  className,
}: TradesTableProps) {
  const [sort, setSort] = useState(defaultSort);
  const [pageSize, setPageSize] = useState(defaultPageSize ?? pageSizes[0] ?? 25);
  const [page, setPage] = useState(0);

  // Back to the first page when a different result arrives, but not when the
  // same result is merely re-fetched (a new array with the same trades).
  const datasetKey = resetKey ?? trades.length;
  useEffect(() => {
    setPage(0);
  }, [datasetKey]);

  const isArray = Array.isArray(trades);
  const order = useMemo(() => {
    if (!isArray) return [];
    const col = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0]!;
    const indexed = trades.map((t, i) => ({ t, i }));
    return sortedIndices(indexed, ({ t, i }) => col.value(t, i), sort.direction);
  }, [trades, sort, isArray]);

  if (!isArray) {
    return <ErrorCallout title="Cannot show trades" message={`trades must be a list of trades; got ${typeof trades}`} field="trades" />;
  }
  if (trades.length === 0) {
    return <EmptyState title="No trades" description="The strategy never opened a position in this period." />;
  }

  const w = paginate(trades.length, page, pageSize);
  const rows = order.slice(w.start, w.end);

  const onSort = (key: TradeColumnKey) => {
    setSort((s) => (s.key === key ? { key, direction: s.direction === 'asc' ? 'desc' : 'asc' } : { key, direction: 'asc' }));
    setPage(0);
  };

  const sortedBy = COLUMNS.find((c) => c.key === sort.key)?.header ?? sort.key;

  return (
    <div className={cx('sp-trades', className)}>
      <div className="sp-table-wrap">
        <table className="sp-table">
          <caption className="sp-visually-hidden">
            {caption}, sorted by {sortedBy} {sort.direction === 'asc' ? 'ascending' : 'descending'}
          </caption>
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <SortHeader
                  key={c.key}
                  label={c.header}
                  title={c.title}
                  numeric={c.numeric}
                  direction={sort.key === c.key ? sort.direction : null}
                  onSort={() => onSort(c.key)}
                />
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((i) => {
              const t = trades[i]!;
              return (
                <tr key={i}>
                  {COLUMNS.map((c) => (
                    <td key={c.key} className={cx(c.numeric && 'sp-num')}>
                      {c.render(t, i, currency)}
                    </td>
                  ))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <Pager
        label="Trades pages"
        start={w.start}
        end={w.end}
        total={trades.length}
        page={w.page}
        pageCount={w.pageCount}
        pageSize={pageSize}
        pageSizes={pageSizes}
        noun="trades"
        onPage={setPage}
        onPageSize={(size) => {
          setPageSize(size);
          setPage(Math.floor(w.start / size));
        }}
      />
    </div>
  );
}
