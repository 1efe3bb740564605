'use client';
import { Badge, Button, Card, EmptyState, ErrorCallout, formatUtc } from '@spark/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { KeyRequired, PageHeader } from '@/components/Notices';
import type { PresetData } from '@/lib/api-types';
import { describeApiError } from '@/lib/field-errors';
import { hrefFor } from '@/lib/forms/page-form';
import { useApiKey } from '@/lib/hooks';
import { KIND_LABEL, PAGE_OF, describeRun } from '@/lib/runs';
import { useTRPC } from '@/lib/trpc';

const PROCEDURES = ['run', 'walkforward', 'portfolio', 'optimize'] as const;

function PresetRow({ preset, onDelete, deleting, canDelete }: { preset: PresetData; onDelete: () => void; deleting: boolean; canDelete: boolean }) {
  const [confirming, setConfirming] = useState(false);
  const d = describeRun({ kind: preset.procedure, request: preset.request, summary: null });
  const href = hrefFor(PAGE_OF[preset.procedure], preset.request);
  return (
    <tr data-preset={preset.name}>
      <th scope="row">{preset.name}</th>
      <td>{KIND_LABEL[preset.procedure]}</td>
      <td>{d.market}</td>
      <td className="sp-mono">{d.strategy ?? '—'}</td>
      <td className="sp-num">v{preset.version}</td>
      <td className="sp-mono sp-muted">{preset.owner}</td>
      <td>{formatUtc(preset.createdAt.getTime())}</td>
      <td>
        <div className="sw-table-actions">
          <Link className="sp-btn sp-btn--sm" href={href} aria-label={`Load ${preset.name} into the ${KIND_LABEL[preset.procedure]} page`}>
            Load
          </Link>
          {canDelete &&
            (confirming ? (
              <>
                <Button size="sm" variant="danger" loading={deleting} onClick={onDelete} aria-label={`Confirm deleting ${preset.name}`}>
                  Delete all versions
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setConfirming(false)}>
                  Keep
                </Button>
              </>
            ) : (
              <Button size="sm" variant="ghost" onClick={() => setConfirming(true)} aria-label={`Delete ${preset.name}`}>
                Delete
              </Button>
            ))}
        </div>
      </td>
    </tr>
  );
}

export function PresetsView() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const key = useApiKey();
  const [procedure, setProcedure] = useState<(typeof PROCEDURES)[number] | 'all'>('all');
  const presets = useQuery(trpc.presets.list.queryOptions(procedure === 'all' ? undefined : { procedure }));
  const remove = useMutation(
    trpc.presets.delete.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.presets.list.queryKey() }),
    }),
  );
  const list = presets.data?.presets ?? [];

  return (
    <div className="sw-page">
      <PageHeader
        title="Presets"
        description="Saved setups of the research pages, stored on the server and versioned by name. Save one from any page's “Save as…”; load it here or from the page's preset list."
      />
      {!key && <KeyRequired role="trader" what="Saving and deleting presets" />}
      {remove.error && <ErrorCallout title={describeApiError(remove.error).title} message={remove.error.message} />}
      <Card
        title="Saved presets"
        flush
        actions={
          <label className="sw-row">
            <span className="sw-note">Page</span>
            <select className="sp-select sp-select--auto" value={procedure} onChange={(e) => setProcedure(e.target.value as typeof procedure)}>
              <option value="all">all pages</option>
              {PROCEDURES.map((p) => (
                <option key={p} value={p}>
                  {KIND_LABEL[p]}
                </option>
              ))}
            </select>
          </label>
        }
      >
        {presets.isError && <ErrorCallout title="Could not load presets" message={presets.error.message} />}
        {presets.isPending ? (
          <div className="sw-loading" role="status" style={{ padding: 14 }}>
            <span className="sp-spinner" aria-hidden="true" /> Loading presets…
          </div>
        ) : list.length === 0 ? (
          <EmptyState title="No presets yet" description="Open a research page, set it up, and use “Save as…” in its form." />
        ) : (
          <div className="sp-table-wrap">
            <table className="sp-table" data-testid="presets-table">
              <caption className="sp-visually-hidden">Saved presets</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Page</th>
                  <th scope="col">Market</th>
                  <th scope="col">Strategy</th>
                  <th scope="col" className="sp-num">
                    Version
                  </th>
                  <th scope="col">Owner</th>
                  <th scope="col">Saved (UTC)</th>
                  <th scope="col">
                    <span className="sp-visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((p) => (
                  <PresetRow key={p.name} preset={p} canDelete={key !== null} deleting={remove.isPending && remove.variables?.name === p.name} onDelete={() => remove.mutate({ name: p.name })} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      {list.some((p) => p.notes) && (
        <Card title="Notes">
          <ul>
            {list
              .filter((p) => p.notes)
              .map((p) => (
                <li key={p.name}>
                  <Badge>{p.name}</Badge> {p.notes}
                </li>
              ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
