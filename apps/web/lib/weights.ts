/**
 * Portfolio weights are capital shares that always sum to 1 (the API accepts
 * a sum within 1e-6 of 1). Editing one weight rescales the others in
 * proportion, so the user never has to balance the column by hand.
 */

const clamp01 = (v: number) => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);

export function equalWeights(n: number): number[] {
  if (n <= 0) return [];
  return Array.from({ length: n }, () => 1 / n);
}

/** Scales non-negative weights to sum to 1; all-zero (or invalid) weights become equal. */
export function normalizeWeights(weights: readonly number[]): number[] {
  const clean = weights.map((w) => (Number.isFinite(w) && w > 0 ? w : 0));
  const sum = clean.reduce((a, b) => a + b, 0);
  if (!(sum > 0)) return equalWeights(weights.length);
  return clean.map((w) => w / sum);
}

/**
 * Sets weight `index` to `value` (clamped to [0, 1]) and shares the rest among
 * the others in their current proportions (equally when they are all zero).
 * A single symbol always weighs 1.
 */
export function setWeight(weights: readonly number[], index: number, value: number): number[] {
  const n = weights.length;
  if (index < 0 || index >= n) return [...weights];
  if (n === 1) return [1];
  const v = clamp01(value);
  const rest = 1 - v;
  const others = weights.map((w, i) => (i === index ? 0 : Math.max(0, Number.isFinite(w) ? w : 0)));
  const sumOthers = others.reduce((a, b) => a + b, 0);
  return weights.map((_, i) => {
    if (i === index) return v;
    return sumOthers > 0 ? (others[i]! / sumOthers) * rest : rest / (n - 1);
  });
}

/** Adds a symbol at weight 1/(n+1), scaling the others down in proportion. */
export function addWeight(weights: readonly number[]): number[] {
  const n = weights.length;
  if (n === 0) return [1];
  const share = 1 / (n + 1);
  return [...normalizeWeights(weights).map((w) => w * (1 - share)), share];
}

/** Removes a symbol's weight and scales the others back up to sum to 1. */
export function removeWeight(weights: readonly number[], index: number): number[] {
  return normalizeWeights(weights.filter((_, i) => i !== index));
}

export function weightsSum(weights: readonly number[]): number {
  return weights.reduce((a, b) => a + b, 0);
}
