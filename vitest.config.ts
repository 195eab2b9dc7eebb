import { defineConfig } from 'vitest/config';

/**
 * Three projects: fast units, integration against a real PostgreSQL (external when
 * DATABASE_URL is set, embedded otherwise), and end-to-end tests in Debian's Chromium.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['apps/*/src/**/*.test.ts', 'packages/*/src/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
          // Some unit tests run real tools (eslint over the tree, dcmdump per transfer syntax);
          // on a loaded two-core machine they pass 5 s. A limit, not a timed assertion.
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'integration',
          include: ['apps/*/src/**/*.int.test.ts'],
          globalSetup: ['apps/server/src/testing/globalSetup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.test.ts'],
          globalSetup: ['e2e/support/globalSetup.ts'],
          // Fails a file that leaves the shared server's accounts or settings changed.
          setupFiles: ['e2e/support/sharedState.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // A page that reloads under a loaded CI machine can take longer than expect.poll's
          // 1 s default to show what the test waits for; this is a wait, not a timed assertion.
          expect: { poll: { timeout: 15_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
