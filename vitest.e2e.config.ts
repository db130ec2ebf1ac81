import { defineConfig } from 'vitest/config';

/** Browser tests: `npx vitest run --config vitest.e2e.config.ts` (builds the web app first if stale). */
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    pool: 'forks',
    testTimeout: 120_000,
    hookTimeout: 300_000,
  },
});
