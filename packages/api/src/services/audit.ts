import { recordAuditEvent, type Database } from '@spark/db';

export interface AuditEntry {
  event: string;
  runId?: string | null;
  actor: string;
  role: string;
  ip: string;
  userAgent: string;
  summary?: unknown;
}

const maxSummaryChars = 4_000;

/** Bounds what a request puts in the trail: inline candles and long strings are summarised, never copied. */
export function summarizeForAudit(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' && value.length > 200 ? `${value.slice(0, 197)}...` : value;
  }
  if (Array.isArray(value)) {
    if (value.length > 20) return `[${value.length} items]`;
    return value.map((v) => summarizeForAudit(v, depth + 1));
  }
  if (depth > 4) return '{…}';
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (/token|secret|password|authorization/i.test(k)) out[k] = '[redacted]';
    else out[k] = summarizeForAudit(v, depth + 1);
  }
  return out;
}

/** Writes one audit event. The trail must never take a request down with it, so failures are reported, not thrown. */
export async function audit(db: Database, entry: AuditEntry, onError: (error: unknown) => void = console.error): Promise<void> {
  try {
    let summary = summarizeForAudit(entry.summary ?? null);
    if (JSON.stringify(summary)?.length > maxSummaryChars) summary = { truncated: true };
    await recordAuditEvent(db, {
      event: entry.event,
      runId: entry.runId ?? null,
      actor: entry.actor,
      role: entry.role,
      ip: entry.ip,
      userAgent: entry.userAgent.slice(0, 300),
      summary,
    });
  } catch (error) {
    onError(error);
  }
}
