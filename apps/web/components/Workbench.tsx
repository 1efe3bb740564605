'use client';
import { Button, Card, EmptyState, ErrorCallout } from '@spark/ui';
import { forwardRef, type FormEvent, type ReactNode } from 'react';
import { describeApiError, unclaimedErrors, type FieldErrors } from '@/lib/field-errors';
import { ApiErrorCallout } from './Notices';

/** Form on the left (sticky, scrolling on its own at desktop width), results on the right; stacked on a phone. */
export function Workbench({ form, children, wide = false }: { form: ReactNode; children: ReactNode; wide?: boolean }) {
  return (
    <div className={wide ? 'sw-workbench sw-workbench--wide' : 'sw-workbench'}>
      <div className="sw-workbench-form">{form}</div>
      <div className="sw-workbench-results">{children}</div>
    </div>
  );
}

export interface FormPanelProps {
  label: string;
  onSubmit: () => void;
  submitLabel: string;
  busy?: boolean;
  disabled?: boolean;
  /** Errors of the form (client and server), to summarise those no field shows and count the rest. */
  errors: FieldErrors;
  /** Request paths the visible fields show errors for. */
  claimed: readonly string[];
  /** Show the summary (after a submit attempt). */
  attempted: boolean;
  header?: ReactNode;
  /** Always-visible state above the submit button (e.g. the optimizer's combination count). */
  status?: ReactNode;
  footerNote?: ReactNode;
  extraActions?: ReactNode;
  children: ReactNode;
}

/** The research form: sections, then a sticky footer with the submit button and what stops it. */
export const FormPanel = forwardRef<HTMLFormElement, FormPanelProps>(function FormPanel(
  { label, onSubmit, submitLabel, busy, disabled, errors, claimed, attempted, header, status, footerNote, extraActions, children },
  ref,
) {
  const count = Object.keys(errors).length;
  const others = unclaimedErrors(errors, claimed);
  return (
    <form
      ref={ref}
      className="sw-form-panel"
      aria-label={label}
      noValidate
      onSubmit={(e: FormEvent) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      {header && <div className="sw-form-header">{header}</div>}
      <div className="sw-form-body">{children}</div>
      <div className="sw-form-footer">
        {status}
        {others.length > 0 && <ErrorCallout title="Also fix" errors={others} />}
        {attempted && count > 0 && others.length === 0 && (
          <p className="sw-form-blocked" role="alert">
            {count === 1 ? 'One field needs' : `${count} fields need`} attention before this can run.
          </p>
        )}
        <div className="sw-row-end">
          {extraActions}
          <Button type="submit" variant="primary" loading={busy} disabled={disabled} data-testid="submit">
            {submitLabel}
          </Button>
        </div>
        {footerNote && <p className="sw-note">{footerNote}</p>}
      </div>
    </form>
  );
});

export interface ResultAreaProps<T> {
  /** The request's state, as a react-query mutation gives it. */
  run: { data: T | undefined; error: unknown; isPending: boolean };
  onRetry: () => void;
  /** What is being computed, shown with a spinner while the first result is pending. */
  pendingLabel: ReactNode;
  empty: { title: string; description: string };
  children: (data: T) => ReactNode;
}

/**
 * The results column of a research page: the API error in words, then the
 * result (dimmed while a new one is computed), a spinner before the first
 * one, or what to do when there is nothing yet.
 */
export function ResultArea<T>({ run, onRetry, pendingLabel, empty, children }: ResultAreaProps<T>) {
  return (
    <>
      {run.error ? <ApiErrorCallout view={describeApiError(run.error)} onRetry={onRetry} /> : null}
      {run.data !== undefined ? (
        <div className={run.isPending ? 'sw-stale' : undefined} aria-busy={run.isPending}>
          {children(run.data)}
        </div>
      ) : run.isPending ? (
        <Card>
          <div className="sw-loading" role="status">
            <span className="sp-spinner" aria-hidden="true" /> {pendingLabel}
          </div>
        </Card>
      ) : (
        !run.error && (
          <Card>
            <EmptyState title={empty.title} description={empty.description} />
          </Card>
        )
      )}
    </>
  );
}
