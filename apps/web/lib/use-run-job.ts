'use client';
import { skipToken, useMutation } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useCallback, useEffect, useState } from 'react';
import { initialJob, reduceRunEvent, type JobView, type RunEventLike } from './run-events';
import { useTRPC } from './trpc';

/**
 * Follows a background run through `runs.progress` (server-sent events): its
 * queue position, progress with ETA, then its result or error. `cancel`
 * asks the server to abort it (owner or admin).
 */
export function useRunJob(runId: string | null, options: { onDone?: (job: JobView) => void } = {}) {
  const trpc = useTRPC();
  const [job, setJob] = useState<JobView | null>(runId ? initialJob(runId) : null);
  const { onDone } = options;

  useEffect(() => {
    setJob(runId ? initialJob(runId) : null);
  }, [runId]);

  const onData = useCallback(
    (event: RunEventLike) => {
      setJob((current) => {
        if (!current) return current;
        const next = reduceRunEvent(current, event);
        if (next !== current && (next.status === 'done' || next.status === 'failed') && current.status !== next.status) {
          queueMicrotask(() => onDone?.(next));
        }
        return next;
      });
    },
    [onDone],
  );

  const subscription = useSubscription(
    trpc.runs.progress.subscriptionOptions(runId ? { id: runId } : skipToken, {
      enabled: runId !== null && job?.status !== 'done' && job?.status !== 'failed',
      onData: (event) => onData(event as RunEventLike),
    }),
  );

  const cancelMutation = useMutation(trpc.runs.cancel.mutationOptions());
  const cancel = useCallback(() => {
    if (runId) cancelMutation.mutate({ id: runId });
  }, [runId, cancelMutation]);

  return {
    job,
    cancel,
    cancelling: cancelMutation.isPending,
    cancelError: cancelMutation.error,
    connectionError: subscription.status === 'error' ? subscription.error : null,
  };
}
