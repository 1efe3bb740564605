import { deletePreset, getPreset, listPresets, listPresetVersions, savePreset, type PresetRow } from '@spark/db';
import { z } from 'zod';
import { ApiError } from '../../errors';
import { createRouter, publicProcedure } from '../../trpc';

/** The page a preset's form belongs to. */
export const presetProcedures = ['run', 'walkforward', 'portfolio', 'optimize'] as const;

const presetName = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(80, 'must be at most 80 characters')
  .regex(/^[\w .:()-]+$/, 'may contain letters, digits, spaces and . _ - : ( ) only');

const presetOutput = z.object({
  name: z.string(),
  version: z.number(),
  procedure: z.enum(presetProcedures),
  request: z.record(z.string(), z.unknown()),
  notes: z.string(),
  owner: z.string(),
  createdAt: z.date(),
});

const toOutput = (row: PresetRow) => ({ ...row, procedure: row.procedure as (typeof presetProcedures)[number], request: row.request as Record<string, unknown> });

export const listPresetsProcedure = publicProcedure
  .meta({ openapi: { method: 'GET', path: '/presets', tags: ['presets'] } })
  .input(z.object({ procedure: z.enum(presetProcedures).optional() }).optional())
  .output(z.object({ presets: z.array(presetOutput) }))
  .query(async ({ ctx, input }) => {
    const rows = await listPresets(ctx.deps.database.db);
    return { presets: rows.filter((r) => !input?.procedure || r.procedure === input.procedure).map(toOutput) };
  });

export const getPresetProcedure = publicProcedure
  .meta({ openapi: { method: 'GET', path: '/presets/{name}', tags: ['presets'] } })
  .input(z.object({ name: presetName, version: z.coerce.number().int().positive().optional() }))
  .output(presetOutput.extend({ versions: z.array(z.object({ version: z.number(), createdAt: z.date(), owner: z.string(), notes: z.string() })) }))
  .query(async ({ ctx, input }) => {
    const { db } = ctx.deps.database;
    const row = await getPreset(db, input.name, input.version);
    if (!row) {
      throw new ApiError('NOT_FOUND', 'NOT_FOUND', `no preset named "${input.name}"${input.version ? ` with version ${input.version}` : ''}`, { field: 'name' });
    }
    const versions = (await listPresetVersions(db, input.name)).map(({ version, createdAt, owner, notes }) => ({ version, createdAt, owner, notes }));
    return { ...toOutput(row), versions };
  });

export const savePresetInput = z.object({
  name: presetName,
  procedure: z.enum(presetProcedures),
  request: z.record(z.string(), z.unknown()).refine((r) => JSON.stringify(r).length <= 64_000, 'must serialise to at most 64 kB (inline candles do not belong in a preset)'),
  notes: z.string().max(2_000, 'must be at most 2000 characters').default(''),
});

export const savePresetProcedure = publicProcedure
  .meta({ role: 'trader', audit: 'preset.save', openapi: { method: 'POST', path: '/presets', tags: ['presets'], protect: true } })
  .input(savePresetInput)
  .output(presetOutput)
  .mutation(async ({ ctx, input }) =>
    toOutput(await savePreset(ctx.deps.database.db, { ...input, owner: ctx.principal.actor })),
  );

export const deletePresetProcedure = publicProcedure
  .meta({ role: 'trader', audit: 'preset.delete', openapi: { method: 'DELETE', path: '/presets/{name}', tags: ['presets'], protect: true } })
  .input(z.object({ name: presetName }))
  .output(z.object({ name: z.string(), deletedVersions: z.number() }))
  .mutation(async ({ ctx, input }) => {
    const { db } = ctx.deps.database;
    const current = await getPreset(db, input.name);
    if (!current) throw new ApiError('NOT_FOUND', 'NOT_FOUND', `no preset named "${input.name}"`, { field: 'name' });
    if (ctx.principal.role !== 'admin' && current.owner !== ctx.principal.actor) {
      throw new ApiError('FORBIDDEN', 'FORBIDDEN', `preset "${input.name}" belongs to ${current.owner}; only its owner or an admin may delete it`);
    }
    return { name: input.name, deletedVersions: await deletePreset(db, input.name) };
  });

export const presetsRouter = createRouter({
  list: listPresetsProcedure,
  get: getPresetProcedure,
  save: savePresetProcedure,
  delete: deletePresetProcedure,
});
