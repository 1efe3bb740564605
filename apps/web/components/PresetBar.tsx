'use client';
import { Button } from '@spark/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { describeApiError, errorAt } from '@/lib/field-errors';
import type { Procedure } from '@/lib/forms/types';
import { useApiKey } from '@/lib/hooks';
import { useTRPC } from '@/lib/trpc';

/**
 * Load a saved preset into the page's form, or save the form as one (stored
 * server side, versioned by name). Saving needs a trader key.
 */
export function PresetBar({ procedure, request, onLoad }: { procedure: Procedure; request: Record<string, unknown>; onLoad: (request: unknown, name: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = useApiKey();
  const ids = useId();
  const presets = useQuery(trpc.presets.list.queryOptions({ procedure }));
  const [selected, setSelected] = useState('');
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [status, setStatus] = useState<string | null>(null);
  const save = useMutation(
    trpc.presets.save.mutationOptions({
      onSuccess: (saved) => {
        setStatus(`Saved “${saved.name}” (version ${saved.version}).`);
        setSaving(false);
        setSelected(saved.name);
        void queryClient.invalidateQueries({ queryKey: trpc.presets.list.queryKey() });
      },
    }),
  );
  const list = presets.data?.presets ?? [];
  const submit = () => {
    if (!name.trim()) return;
    setStatus(null);
    save.mutate({ name: name.trim(), procedure, request, notes: '' });
  };
  const saveError = save.error ? describeApiError(save.error) : null;
  const nameError = saveError ? (errorAt(saveError.fields, 'name') ?? (Object.keys(saveError.fields).length === 0 ? saveError.message : undefined)) : undefined;

  return (
    <div className="sw-presets" aria-label="Presets" role="group">
      <div className="sw-presets-row">
        <label className="sp-visually-hidden" htmlFor={`${ids}-select`}>
          Preset
        </label>
        <select id={`${ids}-select`} className="sp-select sw-presets-select" value={selected} onChange={(e) => setSelected(e.target.value)} data-testid="preset-select">
          <option value="">{presets.isPending ? 'Loading presets…' : list.length === 0 ? 'No presets saved yet' : 'Choose a preset…'}</option>
          {list.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name} · v{p.version}
            </option>
          ))}
        </select>
        <Button
          size="sm"
          disabled={!selected}
          onClick={() => {
            const preset = list.find((p) => p.name === selected);
            if (preset) {
              onLoad(preset.request, preset.name);
              setStatus(`Loaded “${preset.name}” (version ${preset.version}).`);
            }
          }}
        >
          Load
        </Button>
        <Button size="sm" variant="ghost" aria-expanded={saving} onClick={() => setSaving((s) => !s)}>
          Save as…
        </Button>
      </div>
      {saving && (
        // Not a <form>: the bar sits inside the page's form, and forms cannot nest.
        <div className="sw-presets-save" role="group" aria-label="Save as a preset">
          {!key ? (
            <p className="sw-note">Saving a preset needs a trader API key: paste one with API key at the top right.</p>
          ) : (
            <>
              <label className="sp-label" htmlFor={`${ids}-name`}>
                Preset name
              </label>
              <div className="sw-presets-row">
                <input
                  id={`${ids}-name`}
                  className="sp-input"
                  value={name}
                  maxLength={80}
                  placeholder="e.g. BTC 1h trend"
                  aria-invalid={nameError ? true : undefined}
                  aria-describedby={nameError ? `${ids}-name-error` : `${ids}-name-hint`}
                  onChange={(e) => setName(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') {
                      e.preventDefault();
                      submit();
                    }
                  }}
                />
                <Button size="sm" variant="primary" loading={save.isPending} disabled={!name.trim()} onClick={submit}>
                  Save
                </Button>
              </div>
              {nameError ? (
                <p className="sp-field-error" id={`${ids}-name-error`}>
                  {nameError}
                </p>
              ) : (
                <p className="sp-hint" id={`${ids}-name-hint`}>
                  Letters, digits, spaces and . _ - : ( ). Saving an existing name adds a version.
                </p>
              )}
            </>
          )}
        </div>
      )}
      <p className="sw-presets-status" role="status">
        {status}
      </p>
    </div>
  );
}
