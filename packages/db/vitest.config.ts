import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'db',
    environment: 'node',
    // PGlite's first initdb takes 3-4 s on two cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
