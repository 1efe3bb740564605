/** The procedures whose implementation (real engine or deterministic mock) a feature flag selects. */
export const procedureKeys = ['run', 'walkforward', 'portfolio', 'optimize'] as const;
export type ProcedureKey = (typeof procedureKeys)[number];

export function isProcedureKey(value: string): value is ProcedureKey {
  return (procedureKeys as readonly string[]).includes(value);
}
