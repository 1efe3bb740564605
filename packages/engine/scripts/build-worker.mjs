// Bundles the optimizer worker into one self-contained ESM file: worker
// threads cannot load the package's TypeScript sources.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildWorker() {
  await build({
    entryPoints: [`${root}src/optimizer/worker.ts`],
    outfile: `${root}dist/optimizer-worker.mjs`,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: false,
    logLevel: 'warning',
  });
  return `${root}dist/optimizer-worker.mjs`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildWorker();
  console.log(`built ${out}`);
}
