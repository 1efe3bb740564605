'use client';
import { Badge, ProgressBar } from '@spark/ui';
import { describeApiError } from '@/lib/field-errors';
import { wasCancelled, type JobView } from '@/lib/run-events';
import { ApiErrorCallout } from './Notices';

/**
 * A background job's progress bar (evaluated/total with ETA from the stream),
 * its queue position while waiting, and the cancel button.
 */
export function JobProgress({
  job,
  label,
  noun,
  onCancel,
  cancelling,
  cancelError,
  canCancel,
}: {
  job: JobView;
  label: string;
  noun?: string;
  onCancel: () => void;
  cancelling: boolean;
  cancelError: unknown;
  canCancel: boolean;
}) {
  const status = job.status === 'done' ? 'done' : job.status === 'failed' ? (wasCancelled(job) ? 'cancelled' : 'failed') : 'running';
  return (
    <div className="sw-job" data-testid="job-progress">
      <ProgressBar
        label={job.status === 'queued' ? `${label} — queued${job.position ? ` (position ${job.position})` : ''}` : job.stage ? `${label} — ${job.stage}` : label}
        evaluated={job.done}
        total={job.total}
        etaMs={job.etaSeconds === null ? null : job.etaSeconds * 1000}
        elapsedMs={job.elapsedMs}
        noun={noun}
        status={status}
        onCancel={canCancel ? onCancel : undefined}
        cancelling={cancelling}
        action={!canCancel && status === 'running' ? <Badge title="Cancelling needs the trader key that started the run, or an admin key.">cancel needs the owner’s key</Badge> : undefined}
      />
      {cancelError ? <ApiErrorCallout view={describeApiError(cancelError)} /> : null}
    </div>
  );
}
