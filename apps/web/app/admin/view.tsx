'use client';
import { Badge, Button, Card, EmptyState, ErrorCallout, Field, MockBadge, formatInteger, formatUtc, formatUtcDate } from '@spark/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import { ApiErrorCallout, KeyRequired, PageHeader } from '@/components/Notices';
import { describeApiError, errorAt } from '@/lib/field-errors';
import { useApiKey } from '@/lib/hooks';
import { KIND_LABEL } from '@/lib/runs';
import { useTRPC } from '@/lib/trpc';

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[i]}`;
}

function FlagsCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const flags = useQuery(trpc.flags.list.queryOptions());
  const set = useMutation(
    trpc.flags.set.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.flags.list.queryKey() });
        // The shell's mock banner and the home page read health; the change is audited.
        void queryClient.invalidateQueries({ queryKey: trpc.health.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey() });
      },
    }),
  );
  return (
    <Card title="Feature flags" description="Each procedure runs the engine (real) or a deterministic mock. Mock results are labelled everywhere they appear." flush>
      {flags.isError && <ApiErrorCallout view={describeApiError(flags.error)} />}
      {set.error && <ApiErrorCallout view={describeApiError(set.error)} />}
      {flags.data?.safeMode && (
        <p className="sw-note" style={{ padding: '8px 14px' }}>
          <Badge tone="warn">safe mode</Badge> EXECUTOR_SAFE_MODE is on: every procedure serves its mock whatever its flag says.
        </p>
      )}
      {flags.data && (
        <div className="sp-table-wrap">
          <table className="sp-table" data-testid="flags-table">
            <caption className="sp-visually-hidden">Procedure modes</caption>
            <thead>
              <tr>
                <th scope="col">Procedure</th>
                <th scope="col">Flag</th>
                <th scope="col">Serving now</th>
                <th scope="col">Changed by</th>
                <th scope="col">Changed (UTC)</th>
                <th scope="col">
                  <span className="sp-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {flags.data.flags.map((f) => {
                const next = f.mode === 'real' ? 'mock' : 'real';
                return (
                  <tr key={f.key} data-flag={f.key}>
                    <th scope="row">
                      {KIND_LABEL[f.key]} <span className="sp-label-code">{f.key}</span>
                    </th>
                    <td>{f.mode}</td>
                    <td data-testid={`flag-effective-${f.key}`}>{f.effectiveMode === 'mock' ? <MockBadge /> : <Badge tone="up">real</Badge>}</td>
                    <td className="sp-mono sp-muted">{f.updatedBy}</td>
                    <td>{f.updatedAt ? formatUtc(f.updatedAt.getTime()) : '—'}</td>
                    <td>
                      <div className="sw-table-actions">
                        <Button
                          size="sm"
                          variant={next === 'mock' ? 'secondary' : 'primary'}
                          loading={set.isPending && set.variables?.key === f.key}
                          onClick={() => set.mutate({ key: f.key, mode: next })}
                          aria-label={`Switch ${KIND_LABEL[f.key]} to ${next}`}
                        >
                          Switch to {next}
                        </Button>
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function KeysCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const keys = useQuery(trpc.keys.list.queryOptions());
  const [name, setName] = useState('');
  const [role, setRole] = useState<'trader' | 'admin'>('trader');
  const [copied, setCopied] = useState(false);
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: trpc.keys.list.queryKey() });
    void queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey() });
  };
  const create = useMutation(trpc.keys.create.mutationOptions({ onSuccess: () => (setName(''), setCopied(false), refresh()) }));
  const revoke = useMutation(trpc.keys.revoke.mutationOptions({ onSuccess: refresh }));
  const createError = create.error ? describeApiError(create.error) : null;

  return (
    <Card title="API keys" description="Trader keys save presets, optimize and start background runs; admin keys also open this page.">
      <form
        className="sw-page"
        style={{ gap: 8 }}
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name: name.trim(), role });
        }}
      >
        <div className="sw-fields-2" style={{ gridTemplateColumns: 'minmax(0, 1fr) 120px' }}>
          <Field label="Name" id="key-name" error={createError ? (errorAt(createError.fields, 'name') ?? undefined) : undefined} hint="Who or what uses it, e.g. “research laptop”">
            <input className="sp-input" value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
          </Field>
          <Field label="Role" id="key-role">
            <select className="sp-select" value={role} onChange={(e) => setRole(e.target.value as 'trader' | 'admin')}>
              <option value="trader">trader</option>
              <option value="admin">admin</option>
            </select>
          </Field>
        </div>
        <div className="sw-row-end">
          <Button type="submit" variant="primary" size="sm" loading={create.isPending} disabled={!name.trim()}>
            Create key
          </Button>
        </div>
      </form>
      {createError && Object.keys(createError.fields).length === 0 && <ApiErrorCallout view={createError} />}
      {create.data && (
        <div className="sw-token" role="status" style={{ margin: '10px 0' }} data-testid="new-token">
          <span>
            <b>{create.data.name}</b> ({create.data.role}) — copy the key now; it is shown only once and stored only as a hash:
          </span>
          <code>{create.data.token}</code>
          <Button
            size="sm"
            onClick={() => {
              void navigator.clipboard?.writeText(create.data.token).then(() => setCopied(true));
            }}
          >
            {copied ? 'Copied' : 'Copy'}
          </Button>
        </div>
      )}
      {keys.isError && <ApiErrorCallout view={describeApiError(keys.error)} />}
      {revoke.error && <ApiErrorCallout view={describeApiError(revoke.error)} />}
      {keys.data && keys.data.keys.length === 0 && <EmptyState title="No API keys" description="Create one above; ADMIN_TOKEN from the environment works without a key." />}
      {keys.data && keys.data.keys.length > 0 && (
        <div className="sp-table-wrap" style={{ marginTop: 10 }}>
          <table className="sp-table" data-testid="keys-table">
            <caption className="sp-visually-hidden">API keys</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Id</th>
                <th scope="col">Role</th>
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="sp-visually-hidden">Action</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.data.keys.map((k) => (
                <tr key={k.id}>
                  <th scope="row">{k.name}</th>
                  <td className="sp-mono">{k.id}</td>
                  <td>
                    <Badge tone={k.role === 'admin' ? 'warn' : 'accent'}>{k.role}</Badge>
                  </td>
                  <td title={`by ${k.createdBy}`}>{formatUtcDate(k.createdAt.getTime())}</td>
                  <td>{k.lastUsedAt ? formatUtc(k.lastUsedAt.getTime()) : 'never'}</td>
                  <td>
                    {k.revokedAt ? (
                      <Badge>revoked {formatUtcDate(k.revokedAt.getTime())}</Badge>
                    ) : (
                      <Button size="sm" variant="danger" loading={revoke.isPending && revoke.variables?.id === k.id} onClick={() => revoke.mutate({ id: k.id })} aria-label={`Revoke key ${k.name}`}>
                        Revoke
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function CacheCard() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const stats = useQuery(trpc.cache.stats.queryOptions());
  const [filter, setFilter] = useState({ exchange: '', symbol: '', timeframe: '', olderThan: '' });
  const cleanup = useMutation(
    trpc.cache.cleanup.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.cache.stats.queryKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.audit.list.queryKey() });
      },
    }),
  );
  const error = cleanup.error ? describeApiError(cleanup.error) : null;
  const given = Object.fromEntries(Object.entries(filter).filter(([, v]) => v.trim() !== '').map(([k, v]) => [k, v.trim()]));
  const s = stats.data;
  const lookups = s ? s.hits + s.misses : 0;
  return (
    <Card title="Candle cache" description="Candles fetched from exchanges and the demo feed, kept in DuckDB.">
      {stats.isError && <ApiErrorCallout view={describeApiError(stats.error)} />}
      {s && (
        <>
          <div className="sw-stat-grid">
            <div className="sw-stat">
              <div className="sw-stat-label">Candles</div>
              <div className="sw-stat-value">{formatInteger(s.totalRows)}</div>
              <div className="sw-stat-note">{s.series.length} series</div>
            </div>
            <div className="sw-stat">
              <div className="sw-stat-label">On disk</div>
              <div className="sw-stat-value">{formatBytes(s.sizeBytes)}</div>
            </div>
            <div className="sw-stat">
              <div className="sw-stat-label">Hit rate</div>
              <div className="sw-stat-value">{lookups > 0 ? `${((s.hits / lookups) * 100).toFixed(1)} %` : '—'}</div>
              <div className="sw-stat-note">
                {formatInteger(s.hits)} hits · {formatInteger(s.misses)} misses
              </div>
            </div>
          </div>
          {s.series.length > 0 && (
            <div className="sp-table-wrap" style={{ marginTop: 10, maxHeight: 260, overflowY: 'auto' }}>
              <table className="sp-table">
                <caption className="sp-visually-hidden">Cached series</caption>
                <thead>
                  <tr>
                    <th scope="col">Series</th>
                    <th scope="col" className="sp-num">
                      Candles
                    </th>
                    <th scope="col">First (UTC)</th>
                    <th scope="col">Last (UTC)</th>
                  </tr>
                </thead>
                <tbody>
                  {s.series.map((r) => (
                    <tr key={`${r.exchange}/${r.symbol}/${r.timeframe}`}>
                      <th scope="row" className="sp-mono">
                        {r.exchange} {r.symbol} {r.timeframe}
                      </th>
                      <td className="sp-num">{formatInteger(r.rows)}</td>
                      <td>{r.firstOpenTime === null ? '—' : formatUtc(r.firstOpenTime)}</td>
                      <td>{r.lastOpenTime === null ? '—' : formatUtc(r.lastOpenTime)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      <form
        className="sw-page"
        style={{ gap: 8, marginTop: 12 }}
        aria-label="Clean up the cache"
        onSubmit={(e) => {
          e.preventDefault();
          cleanup.mutate(given as never);
        }}
      >
        <p className="sw-note">Clean up: delete the cached candles matching every field given (at least one).</p>
        <div className="sw-fields-2">
          <Field label="Exchange" id="cache-exchange" error={error ? errorAt(error.fields, 'exchange') : undefined}>
            <input className="sp-input" value={filter.exchange} onChange={(e) => setFilter({ ...filter, exchange: e.target.value })} placeholder="any" />
          </Field>
          <Field label="Symbol" id="cache-symbol" error={error ? errorAt(error.fields, 'symbol') : undefined}>
            <input className="sp-input sp-mono" value={filter.symbol} onChange={(e) => setFilter({ ...filter, symbol: e.target.value.toUpperCase() })} placeholder="any" />
          </Field>
          <Field label="Timeframe" id="cache-timeframe" error={error ? errorAt(error.fields, 'timeframe') : undefined}>
            <input className="sp-input" value={filter.timeframe} onChange={(e) => setFilter({ ...filter, timeframe: e.target.value })} placeholder="any" />
          </Field>
          <Field label="Opened before" id="cache-older" error={error ? errorAt(error.fields, 'olderThan') : undefined}>
            <input className="sp-input" type="date" value={filter.olderThan} onChange={(e) => setFilter({ ...filter, olderThan: e.target.value })} />
          </Field>
        </div>
        {error && Object.keys(error.fields).length === 0 && <ApiErrorCallout view={error} />}
        {cleanup.data && (
          <p className="sw-note" role="status">
            Deleted {formatInteger(cleanup.data.deletedRows)} candles.
          </p>
        )}
        <div className="sw-row-end">
          <Button type="submit" size="sm" variant="danger" loading={cleanup.isPending} disabled={Object.keys(given).length === 0}>
            Delete matching candles
          </Button>
        </div>
      </form>
    </Card>
  );
}

function AuditCard() {
  const trpc = useTRPC();
  const [event, setEvent] = useState('');
  const [before, setBefore] = useState<number[]>([]);
  const beforeId = before[before.length - 1];
  const audit = useQuery(trpc.audit.list.queryOptions({ limit: 50, ...(event.trim() ? { event: event.trim() } : {}), ...(beforeId ? { beforeId } : {}) }));
  const events = audit.data?.events ?? [];
  return (
    <Card
      title="Audit log"
      description="Who did what: runs, presets, flags, keys, cache clean-ups and refused credentials."
      flush
      actions={
        <label className="sw-row">
          <span className="sw-note">Event</span>
          <input
            className="sp-input"
            style={{ width: 160, height: 26 }}
            placeholder="e.g. flag.set"
            value={event}
            onChange={(e) => {
              setEvent(e.target.value);
              setBefore([]);
            }}
          />
        </label>
      }
    >
      {audit.isError && <ApiErrorCallout view={describeApiError(audit.error)} />}
      {audit.data && events.length === 0 && <EmptyState title="No events" description={event ? `Nothing recorded as “${event}”.` : 'Nothing recorded yet.'} />}
      {events.length > 0 && (
        <div className="sp-table-wrap">
          <table className="sp-table" data-testid="audit-table">
            <caption className="sp-visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Time (UTC)</th>
                <th scope="col">Event</th>
                <th scope="col">Actor</th>
                <th scope="col">Role</th>
                <th scope="col">IP</th>
                <th scope="col">Run</th>
                <th scope="col">Details</th>
              </tr>
            </thead>
            <tbody>
              {events.map((e) => (
                <tr key={e.id}>
                  <td>{formatUtc(e.createdAt.getTime(), { seconds: true })}</td>
                  <td>
                    <Badge tone={e.event.startsWith('auth.') ? 'down' : 'neutral'}>{e.event}</Badge>
                  </td>
                  <td className="sp-mono">{e.actor}</td>
                  <td>{e.role}</td>
                  <td className="sp-mono sp-muted">{e.ip}</td>
                  <td>
                    {e.runId ? (
                      <Link className="sw-link sp-mono" href={`/runs/${e.runId}`}>
                        {e.runId.slice(-10)}
                      </Link>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="sp-mono sp-muted" style={{ maxWidth: 420, overflow: 'hidden', textOverflow: 'ellipsis' }} title={JSON.stringify(e.summary)}>
                    {e.summary === null || e.summary === undefined ? '—' : JSON.stringify(e.summary)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="sp-pager" aria-label="Audit pages">
        <span className="sp-pager-info">{events.length > 0 ? `${events.length} events${before.length ? ', older page' : ''}` : ''}</span>
        <div className="sp-pager-controls">
          <Button size="sm" disabled={before.length === 0} onClick={() => setBefore((b) => b.slice(0, -1))}>
            ‹ Newer
          </Button>
          <Button size="sm" disabled={events.length < 50} onClick={() => setBefore((b) => [...b, events[events.length - 1]!.id])}>
            Older ›
          </Button>
        </div>
      </nav>
    </Card>
  );
}

export function AdminView() {
  const key = useApiKey();
  const trpc = useTRPC();
  // One probe decides whether this key may see the page at all, so a trader key gets one message, not four.
  const probe = useQuery(trpc.flags.list.queryOptions(undefined, { enabled: key !== null, retry: false }));
  const denied = probe.error ? describeApiError(probe.error) : null;
  return (
    <div className="sw-page">
      <PageHeader title="Admin" description="Procedure modes, API keys, the audit log and the candle cache." />
      {!key ? (
        <KeyRequired role="admin" what="The admin page" />
      ) : denied && (denied.code === 'FORBIDDEN' || denied.code === 'UNAUTHENTICATED') ? (
        <ErrorCallout title={denied.title} message={`${denied.message}. Paste an admin key with API key at the top right.`} />
      ) : (
        <>
          <FlagsCard />
          <div className="sw-grid-2">
            <KeysCard />
            <CacheCard />
          </div>
          <AuditCard />
        </>
      )}
    </div>
  );
}
