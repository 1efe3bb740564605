'use client';
import { useMutation } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import type { RouterInputs } from './api-types';
import type { JobView } from './run-events';
import { useTRPC } from './trpc';
import { useRunJob } from './use-run-job';

/**
 * A long job started with `runs.start` and followed over `runs.progress`. The
 * run id lives in the page's query string (`job=`), so a reload or a shared
 * link picks the same job (or its stored result) back up.
 */
export function useBackgroundRun(initialRunId: string | null, onDone?: (job: JobView) => void) {
  const trpc = useTRPC();
  const [runId, setRunId] = useState<string | null>(initialRunId);
  const [mock, setMock] = useState(false);
  const start = useMutation(
    trpc.runs.start.mutationOptions({
      onSuccess: (r) => {
        setRunId(r.runId);
        setMock(r.mock);
      },
    }),
  );
  const live = useRunJob(runId, { onDone });
  const begin = useCallback((input: RouterInputs['runs']['start']) => start.mutate(input), [start]);
  const clear = useCallback(() => setRunId(null), []);
  return { runId, mock, start: begin, starting: start.isPending, startError: start.error, clear, ...live };
}

/** `job=<run id>` from the page's query string, when it looks like a run id. */
export function jobFromQuery(query: string): string | null {
  const id = new URLSearchParams(query).get('job');
  return id && /^bt-[0-9TZ]{16}-[0-9a-f]{10}$/.test(id) ? id : null;
}
