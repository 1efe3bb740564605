import { z } from 'zod';
import { isProcedureKey, procedureKeys, type ProcedureKey } from './procedure-keys';

const flag = z
  .enum(['0', '1', 'true', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

const apiEnvSchema = z.object({
  REAL_ROUTES: z.string().optional(),
  EXECUTOR_SAFE_MODE: flag,
  SPARK_VERSION: z.string().optional(),
});

export interface ApiEnv {
  /** Procedures that boot as real; the rest boot as mock. Undefined when REAL_ROUTES is unset (all real, operator choices kept). */
  realRoutes: ProcedureKey[] | undefined;
  /** EXECUTOR_SAFE_MODE=1: every procedure serves its mock, whatever the flags say. */
  safeMode: boolean;
  version: string;
}

/** Reads and validates the API's configuration; the only place in @spark/api that touches process.env. */
export function readApiEnv(env: NodeJS.ProcessEnv = process.env): ApiEnv {
  const parsed = apiEnvSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`invalid environment: ${issue.path.join('.')}: ${issue.message}`);
  }
  let realRoutes: ProcedureKey[] | undefined;
  if (parsed.data.REAL_ROUTES !== undefined) {
    const names = parsed.data.REAL_ROUTES.split(',').map((s) => s.trim()).filter(Boolean);
    const unknown = names.filter((n) => !isProcedureKey(n));
    if (unknown.length > 0) {
      throw new Error(`invalid environment: REAL_ROUTES: unknown procedure(s) ${unknown.join(', ')}; allowed: ${procedureKeys.join(', ')}`);
    }
    realRoutes = names as ProcedureKey[];
  }
  return {
    realRoutes,
    safeMode: parsed.data.EXECUTOR_SAFE_MODE,
    version: parsed.data.SPARK_VERSION ?? '0.1.0',
  };
}
