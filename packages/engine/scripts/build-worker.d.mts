/** Bundles src/optimizer/worker.ts into dist/optimizer-worker.mjs and returns the output path. */
export function buildWorker(): Promise<string>;
