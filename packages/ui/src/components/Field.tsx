import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import { cx } from './cx';

/** Attributes that wire an input to its label, hint and error. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
  'aria-required'?: true;
}

export interface FieldProps {
  label: ReactNode;
  /** Shown after the label in monospace, e.g. the parameter's identifier. */
  code?: string;
  hint?: ReactNode;
  /** The error in words, shown under the input; marks the input aria-invalid. */
  error?: string | null;
  required?: boolean;
  /** Reuse an id (e.g. for tests or anchors); generated otherwise. */
  id?: string;
  className?: string;
  /** One input element (it receives id and aria attributes), or a render function. */
  children: ReactElement<Partial<FieldControlProps>> | ((control: FieldControlProps) => ReactNode);
}

/**
 * Label + input + hint + error, wired for assistive technology: the label
 * points at the input, the hint and error are in `aria-describedby`, and an
 * error sets `aria-invalid`.
 *
 * @example
 * <Field label="Symbol" error={errors.symbol}><input className="sp-input" value={s} onChange={…} /></Field>
 */
export function Field({ label, code, hint, error, required, id, className, children }: FieldProps) {
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const control: FieldControlProps = {
    id: controlId,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(error ? { 'aria-invalid': true as const } : {}),
    ...(required ? { 'aria-required': true as const } : {}),
  };
  const rendered = typeof children === 'function' ? children(control) : isValidElement(children) ? cloneElement(children, control) : children;
  return (
    <div className={cx('sp-field', className)}>
      <label className="sp-label" htmlFor={controlId}>
        {label}
        {required && (
          <span className="sp-required" aria-hidden="true">
            *
          </span>
        )}
        {code && <span className="sp-label-code">{code}</span>}
      </label>
      {rendered}
      {hint && (
        <p className="sp-hint" id={hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="sp-field-error" id={errorId}>
          {error}
        </p>
      )}
    </div>
  );
}
