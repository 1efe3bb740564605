/** Reads monitoring/runbook.md: heading anchors, per-alert sections, their queries and panel references. */

/**
 * The anchor GitHub (and most Markdown renderers, via github-slugger) gives a heading:
 * lower-cased, punctuation other than "-" and "_" removed, spaces turned into "-"; a repeated
 * anchor gets "-1", "-2", ... in order of appearance.
 */
export function headingAnchors(markdown: string): string[] {
  const seen = new Map<string, number>();
  const anchors: string[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) continue;
    const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!m) continue;
    const text = m[1]!.replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const base = text.toLowerCase().replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    anchors.push(count === 0 ? base : `${base}-${count}`);
    seen.set(base, count + 1);
  }
  return anchors;
}

export interface RunbookSection {
  heading: string;
  level: number;
  body: string;
}

/** Sections by heading, each with the text up to the next heading of the same or a higher level. */
export function sections(markdown: string): RunbookSection[] {
  const lines = markdown.split('\n');
  const heads: { index: number; level: number; heading: string }[] = [];
  let inFence = false;
  lines.forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) return;
    const m = /^(#{1,6})\s+(.*?)\s*$/.exec(line);
    if (m) heads.push({ index, level: m[1]!.length, heading: m[2]! });
  });
  return heads.map((h, i) => {
    const end = heads.slice(i + 1).find((n) => n.level <= h.level)?.index ?? lines.length;
    return { heading: h.heading, level: h.level, body: lines.slice(h.index + 1, end).join('\n') };
  });
}

/** The contents of ```promql fenced blocks. */
export function promqlBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```promql[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1]!.trim());
}

/** Panel titles named on "Dashboard panels:" lines: - **Dashboard panels:** "A", "B". */
export function panelReferences(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((l) => /\*\*Dashboard panels?:\*\*/.test(l))
    .flatMap((l) => [...l.matchAll(/"([^"]+)"/g)].map((m) => m[1]!));
}
