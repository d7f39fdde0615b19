import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    hookTimeout: 20_000,
    // e2e suites start real servers on free ports; files run in parallel workers.
    pool: 'forks',
  },
});
