'use client';
import { Button } from '@spark/ui';
import { useEffect, useId, useRef, useState } from 'react';
import { maskApiKey, writeApiKey } from '@/lib/api-key';
import { useApiKey } from '@/lib/hooks';

/**
 * The API key control in the header: paste a trader or admin token, see it
 * masked, clear it. The key stays in this browser (localStorage) and is sent
 * with every API call as `Authorization: Bearer <key>`.
 */
export function ApiKeyControl() {
  const key = useApiKey();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');
  const panelId = useId();
  const inputId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    inputRef.current?.focus();
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('mousedown', onDown);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('mousedown', onDown);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const save = () => {
    if (!draft.trim()) return;
    writeApiKey(draft);
    setDraft('');
    setOpen(false);
  };

  return (
    <div className="sw-keyctl" ref={rootRef}>
      <button
        type="button"
        className="sp-btn sp-btn--ghost sp-btn--sm sw-keyctl-button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="api-key-button"
      >
        <span className={key ? 'sw-key-dot sw-key-dot--on' : 'sw-key-dot'} aria-hidden="true" />
        {key ? <span className="sp-mono">{maskApiKey(key)}</span> : 'API key'}
        <span className="sp-visually-hidden">{key ? ' (set; open to change or clear)' : ' (not set; open to paste one)'}</span>
      </button>
      {open && (
        <div className="sw-keyctl-panel" id={panelId} role="dialog" aria-label="API key">
          <p className="sw-keyctl-text">
            Viewing and backtesting need no key. Saving presets, optimizing and background runs need a <b>trader</b> key; the Admin page needs an{' '}
            <b>admin</b> key. The key is kept in this browser only.
          </p>
          {key && (
            <p className="sw-keyctl-current">
              Current: <span className="sp-mono">{maskApiKey(key)}</span>
            </p>
          )}
          <form
            className="sw-keyctl-form"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
          >
            <label className="sp-label" htmlFor={inputId}>
              {key ? 'Replace with' : 'Paste API key'}
            </label>
            <input
              ref={inputRef}
              id={inputId}
              className="sp-input sp-mono"
              type="password"
              autoComplete="off"
              spellCheck={false}
              placeholder="spk_…"
              value={draft}
              onChange={(e) => setDraft(e.target.value)}
            />
            <div className="sw-row-end">
              {key && (
                <Button
                  variant="danger"
                  size="sm"
                  onClick={() => {
                    writeApiKey(null);
                    setOpen(false);
                  }}
                >
                  Clear key
                </Button>
              )}
              <Button type="submit" variant="primary" size="sm" disabled={!draft.trim()}>
                Save key
              </Button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
