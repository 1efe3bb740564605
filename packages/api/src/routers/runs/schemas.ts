import { z } from 'zod';

export const runStatuses = ['queued', 'running', 'done', 'failed'] as const;
export const runKinds = ['run', 'walkforward', 'portfolio', 'optimize'] as const;

/** A list filter given as an array, or as a comma list in a query string (`status=running,queued`). */
const listOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v),
    z.array(z.enum(values, { message: `must be one of ${values.join(', ')}` })).optional(),
  );

export const runIdSchema = z.string().regex(/^bt-[0-9TZ]{16}-[0-9a-f]{10}$/, 'must be a run id like bt-20240101T000000Z-0123456789');

export const runSummarySchema = z.object({
  id: z.string(),
  kind: z.enum(runKinds),
  status: z.enum(runStatuses),
  mock: z.boolean(),
  request: z.unknown(),
  summary: z.unknown().nullable(),
  error: z.string().nullable(),
  errorCode: z.string().nullable(),
  progress: z.unknown().nullable(),
  actor: z.string(),
  role: z.string(),
  createdAt: z.date(),
  startedAt: z.date().nullable(),
  finishedAt: z.date().nullable(),
  durationMs: z.number().nullable(),
});

export const listRunsInput = z
  .object({
    status: listOf(runStatuses),
    kind: listOf(runKinds),
    limit: z.coerce.number().int().min(1, 'must be >= 1').max(200, 'must be at most 200').default(50),
    offset: z.coerce.number().int().min(0, 'must be >= 0').default(0),
  })
  .default({ limit: 50, offset: 0 });
