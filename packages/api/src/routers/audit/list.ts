import { listAuditEvents } from '@spark/db';
import { z } from 'zod';
import { createRouter, publicProcedure } from '../../trpc';

export const listAuditInput = z.object({
  event: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  beforeId: z.coerce.number().int().positive().optional(),
});

export const listAudit = publicProcedure
  .meta({ role: 'admin', openapi: { method: 'GET', path: '/audit', tags: ['admin'], protect: true } })
  .input(listAuditInput)
  .output(
    z.object({
      events: z.array(
        z.object({
          id: z.number(),
          event: z.string(),
          runId: z.string().nullable(),
          actor: z.string(),
          role: z.string(),
          ip: z.string(),
          userAgent: z.string(),
          summary: z.unknown(),
          createdAt: z.date(),
        }),
      ),
    }),
  )
  .query(async ({ ctx, input }) => ({ events: await listAuditEvents(ctx.deps.database.db, input) }));

export const auditRouter = createRouter({ list: listAudit });
