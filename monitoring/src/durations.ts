/** Prometheus duration strings ("1h30m", "15s", "500ms") in milliseconds. */
const unitMs: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

export function parseDuration(text: string): number {
  const trimmed = text.trim();
  if (!/^(\d+(ms|[smhdwy]))+$/.test(trimmed)) {
    throw new Error(`"${text}" is not a Prometheus duration (expected e.g. 30s, 15m, 1h30m)`);
  }
  let total = 0;
  for (const m of trimmed.matchAll(/(\d+)(ms|[smhdwy])/g)) total += Number(m[1]) * unitMs[m[2]!]!;
  return total;
}

/** Milliseconds as the shortest Prometheus duration string (h, m, s, ms). */
export function formatDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms <= 0) throw new Error(`cannot write ${ms} ms as a Prometheus duration (needs a whole number above 0)`);
  let rest = ms;
  let out = '';
  for (const [unit, size] of [['h', 3_600_000], ['m', 60_000], ['s', 1_000], ['ms', 1]] as const) {
    const n = Math.floor(rest / size);
    if (n > 0) out += `${n}${unit}`;
    rest -= n * size;
  }
  return out;
}
