import { buildWorker } from './scripts/build-worker.mjs';

// Builds the worker bundle before any test runs, so pool tests never depend on a manual build.
export default async function setup(): Promise<void> {
  await buildWorker();
}
