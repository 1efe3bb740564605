import { defineConfig } from 'vitest/config';

// One command runs every package's unit and integration tests; each package
// keeps its own vitest.config.ts (environment, timeouts) as a project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/web', 'monitoring'],
  },
});
