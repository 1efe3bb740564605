/**
 * The parameters whose chosen value changes between walk-forward folds (the
 * fold table shows those) and the ones every fold kept (stated once). When
 * nothing varies, every parameter is shown.
 */
export function varyingParams(folds: readonly { params: Readonly<Record<string, string | number>> }[]): { varying: string[]; fixed: Record<string, string | number> } {
  const keys = [...new Set(folds.flatMap((f) => Object.keys(f.params)))];
  const varying = keys.filter((k) => new Set(folds.map((f) => String(f.params[k]))).size > 1);
  if (varying.length === 0) return { varying: keys, fixed: {} };
  const fixed: Record<string, string | number> = {};
  for (const k of keys) if (!varying.includes(k) && folds[0]?.params[k] !== undefined) fixed[k] = folds[0].params[k]!;
  return { varying, fixed };
}
