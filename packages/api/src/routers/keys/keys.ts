import { listApiKeys, revokeApiKey } from '@spark/db';
import { z } from 'zod';
import { ApiError } from '../../errors';
import { createApiKey } from '../../services/auth';
import { createRouter, publicProcedure } from '../../trpc';

const keyOutput = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(['trader', 'admin']),
  createdBy: z.string(),
  createdAt: z.date(),
  revokedAt: z.date().nullable(),
  lastUsedAt: z.date().nullable(),
});

export const listKeys = publicProcedure
  .meta({ role: 'admin', openapi: { method: 'GET', path: '/keys', tags: ['admin'], protect: true } })
  .input(z.void())
  .output(z.object({ keys: z.array(keyOutput) }))
  .query(async ({ ctx }) => {
    const rows = await listApiKeys(ctx.deps.database.db);
    return { keys: rows.map(({ secretHash: _hash, ...row }) => row) };
  });

export const createKeyInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(80, 'must be at most 80 characters'),
  role: z.enum(['trader', 'admin']),
});

export const createKey = publicProcedure
  .meta({ role: 'admin', audit: 'key.create', openapi: { method: 'POST', path: '/keys', tags: ['admin'], protect: true } })
  .input(createKeyInput)
  .output(z.object({ id: z.string(), token: z.string(), role: z.enum(['trader', 'admin']), name: z.string() }))
  .mutation(async ({ ctx, input }) => {
    const { id, token } = await createApiKey(ctx.deps.database.db, { ...input, createdBy: ctx.principal.actor });
    return { id, token, role: input.role, name: input.name };
  });

export const revokeKey = publicProcedure
  .meta({ role: 'admin', audit: 'key.revoke', openapi: { method: 'POST', path: '/keys/{id}/revoke', tags: ['admin'], protect: true } })
  .input(z.object({ id: z.string().regex(/^[a-z0-9]{12}$/, 'must be a 12-character key id') }))
  .output(z.object({ id: z.string(), revokedAt: z.date() }))
  .mutation(async ({ ctx, input }) => {
    const row = await revokeApiKey(ctx.deps.database.db, input.id, new Date(ctx.deps.now()));
    if (!row?.revokedAt) throw new ApiError('NOT_FOUND', 'NOT_FOUND', `no active API key with id ${input.id}`, { field: 'id' });
    return { id: row.id, revokedAt: row.revokedAt };
  });

export const keysRouter = createRouter({ list: listKeys, create: createKey, revoke: revokeKey });
